package io.tai2.evaluation;

import io.tai2.history.DecisionAttribution;
import io.tai2.history.DecisionAttributionRepository;
import io.tai2.history.EquityRepository;
import io.tai2.history.EquitySample;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Ranks prompt versions or models on what their decisions earned: each arm's counts from the decision log and its
 * statistics ({@link ArmStats}, {@link Bootstrap}, {@link Verdict}, {@link Drawdown}) over the round trips its entries
 * opened. The only class of this module that reads the history: the statistics stay pure functions over numbers.
 */
@Service
public class Leaderboard {

  /** Arms are listed in order of their first decision, so the incumbent is A in a pairwise comparison. */
  private static final Comparator<List<DecisionAttribution>> FIRST_DECISION =
      Comparator.comparing((List<DecisionAttribution> arm) -> arm.getFirst().createdAt()).thenComparing(arm -> arm.getFirst().id());

  private final DecisionAttributionRepository attribution;
  private final EquityRepository equity;
  private final Bootstrap bootstrap;

  @Autowired
  public Leaderboard(DecisionAttributionRepository attribution, EquityRepository equity) {
    this(attribution, equity, new Bootstrap(Bootstrap.DEFAULT_SEED));
  }

  Leaderboard(DecisionAttributionRepository attribution, EquityRepository equity, Bootstrap bootstrap) {
    this.attribution = attribution;
    this.equity = equity;
    this.bootstrap = bootstrap;
  }

  public LeaderboardBoard rank(LeaderboardQuery q) {
    Optional<BigDecimal> startingEquity = startingEquity(q.from());
    if (q.source() == LeaderboardQuery.Source.PAPER || q.source() == LeaderboardQuery.Source.SHADOW) {
      return new LeaderboardBoard(List.of(), List.of(), startingEquity); // no paper or shadow decisions are recorded yet
    }
    Map<String, List<DecisionAttribution>> arms = new LinkedHashMap<>();
    for (DecisionAttribution d : attribution.between(q.from(), q.to(), q.symbol())) {
      arms.computeIfAbsent(key(d, q.groupBy()), k -> new ArrayList<>()).add(d);
    }
    List<LeaderboardRow> rows = new ArrayList<>();
    Map<String, ArmStats> stats = new LinkedHashMap<>();
    arms.values().stream().sorted(FIRST_DECISION).forEach(arm -> {
      String key = key(arm.getFirst(), q.groupBy());
      ArmStats s = stats(arm);
      stats.put(key, s);
      rows.add(row(key, label(arm.getFirst(), q.groupBy()), arm, s, startingEquity));
    });
    return new LeaderboardBoard(List.copyOf(rows), comparisons(q, List.copyOf(stats.keySet()), stats), startingEquity);
  }

  /** One arm's stated confidence against what its closed round trips earned. */
  public record ArmCalibration(String key, String label, Calibration calibration, Optional<Calibration.Gate> bestGate) {}

  /**
   * Per arm, the confidence its entries stated against whether their round trips won (reliability buckets, Brier score),
   * and the confidence gate that would have maximised expectancy — advice, never applied. Only closed round trips with
   * a stated confidence count; live only until the paper and shadow sources exist.
   */
  public List<ArmCalibration> calibrate(LeaderboardQuery q) {
    if (q.source() == LeaderboardQuery.Source.PAPER || q.source() == LeaderboardQuery.Source.SHADOW) {
      return List.of();
    }
    Map<String, List<DecisionAttribution>> arms = new LinkedHashMap<>();
    for (DecisionAttribution d : attribution.between(q.from(), q.to(), q.symbol())) {
      arms.computeIfAbsent(key(d, q.groupBy()), k -> new ArrayList<>()).add(d);
    }
    return arms.values().stream().sorted(FIRST_DECISION).map(arm -> {
      List<DecisionAttribution> judged = arm.stream().filter(d -> d.isClosed() && d.confidence().isPresent()).toList();
      List<Calibration.Forecast> forecasts = judged.stream()
          .map(d -> new Calibration.Forecast(d.confidence().get().doubleValue(), d.realisedPnl().get().signum() > 0)).toList();
      List<Calibration.ConfidentTrade> trades = judged.stream()
          .map(d -> new Calibration.ConfidentTrade(d.confidence().get().doubleValue(), d.realisedPnl().get().doubleValue())).toList();
      return new ArmCalibration(key(arm.getFirst(), q.groupBy()), label(arm.getFirst(), q.groupBy()), Calibration.of(forecasts),
          Calibration.bestGate(trades));
    }).toList();
  }

  /**
   * The equity the drawdown percentages start from: the last sample at or before the period's start, else the first one
   * after it (the account's first known equity), else none — a percentage of an unknown account would be invented.
   */
  private Optional<BigDecimal> startingEquity(Instant from) {
    return equity.latestAtOrBefore(from).flatMap(EquitySample::totalEqUsd).filter(e -> e.signum() > 0)
        .or(() -> equity.earliestAtOrAfter(from).flatMap(EquitySample::totalEqUsd).filter(e -> e.signum() > 0));
  }

  static String key(DecisionAttribution d, LeaderboardQuery.GroupBy groupBy) {
    return switch (groupBy) {
      case VERSION -> d.promptVersionId().map(Object::toString).orElse("none");
      case MODEL -> d.model().orElse("unknown");
    };
  }

  private static String label(DecisionAttribution d, LeaderboardQuery.GroupBy groupBy) {
    return switch (groupBy) {
      case VERSION -> d.promptVersionName().orElse(d.promptVersionId().isPresent() ? "(unnamed version)" : "(no version)");
      case MODEL -> d.model().orElse("(unknown model)");
    };
  }

  /** The arm's closed round trips in closing order (the order a drawdown runs in) and what all its LLM calls cost. */
  private static ArmStats stats(List<DecisionAttribution> arm) {
    List<BigDecimal> pnls = arm.stream().filter(DecisionAttribution::isClosed)
        .sorted(Comparator.comparing((DecisionAttribution d) -> d.closedAt().orElseThrow()).thenComparing(DecisionAttribution::id))
        .map(d -> d.realisedPnl().orElseThrow()).toList();
    BigDecimal cost = arm.stream().map(d -> d.llmCostUsd().orElse(BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add);
    return new ArmStats(pnls, cost.max(BigDecimal.ZERO));
  }

  private LeaderboardRow row(String key, String label, List<DecisionAttribution> arm, ArmStats s, Optional<BigDecimal> startingEquity) {
    int decisions = arm.size();
    long entries = arm.stream().filter(DecisionAttribution::isEntry).count();
    long open = arm.stream().filter(d -> d.isEntry() && !d.addedToPosition() && !d.isClosed()).count();
    long holds = arm.stream().filter(d -> d.action().filter("HOLD"::equals).isPresent()).count();
    long rejects = arm.stream().filter(d -> d.outcome().equals("REJECTED")).count();
    OptionalDouble latency = arm.stream().flatMap(d -> d.latencyMs().stream()).mapToLong(Long::longValue).average();
    List<BigDecimal> costs = arm.stream().flatMap(d -> d.llmCostUsd().stream()).toList();
    Optional<BigDecimal> avgCost = costs.isEmpty() ? Optional.empty()
        : Optional.of(costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(costs.size()), MathContext.DECIMAL64));
    OptionalDouble drawdownPct = startingEquity.map(e -> OptionalDouble.of(Drawdown.largestPercent(e, s.pnls()))).orElse(OptionalDouble.empty());
    return new LeaderboardRow(key, label, "live", decisions, (int) entries, s.closedTrades(), (int) open, s.winRate(), s.expectancy(),
        s.expectancyCi95(bootstrap), s.totalPnl(), s.llmCostUsd(), s.pnlPerLlmUsd(), s.maxDrawdown(), drawdownPct, latency, avgCost,
        share(holds, decisions), share(rejects, decisions));
  }

  private static OptionalDouble share(long part, int whole) {
    return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
  }

  /**
   * With an A/B split set and arms by version, the champion (version A) against every other arm present; otherwise every
   * pair, the earlier row as A.
   */
  private List<LeaderboardBoard.Comparison> comparisons(LeaderboardQuery q, List<String> keys, Map<String, ArmStats> stats) {
    List<LeaderboardBoard.Comparison> out = new ArrayList<>();
    Optional<String> champion = q.abSplit().filter(ab -> q.groupBy() == LeaderboardQuery.GroupBy.VERSION)
        .map(ab -> ab.versionA().toString()).filter(keys::contains);
    if (champion.isPresent()) {
      String a = champion.get();
      keys.stream().filter(b -> !b.equals(a))
          .forEach(b -> out.add(new LeaderboardBoard.Comparison(a, b, stats.get(a).against(stats.get(b), bootstrap))));
      return List.copyOf(out);
    }
    for (int i = 0; i < keys.size(); i++) {
      for (int j = i + 1; j < keys.size(); j++) {
        String a = keys.get(i);
        String b = keys.get(j);
        out.add(new LeaderboardBoard.Comparison(a, b, stats.get(a).against(stats.get(b), bootstrap)));
      }
    }
    return List.copyOf(out);
  }
}
