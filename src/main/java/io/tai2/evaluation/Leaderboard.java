package io.tai2.evaluation;

import io.tai2.history.DecisionAttribution;
import io.tai2.history.DecisionAttributionRepository;
import io.tai2.history.EquityRepository;
import io.tai2.history.EquitySample;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
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
      Comparator.comparing((List<DecisionAttribution> arm) -> arm.getFirst().createdAt())
          .thenComparing(arm -> arm.getFirst().id());

  private final DecisionAttributionRepository attribution;
  private final EquityRepository equity;
  private final Bootstrap bootstrap;

  @Autowired
  public Leaderboard(DecisionAttributionRepository attribution, EquityRepository equity) {
    this(attribution, equity, new Bootstrap(Bootstrap.DEFAULT_SEED));
  }

  Leaderboard(
      DecisionAttributionRepository attribution, EquityRepository equity, Bootstrap bootstrap) {
    this.attribution = attribution;
    this.equity = equity;
    this.bootstrap = bootstrap;
  }

  public LeaderboardBoard rank(LeaderboardQuery q) {
    Optional<BigDecimal> startingEquity = startingEquity(q.from());
    List<LeaderboardRow> rows = new ArrayList<>();
    Map<Arm, ArmStats> stats = new LinkedHashMap<>();
    arms(q)
        .forEach(
            (arm, decisions) -> {
              ArmStats s = stats(decisions);
              stats.put(arm, s);
              rows.add(
                  row(arm, label(decisions.getFirst(), q.groupBy()), decisions, s, startingEquity));
            });
    return new LeaderboardBoard(
        List.copyOf(rows), comparisons(q, List.copyOf(stats.keySet()), stats), startingEquity);
  }

  /** An arm: decisions of one source (live, paper, shadow) with one key (version or model). */
  private record Arm(String source, String key) {}

  /** The period's decisions by arm, arms in order of their first decision. */
  private Map<Arm, List<DecisionAttribution>> arms(LeaderboardQuery q) {
    Map<Arm, List<DecisionAttribution>> arms = new LinkedHashMap<>();
    for (DecisionAttribution d :
        attribution.between(q.from(), q.to(), q.symbol(), source(q.source()))) {
      arms.computeIfAbsent(new Arm(d.source(), key(d, q.groupBy())), k -> new ArrayList<>()).add(d);
    }
    Map<Arm, List<DecisionAttribution>> ordered = new LinkedHashMap<>();
    arms.entrySet().stream()
        .sorted(Map.Entry.comparingByValue(FIRST_DECISION))
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }

  private static Optional<String> source(LeaderboardQuery.Source source) {
    return source == LeaderboardQuery.Source.ALL
        ? Optional.empty()
        : Optional.of(source.name().toLowerCase(Locale.ROOT));
  }

  /** One arm's stated confidence against what its closed round trips earned. */
  public record ArmCalibration(
      String key,
      String source,
      String label,
      Calibration calibration,
      Optional<Calibration.Gate> bestGate) {}

  /**
   * Per arm, the confidence its entries stated against whether their round trips won (reliability buckets, Brier score),
   * and the confidence gate that would have maximised expectancy — advice, never applied. Only closed round trips with
   * a stated confidence count.
   */
  public List<ArmCalibration> calibrate(LeaderboardQuery q) {
    return arms(q).entrySet().stream()
        .map(
            e -> {
              List<DecisionAttribution> arm = e.getValue();
              List<DecisionAttribution> judged =
                  arm.stream().filter(d -> d.isClosed() && d.confidence().isPresent()).toList();
              List<Calibration.Forecast> forecasts =
                  judged.stream()
                      .map(
                          d ->
                              new Calibration.Forecast(
                                  d.confidence().get().doubleValue(),
                                  d.realisedPnl().get().signum() > 0))
                      .toList();
              List<Calibration.ConfidentTrade> trades =
                  judged.stream()
                      .map(
                          d ->
                              new Calibration.ConfidentTrade(
                                  d.confidence().get().doubleValue(),
                                  d.realisedPnl().get().doubleValue()))
                      .toList();
              return new ArmCalibration(
                  e.getKey().key(),
                  e.getKey().source(),
                  label(arm.getFirst(), q.groupBy()),
                  Calibration.of(forecasts),
                  Calibration.bestGate(trades));
            })
        .toList();
  }

  /**
   * The equity the drawdown percentages start from: the last sample at or before the period's start, else the first one
   * after it (the account's first known equity), else none — a percentage of an unknown account would be invented.
   */
  private Optional<BigDecimal> startingEquity(Instant from) {
    return equity
        .latestAtOrBefore(from)
        .flatMap(EquitySample::totalEqUsd)
        .filter(e -> e.signum() > 0)
        .or(
            () ->
                equity
                    .earliestAtOrAfter(from)
                    .flatMap(EquitySample::totalEqUsd)
                    .filter(e -> e.signum() > 0));
  }

  static String key(DecisionAttribution d, LeaderboardQuery.GroupBy groupBy) {
    return switch (groupBy) {
      case VERSION -> d.promptVersionId().map(Object::toString).orElse("none");
      case MODEL -> d.model().orElse("unknown");
    };
  }

  private static String label(DecisionAttribution d, LeaderboardQuery.GroupBy groupBy) {
    return switch (groupBy) {
      case VERSION ->
          d.promptVersionName()
              .orElse(d.promptVersionId().isPresent() ? "(unnamed version)" : "(no version)");
      case MODEL -> d.model().orElse("(unknown model)");
    };
  }

  /** The arm's closed round trips in closing order (the order a drawdown runs in) and what all its LLM calls cost. */
  private static ArmStats stats(List<DecisionAttribution> arm) {
    List<BigDecimal> pnls =
        arm.stream()
            .filter(DecisionAttribution::isClosed)
            .sorted(
                Comparator.comparing((DecisionAttribution d) -> d.closedAt().orElseThrow())
                    .thenComparing(DecisionAttribution::id))
            .map(d -> d.realisedPnl().orElseThrow())
            .toList();
    BigDecimal cost =
        arm.stream()
            .map(d -> d.llmCostUsd().orElse(BigDecimal.ZERO))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return new ArmStats(pnls, cost.max(BigDecimal.ZERO));
  }

  private LeaderboardRow row(
      Arm id,
      String label,
      List<DecisionAttribution> arm,
      ArmStats s,
      Optional<BigDecimal> startingEquity) {
    int decisions = arm.size();
    long entries = arm.stream().filter(DecisionAttribution::isEntry).count();
    long open =
        arm.stream().filter(d -> d.isEntry() && !d.addedToPosition() && !d.isClosed()).count();
    long holds = arm.stream().filter(d -> d.action().filter("HOLD"::equals).isPresent()).count();
    long rejects = arm.stream().filter(d -> d.outcome().equals("REJECTED")).count();
    OptionalDouble latency =
        arm.stream().flatMap(d -> d.latencyMs().stream()).mapToLong(Long::longValue).average();
    List<BigDecimal> costs = arm.stream().flatMap(d -> d.llmCostUsd().stream()).toList();
    Optional<BigDecimal> avgCost =
        costs.isEmpty()
            ? Optional.empty()
            : Optional.of(
                costs.stream()
                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(costs.size()), MathContext.DECIMAL64));
    OptionalDouble drawdownPct =
        startingEquity
            .map(e -> OptionalDouble.of(Drawdown.largestPercent(e, s.pnls())))
            .orElse(OptionalDouble.empty());
    return new LeaderboardRow(
        id.key(),
        label,
        id.source(),
        decisions,
        (int) entries,
        s.closedTrades(),
        (int) open,
        s.winRate(),
        s.expectancy(),
        s.expectancyCi95(bootstrap),
        s.totalPnl(),
        s.llmCostUsd(),
        s.pnlPerLlmUsd(),
        s.maxDrawdown(),
        drawdownPct,
        latency,
        avgCost,
        share(holds, decisions),
        share(rejects, decisions),
        average(arm, DecisionAttribution::mfePct),
        average(arm, DecisionAttribution::maePct));
  }

  /** The mean of an excursion over the arm's round trips that have one, four places; empty when none has. */
  private static Optional<BigDecimal> average(
      List<DecisionAttribution> arm, Function<DecisionAttribution, Optional<BigDecimal>> of) {
    List<BigDecimal> values = arm.stream().flatMap(d -> of.apply(d).stream()).toList();
    return values.isEmpty()
        ? Optional.empty()
        : Optional.of(
            values.stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(values.size()), 4, RoundingMode.HALF_EVEN));
  }

  private static OptionalDouble share(long part, int whole) {
    return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
  }

  /**
   * With an A/B split set and arms by version, the champion (version A, as traded: live or paper) against every other arm
   * present, shadows included; otherwise every pair, the earlier row as A.
   */
  private List<LeaderboardBoard.Comparison> comparisons(
      LeaderboardQuery q, List<Arm> arms, Map<Arm, ArmStats> stats) {
    List<LeaderboardBoard.Comparison> out = new ArrayList<>();
    Optional<Arm> champion =
        q.abSplit()
            .filter(ab -> q.groupBy() == LeaderboardQuery.GroupBy.VERSION)
            .flatMap(
                ab ->
                    arms.stream()
                        .filter(a -> a.key().equals(ab.versionA().toString()))
                        .min(Comparator.comparing((Arm a) -> a.source().equals("shadow"))));
    if (champion.isPresent()) {
      Arm a = champion.get();
      arms.stream().filter(b -> !b.equals(a)).forEach(b -> out.add(comparison(a, b, stats)));
      return List.copyOf(out);
    }
    for (int i = 0; i < arms.size(); i++) {
      for (int j = i + 1; j < arms.size(); j++) {
        out.add(comparison(arms.get(i), arms.get(j), stats));
      }
    }
    return List.copyOf(out);
  }

  private LeaderboardBoard.Comparison comparison(Arm a, Arm b, Map<Arm, ArmStats> stats) {
    return new LeaderboardBoard.Comparison(
        a.key(), a.source(), b.key(), b.source(), stats.get(a).against(stats.get(b), bootstrap));
  }
}
