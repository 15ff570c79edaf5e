package io.tai2.evaluation;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One arm of the leaderboard. Counts come from the decision log; the PnL figures from the round trips the arm's
 * entries opened and that have closed (see {@code history.DecisionAttributionRepository}).
 *
 * @param key the version id or the model id ("none" / "unknown" for decisions without one)
 * @param label what a trader reads: the version's name, or the model id
 * @param decisions every decision of the arm in the period, whatever its outcome
 * @param entries decisions whose entry order filled (a position opened or added to)
 * @param closedTrades round trips opened by the arm's decisions that are closed
 * @param openTrades round trips opened by the arm's decisions that are still open (not in the PnL yet)
 * @param expectancyCi95 bootstrap 95 % interval of the expectancy; empty below two closed trades
 * @param maxDrawdownPct the largest fall of the account if it had traded only this arm, from the equity at the
 *     period's start; empty when no equity was ever recorded
 * @param holdRate share of decisions that said HOLD; rejectRate share refused by the guardrails; both 0..1
 * @param avgMfePct mean maximum favourable excursion (% of entry, ≥ 0) of the arm's closed round trips that have one
 *     (a live one needs recorded candles over its whole holding time); avgMaePct the mean adverse one (≤ 0); empty when none has
 */
public record LeaderboardRow(
    String key,
    String label,
    String source,
    int decisions,
    int entries,
    int closedTrades,
    int openTrades,
    OptionalDouble winRate,
    Optional<BigDecimal> expectancyUsdt,
    Optional<ConfidenceInterval> expectancyCi95,
    BigDecimal pnlUsdt,
    BigDecimal llmCostUsd,
    Optional<BigDecimal> pnlPerLlmUsd,
    BigDecimal maxDrawdownUsdt,
    OptionalDouble maxDrawdownPct,
    OptionalDouble avgLlmLatencyMs,
    Optional<BigDecimal> avgLlmCostUsd,
    OptionalDouble holdRate,
    OptionalDouble rejectRate,
    Optional<BigDecimal> avgMfePct,
    Optional<BigDecimal> avgMaePct) {}
