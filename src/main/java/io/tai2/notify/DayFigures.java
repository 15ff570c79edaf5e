package io.tai2.notify;

import io.tai2.history.DecisionRepository;
import io.tai2.history.EquityRepository;
import io.tai2.history.EquitySample;
import io.tai2.history.TradeQuery;
import io.tai2.history.TradeRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One period's figures from the history: realised PnL, fees and trades (every fill recorded, tai2's and OKX's own), the
 * LLM cost of its decisions, and the equity sampled when it began.
 *
 * @param fees as a positive amount paid (OKX reports fees as negative numbers)
 */
record DayFigures(
    Instant from,
    Instant to,
    BigDecimal realisedPnl,
    BigDecimal fees,
    long trades,
    BigDecimal llmCostUsd,
    Optional<BigDecimal> equityAtStart) {

  /** Reads the figures of {@code [from, to)}. */
  static DayFigures of(
      Instant from,
      Instant to,
      TradeRepository trades,
      DecisionRepository decisions,
      EquityRepository equity) {
    TradeQuery.Page page =
        trades.page(
            new TradeQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.of(from),
                Optional.of(to),
                "time",
                true,
                1,
                1));
    BigDecimal cost =
        decisions.costSince(from).subtract(decisions.costSince(to)).max(BigDecimal.ZERO);
    Optional<BigDecimal> start =
        equity
            .latestAtOrBefore(from)
            .flatMap(EquitySample::totalEqUsd)
            .or(
                () ->
                    equity
                        .earliestAtOrAfter(from)
                        .filter(s -> s.observedAt().isBefore(to))
                        .flatMap(EquitySample::totalEqUsd));
    return new DayFigures(
        from, to, page.realisedPnl(), page.fees().abs(), page.total(), cost, start);
  }
}
