package io.tai2.history;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One decision with what it led to: who made it (model, prompt version), what it said, what it cost, and — for an entry
 * that filled — the round trip it opened, with its realised PnL net of fees once the position is closed again. See
 * {@link DecisionAttributionRepository} for the attribution rule.
 *
 * @param source where it was acted on: {@code live}, {@code paper} or {@code shadow}
 * @param action the decision's action (BUY, SELL, HOLD, CLOSE); empty when the LLM call failed or the reply held none
 * @param entered when the decision's entry order filled; empty for a decision that opened nothing
 * @param addedToPosition its entry added to a position an earlier decision opened: the round trip, and its PnL, are
 *     that decision's, so this one never gets a PnL of its own
 * @param realisedPnl the round trip's realised PnL plus its fees (fees are negative when paid), USDT; empty while open
 * @param closedAt when the round trip went flat again; empty while open or for a decision that opened nothing
 * @param mfePct the round trip's maximum favourable excursion while open, % of its entry price (≥ 0): a paper or shadow
 *     one's as its paper account tracked it, a closed live one's from the recorded one-minute candles over its holding
 *     minutes; empty while open, for a decision that opened nothing or only added, and when the candles do not cover
 *     every minute it was open
 * @param maePct the maximum adverse excursion, likewise (≤ 0)
 */
public record DecisionAttribution(
    UUID id,
    Instant createdAt,
    String symbol,
    String source,
    Optional<String> model,
    Optional<UUID> promptVersionId,
    Optional<String> promptVersionName,
    String outcome,
    Optional<String> action,
    Optional<BigDecimal> confidence,
    Optional<BigDecimal> llmCostUsd,
    Optional<Long> latencyMs,
    Optional<Instant> entered,
    boolean addedToPosition,
    Optional<BigDecimal> realisedPnl,
    Optional<Instant> closedAt,
    Optional<BigDecimal> mfePct,
    Optional<BigDecimal> maePct) {

  /** True when the decision's entry order filled: it opened (or added to) a position. */
  public boolean isEntry() {
    return entered.isPresent();
  }

  /** True when the round trip it opened is closed and its PnL is known (never for an entry that only added). */
  public boolean isClosed() {
    return realisedPnl.isPresent();
  }

  /** How long the position was held; empty unless it opened a position that has closed. */
  public Optional<Duration> holding() {
    return entered.flatMap(in -> closedAt.map(out -> Duration.between(in, out)));
  }
}
