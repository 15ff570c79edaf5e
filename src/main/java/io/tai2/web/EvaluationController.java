package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.evaluation.ConfidenceInterval;
import io.tai2.evaluation.Leaderboard;
import io.tai2.evaluation.LeaderboardBoard;
import io.tai2.evaluation.LeaderboardQuery;
import io.tai2.evaluation.LeaderboardRow;
import io.tai2.reasoning.ReasoningSettingsStore;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The A/B leaderboard: prompt versions or models ranked on what their decisions earned, with confidence intervals. */
@RestController
class EvaluationController {

  /** Without dates, the last 30 UTC days including today. */
  static final int DEFAULT_DAYS = 30;

  static final List<String> PARAMETERS = List.of("group_by", "source", "from", "to", "symbol");
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{1,20}(-[A-Z0-9]{1,20}){0,3}");

  private final Leaderboard leaderboard;
  private final ReasoningSettingsStore reasoning;

  EvaluationController(Leaderboard leaderboard, ReasoningSettingsStore reasoning) {
    this.leaderboard = leaderboard;
    this.reasoning = reasoning;
  }

  record RowView(
      String key,
      String label,
      String source,
      int decisions,
      int entries,
      int closedTrades,
      int openTrades,
      Double winRate,
      BigDecimal expectancyUsdt,
      List<Double> expectancyCi95,
      BigDecimal pnlUsdt,
      BigDecimal llmCostUsd,
      BigDecimal pnlPerLlmUsd,
      BigDecimal maxDrawdownUsdt,
      Double maxDrawdownPct,
      Double avgLlmLatencyMs,
      BigDecimal avgLlmCostUsd,
      Double holdRate,
      Double rejectRate,
      BigDecimal avgMfePct,
      BigDecimal avgMaePct) {

    static RowView of(LeaderboardRow r) {
      return new RowView(
          r.key(),
          r.label(),
          r.source(),
          r.decisions(),
          r.entries(),
          r.closedTrades(),
          r.openTrades(),
          value(r.winRate()),
          r.expectancyUsdt().orElse(null),
          interval(r.expectancyCi95()),
          r.pnlUsdt(),
          r.llmCostUsd(),
          r.pnlPerLlmUsd().orElse(null),
          r.maxDrawdownUsdt(),
          value(r.maxDrawdownPct()),
          value(r.avgLlmLatencyMs()),
          r.avgLlmCostUsd().orElse(null),
          value(r.holdRate()),
          value(r.rejectRate()),
          r.avgMfePct().orElse(null),
          r.avgMaePct().orElse(null));
    }
  }

  /** {@code verdict} is the sentence; {@code kind} A_BETTER, B_BETTER or UNDECIDED; the interval is of mean(b) − mean(a). */
  record ComparisonView(
      String a,
      String aSource,
      String b,
      String bSource,
      List<Double> diffCi95,
      String verdict,
      String kind,
      Long moreTradesNeeded) {

    static ComparisonView of(LeaderboardBoard.Comparison c) {
      return new ComparisonView(
          c.a(),
          c.aSource(),
          c.b(),
          c.bSource(),
          interval(c.verdict().differenceCi95()),
          c.verdict().text(),
          c.verdict().kind().name(),
          c.verdict().moreTradesNeeded().isPresent()
              ? c.verdict().moreTradesNeeded().getAsLong()
              : null);
    }
  }

  record BoardView(
      String groupBy,
      String source,
      Instant from,
      Instant to,
      String symbol,
      BigDecimal startingEquityUsdt,
      List<RowView> rows,
      List<ComparisonView> comparisons,
      String note) {}

  @Operation(
      summary =
          "Leaderboard per prompt version or model (group_by=version|model, from/to as UTC dates, both inclusive, or "
              + "ISO instants; symbol; source=live|paper|shadow|all): decisions, entries, closed trades, win rate, expectancy with its "
              + "bootstrap 95% CI, PnL, LLM cost, PnL per LLM USD, max drawdown; verdicts between arms (champion vs others under an A/B split)")
  @GetMapping("/api/evaluation/leaderboard")
  BoardView leaderboard(
      HttpServletRequest request,
      @RequestParam(name = "group_by", defaultValue = "version") String groupBy,
      @RequestParam(defaultValue = "all") String source,
      @RequestParam Optional<String> from,
      @RequestParam Optional<String> to,
      @RequestParam Optional<String> symbol) {
    LeaderboardQuery q = query(request, groupBy, source, from, to, symbol);
    try {
      LeaderboardBoard board = leaderboard.rank(q);
      return new BoardView(
          q.groupBy().name().toLowerCase(Locale.ROOT),
          q.source().name().toLowerCase(Locale.ROOT),
          q.from(),
          q.to(),
          q.symbol().orElse(null),
          board.startingEquity().orElse(null),
          board.rows().stream().map(RowView::of).toList(),
          board.comparisons().stream().map(ComparisonView::of).toList(),
          null);
    } catch (DataAccessException e) {
      throw new ServiceUnavailableException(
          "leaderboard unavailable",
          "the history database is not reachable; check DATABASE_URL and the server",
          e);
    }
  }

  /** The query both endpoints take, read strictly: an unknown parameter or a bad value is a 400 naming it. */
  private LeaderboardQuery query(
      HttpServletRequest request,
      String groupBy,
      String source,
      Optional<String> from,
      Optional<String> to,
      Optional<String> symbol) {
    Optional<LeaderboardQuery.AbSplit> ab =
        reasoning
            .current()
            .abSplit()
            .map(s -> new LeaderboardQuery.AbSplit(s.versionA(), s.versionB()));
    return query(request, PARAMETERS, groupBy, source, from, to, symbol, ab);
  }

  /**
   * A leaderboard query from request parameters, read strictly: a parameter not in {@code parameters} or a bad value is a
   * 400 naming it. Also for the champion card, which compares the champion with the challenger ({@code ab}).
   */
  static LeaderboardQuery query(
      HttpServletRequest request,
      List<String> parameters,
      String groupBy,
      String source,
      Optional<String> from,
      Optional<String> to,
      Optional<String> symbol,
      Optional<LeaderboardQuery.AbSplit> ab) {
    request.getParameterMap().keySet().stream()
        .filter(p -> !parameters.contains(p))
        .findFirst()
        .ifPresent(
            p -> {
              throw new BadParameterException(
                  RequestProblems.echo(p),
                  "unknown parameter "
                      + RequestProblems.echo(p)
                      + "; this endpoint takes "
                      + String.join(", ", parameters));
            });
    LeaderboardQuery.GroupBy group =
        choice(LeaderboardQuery.GroupBy.class, "group_by", groupBy, "version or model");
    LeaderboardQuery.Source src =
        choice(LeaderboardQuery.Source.class, "source", source, "live, paper, shadow or all");
    Instant end =
        to.filter(s -> !s.isBlank())
            .map(s -> time("to", s, true))
            .orElseGet(EvaluationController::defaultEnd);
    Instant start =
        from.filter(s -> !s.isBlank())
            .map(s -> time("from", s, false))
            .orElseGet(() -> defaultStart(end));
    if (!start.isBefore(
        end)) { // a day is [its start, the next start): from=to=the same day is one day, not an
      // empty period
      throw new BadParameterException(
          "from",
          "from must be before to (dates are whole UTC days, both inclusive), was "
              + start
              + " and to ends at "
              + end);
    }
    Optional<String> pair =
        symbol.filter(s -> !s.isBlank()).map(s -> s.strip().toUpperCase(Locale.ROOT));
    if (pair.isPresent() && !SYMBOL.matcher(pair.get()).matches()) {
      throw new BadParameterException(
          "symbol",
          "symbol must be an instrument id like BTC-USDT-SWAP, was "
              + RequestProblems.echo(symbol.get()));
    }
    return new LeaderboardQuery(group, src, start, end, pair, ab);
  }

  /** The end of the default period: the end of today (UTC). */
  static Instant defaultEnd() {
    return LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** The start of the default period ending at {@code end}: {@value #DEFAULT_DAYS} UTC days including the last. */
  static Instant defaultStart(Instant end) {
    return LocalDate.ofInstant(end.minusNanos(1), ZoneOffset.UTC)
        .minusDays(DEFAULT_DAYS - 1)
        .atStartOfDay()
        .toInstant(ZoneOffset.UTC);
  }

  record BucketView(double from, double to, int count, Double meanConfidence, Double winRate) {}

  record GateView(double gate, int trades, double expectancyUsdt) {}

  record ArmCalibrationView(
      String key,
      String source,
      String label,
      int forecasts,
      Double brierScore,
      List<BucketView> buckets,
      GateView bestGate) {

    static ArmCalibrationView of(Leaderboard.ArmCalibration a) {
      return new ArmCalibrationView(
          a.key(),
          a.source(),
          a.label(),
          a.calibration().forecasts(),
          value(a.calibration().brierScore()),
          a.calibration().buckets().stream()
              .map(
                  b ->
                      new BucketView(
                          b.from(),
                          b.to(),
                          b.count(),
                          value(b.meanConfidence()),
                          value(b.winRate())))
              .toList(),
          a.bestGate().map(g -> new GateView(g.gate(), g.trades(), g.expectancy())).orElse(null));
    }
  }

  record CalibrationView(
      String groupBy,
      String source,
      Instant from,
      Instant to,
      String symbol,
      List<ArmCalibrationView> arms,
      String note) {}

  @Operation(
      summary =
          "Calibration per model or prompt version (same parameters as the leaderboard): stated confidence in ten buckets "
              + "against the realised win rate of the closed round trips, the Brier score, and the confidence gate that would have maximised "
              + "expectancy (advice; at least 5 trades above it)")
  @GetMapping("/api/evaluation/calibration")
  CalibrationView calibration(
      HttpServletRequest request,
      @RequestParam(name = "group_by", defaultValue = "model") String groupBy,
      @RequestParam(defaultValue = "all") String source,
      @RequestParam Optional<String> from,
      @RequestParam Optional<String> to,
      @RequestParam Optional<String> symbol) {
    LeaderboardQuery q = query(request, groupBy, source, from, to, symbol);
    try {
      return new CalibrationView(
          q.groupBy().name().toLowerCase(Locale.ROOT),
          q.source().name().toLowerCase(Locale.ROOT),
          q.from(),
          q.to(),
          q.symbol().orElse(null),
          leaderboard.calibrate(q).stream().map(ArmCalibrationView::of).toList(),
          null);
    } catch (DataAccessException e) {
      throw new ServiceUnavailableException(
          "calibration unavailable",
          "the history database is not reachable; check DATABASE_URL and the server",
          e);
    }
  }

  private static <E extends Enum<E>> E choice(
      Class<E> type, String name, String value, String allowed) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadParameterException(
          name, name + " must be " + allowed + ", was " + RequestProblems.echo(value));
    }
  }

  /** A UTC day (from: its start; to: the end of it, so both are inclusive) or an exact ISO instant. */
  private static Instant time(String name, String text, boolean end) {
    String t = text.strip();
    try {
      if (t.contains("T")) {
        Instant at = Instant.parse(t);
        if (at.isBefore(
                HistoryController.Filters.FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC))
            || at.isAfter(
                HistoryController.Filters.LAST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC))) {
          throw new BadParameterException(
              name,
              name
                  + " must be between "
                  + HistoryController.Filters.FIRST_DAY
                  + " and "
                  + HistoryController.Filters.LAST_DAY
                  + ", was "
                  + at);
        }
        return at;
      }
      LocalDate day = LocalDate.parse(t);
      if (day.isBefore(HistoryController.Filters.FIRST_DAY)
          || day.isAfter(HistoryController.Filters.LAST_DAY)) {
        throw new BadParameterException(
            name,
            name
                + " must be between "
                + HistoryController.Filters.FIRST_DAY
                + " and "
                + HistoryController.Filters.LAST_DAY
                + ", was "
                + day);
      }
      return (end ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new BadParameterException(
          name,
          name
              + " must be a date like 2026-12-04 or an instant like 2026-12-04T10:00:00Z, was "
              + RequestProblems.echo(text));
    }
  }

  private static Double value(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }

  private static List<Double> interval(Optional<ConfidenceInterval> ci) {
    return ci.map(c -> List.of(c.lower(), c.upper())).orElse(null);
  }
}
