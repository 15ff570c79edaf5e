package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One round trip of a paper account (the dry run or a shadow): written when its entry fills, completed when it closes.
 *
 * @param book the paper account ({@code paper}, or {@code shadow: model @ version})
 * @param side {@code long} or {@code short}
 * @param exitReason {@code stop}, {@code take}, {@code close}, {@code liquidation} or {@code reset}; empty while open
 * @param fees both legs' taker fees, positive when paid
 * @param funding funding received while open (negative when paid)
 * @param pnl what the round trip added to the cash: gross − fees + funding
 * @param mfePct the best move in its favour while open, % of the entry price (≥ 0)
 * @param maePct the worst move against it while open, % of the entry price (≤ 0)
 */
public record PaperTrade(
    UUID id,
    String book,
    String symbol,
    String side,
    BigDecimal contracts,
    BigDecimal coin,
    BigDecimal leverage,
    Instant entryTime,
    BigDecimal entryPrice,
    Optional<BigDecimal> stopLoss,
    Optional<BigDecimal> takeProfit,
    UUID entryDecision,
    Optional<Instant> exitTime,
    Optional<BigDecimal> exitPrice,
    Optional<String> exitReason,
    Optional<UUID> exitDecision,
    Optional<BigDecimal> fees,
    Optional<BigDecimal> funding,
    Optional<BigDecimal> grossPnl,
    Optional<BigDecimal> pnl,
    Optional<BigDecimal> mfePct,
    Optional<BigDecimal> maePct) {

  public boolean closed() {
    return exitTime.isPresent();
  }
}
