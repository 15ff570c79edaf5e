package io.tai2.paper;

import io.tai2.market.AccountSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A paper account as LIVE shows it.
 *
 * @param feesPaid taker fees paid since the start (positive)
 * @param fundingPaid funding paid since the start (positive when paid)
 * @param lock why the book's own daily-loss lock is on; empty while off
 */
public record PaperSummary(
    String name,
    Instant startedAt,
    BigDecimal initialEquity,
    BigDecimal equity,
    BigDecimal cash,
    BigDecimal available,
    BigDecimal feesPaid,
    BigDecimal fundingPaid,
    List<AccountSnapshot.Position> positions,
    Optional<String> lock) {

  /** Equity less the starting equity: realised and unrealised together, fees and funding included. */
  public BigDecimal pnl() {
    return equity.subtract(initialEquity);
  }
}
