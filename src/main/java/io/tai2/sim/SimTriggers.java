package io.tai2.sim;

import io.tai2.fills.Exit;
import io.tai2.fills.ExitLevels;
import io.tai2.fills.ExitReason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which TP/SL algos and liquidations a price change fires, and at what price, decided by the fill model the backtest
 * uses ({@link ExitLevels}), so the simulator cannot be kinder or harsher than a backtest. A step along a bar's path is
 * a continuous move (a level met on the way fills at the level); any other change is a jump (a level passed fills at
 * the new price, the liquidation at its own price). Runs under the exchange's lock.
 */
final class SimTriggers {

  private final SimMarket market;

  SimTriggers(SimMarket market) {
    this.market = market;
  }

  /**
   * Fires the live algos of one account whose stop-loss or take-profit the move reached, then liquidates the positions
   * whose liquidation price it reached. {@code movedFrom} gives, per instrument, where a continuous move started (empty
   * for a jump). An algo whose position the move liquidates first does not fire: the liquidation closes the position.
   */
  void fire(SimBook book, Function<String, Optional<BigDecimal>> movedFrom, long now) {
    for (SimExchange.Algo algo : List.copyOf(book.algos)) {
      if (!algo.state().equals("live")) {
        continue;
      }
      int closing = algo.side().equals("sell") ? 1 : -1; // the position being closed: +1 long
      SimExchange.Position p =
          book.positions.get(SimBook.key(algo.instId(), algo.tdMode(), algo.posSide()));
      Optional<BigDecimal> liquidation =
          p != null && p.pos().signum() == closing ? book.liquidationPrice(p) : Optional.empty();
      ExitLevels levels =
          new ExitLevels(closing, algo.slTriggerPx(), algo.tpTriggerPx(), liquidation);
      Optional<Exit> exit =
          exit(levels, algo.instId(), movedFrom).filter(e -> e.reason() != ExitReason.LIQUIDATION);
      if (exit.isPresent()) {
        String leg = exit.get().reason() == ExitReason.STOP ? "sl" : "tp";
        book.trigger(algo, leg, onTick(exit.get().price(), algo.instId(), -closing), now);
      }
    }
    for (SimExchange.Position p : List.copyOf(book.positions.values())) {
      if (p.pos().signum() == 0) {
        continue;
      }
      ExitLevels levels =
          new ExitLevels(
              p.pos().signum(), Optional.empty(), Optional.empty(), book.liquidationPrice(p));
      exit(levels, p.instId(), movedFrom).ifPresent(e -> book.liquidate(p, e.price(), now));
    }
  }

  private Optional<Exit> exit(
      ExitLevels levels, String instId, Function<String, Optional<BigDecimal>> movedFrom) {
    BigDecimal now = market.last(instId);
    return movedFrom
        .apply(instId)
        .map(from -> levels.onMove(from, now))
        .orElseGet(() -> levels.onJump(now));
  }

  /**
   * A fill price on the instrument's tick, rounded against the order ({@code dir} +1 buy up, −1 sell down), as the best
   * ask and bid are: a price between two ticks is never filled on the better one.
   */
  private BigDecimal onTick(BigDecimal px, String instId, int dir) {
    BigDecimal tick = market.instrument(instId).orElseThrow().tickSz();
    return px.divide(tick, 0, dir > 0 ? RoundingMode.CEILING : RoundingMode.FLOOR).multiply(tick);
  }
}
