package io.tai2.lab;

import io.tai2.fills.PaperAccount;
import io.tai2.fills.PathBar;
import io.tai2.fills.PositionMath;
import io.tai2.history.MinuteBar;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Plays one entry of a replay on its own, on a {@link PaperAccount} of its own, over the one-minute bars that followed
 * it: the shared fill model (stop, take-profit and liquidation along each bar's path, taker fee on both legs), a fixed
 * notional so both sides of a replay compare fairly, and a close at the horizon. No slippage, no funding: the two sides
 * differ by their decisions only.
 */
final class ReplayFills {

  /**
   * How late the first bar may open after the snapshot: a longer gap in the stored candles would fill the entry at a
   * price the decision never saw, so the entry has no prices instead.
   */
  static final Duration MAX_ENTRY_DELAY = Duration.ofMinutes(5);

  private final Duration horizon;
  private final BigDecimal notional;
  private final BigDecimal leverage;
  private final BigDecimal takerFee;

  ReplayFills(Duration horizon, BigDecimal notional, BigDecimal leverage, BigDecimal takerFee) {
    this.horizon = horizon;
    this.notional = notional;
    this.leverage = leverage;
    this.takerFee = takerFee;
  }

  /** The bars to load for an entry decided on a snapshot taken at {@code snapshotAt}: [it, it + delay + horizon). */
  Instant until(Instant snapshotAt) {
    return snapshotAt.plus(MAX_ENTRY_DELAY).plus(horizon);
  }

  /**
   * The round trip of an entry decided at {@code snapshotAt}: filled at the open of the first bar opening at or after
   * it, then closed by the first level a bar's path meets, else at the close of the last bar before the horizon (reason
   * {@code end}, as when the stored candles end sooner). Empty when no bar opens soon enough after the snapshot.
   *
   * @param bars the bars opening at or after {@code snapshotAt}, oldest first
   * @param direction +1 for a BUY, −1 for a SELL
   */
  Optional<PaperAccount.Closed> play(
      String symbol,
      Instant snapshotAt,
      int direction,
      Optional<BigDecimal> stop,
      Optional<BigDecimal> take,
      List<MinuteBar> bars,
      UUID decision) {
    if (bars.isEmpty() || bars.getFirst().ts().isAfter(snapshotAt.plus(MAX_ENTRY_DELAY))) {
      return Optional.empty();
    }
    MinuteBar first = bars.getFirst();
    // cash backs exactly the margin the notional needs at this leverage: liquidation where it would
    // be on a lone position
    PaperAccount account =
        new PaperAccount(notional.divide(leverage, PositionMath.MC), takerFee, BigDecimal.ZERO);
    BigDecimal coin = notional.divide(first.open(), PositionMath.MC);
    account.open(
        symbol,
        direction,
        coin,
        BigDecimal.ONE,
        first.open(),
        leverage,
        stop,
        take,
        first.ts(),
        decision);
    Instant end = first.ts().plus(horizon);
    MinuteBar last = first;
    for (MinuteBar bar : bars) {
      if (!bar.ts().isBefore(end)) {
        break;
      }
      last = bar;
      Optional<PaperAccount.Closed> closed =
          account.onBar(
              symbol, new PathBar(bar.ts(), bar.open(), bar.high(), bar.low(), bar.close()));
      if (closed.isPresent()) {
        return closed;
      }
    }
    return account.closeAtEnd(symbol, last.close(), last.ts().plus(Duration.ofMinutes(1)));
  }
}
