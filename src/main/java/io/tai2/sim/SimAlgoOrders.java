package io.tai2.sim;

import io.tai2.sim.SimExchange.Accepted;
import io.tai2.sim.SimExchange.Algo;
import io.tai2.sim.SimExchange.Order;
import io.tai2.sim.SimExchange.Placement;
import io.tai2.sim.SimExchange.Position;
import io.tai2.sim.SimExchange.Refused;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Standalone TP/SL orders on a position ({@code trade/order-algo}, {@code trade/cancel-algos}): which side of the last
 * price each trigger must be on, and OKX's codes when it is not. Firing them is {@link SimTriggers}' job; called under the
 * exchange's lock.
 */
final class SimAlgoOrders {

  private final Clock clock;
  private final SimMarket market;
  private final SimIds ids;

  SimAlgoOrders(Clock clock, SimMarket market, SimIds ids) {
    this.clock = clock;
    this.market = market;
    this.ids = ids;
  }

  /**
   * A standalone TP/SL on a position ({@code conditional} with one leg, {@code oco} with both). {@code sz} empty means
   * the whole position at trigger time ({@code closeFraction 1}).
   */
  Placement placeAlgo(
      SimBook book,
      String instId,
      String tdMode,
      String posSide,
      String side,
      Optional<BigDecimal> sz,
      Optional<BigDecimal> tp,
      Optional<BigDecimal> sl,
      String algoClOrdId) {
    if (market.instrument(instId).isEmpty()) {
      return new Refused("51001", "Instrument ID or Spread ID doesn't exist.");
    }
    if (tp.isEmpty() && sl.isEmpty()) {
      return new Refused("51000", "Parameter tpTriggerPx/slTriggerPx error");
    }
    Optional<Refused> badPosSide = book.checkPosSide(posSide);
    if (badPosSide.isPresent()) {
      return badPosSide.get();
    }
    Position p = book.positions.get(SimBook.key(instId, tdMode, posSide));
    if (p == null || p.pos().signum() == 0) {
      return new Refused("51023", "Position does not exist");
    }
    int closeDir = p.pos().signum();
    if (side.equals(closeDir > 0 ? "buy" : "sell")) {
      return new Refused("51000", "Parameter side error");
    }
    BigDecimal last = market.last(instId);
    if (sl.isPresent() && last.subtract(sl.get()).signum() != closeDir) {
      return new Refused(
          closeDir > 0 ? "51280" : "51279",
          "SL trigger price must be on the loss side of the last price");
    }
    if (tp.isPresent() && tp.get().subtract(last).signum() != closeDir) {
      return new Refused(
          closeDir > 0 ? "51277" : "51278",
          "TP trigger price must be on the profit side of the last price");
    }
    Algo algo =
        new Algo(
            ids.next(),
            algoClOrdId,
            instId,
            tdMode,
            posSide,
            side,
            sz.orElse(p.pos().abs()),
            tp,
            sl,
            "live",
            clock.millis());
    book.putAlgo(algo);
    return new Accepted(
        new Order(
            algo.algoId(),
            algoClOrdId,
            instId,
            tdMode,
            posSide,
            side,
            tp.isPresent() && sl.isPresent() ? "oco" : "conditional",
            algo.sz(),
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            p.lever(),
            true,
            "live",
            algo.cTime(),
            List.of(algo)));
  }

  /** Cancels a pending algo; refused with 51400-family codes when it is unknown or no longer pending. */
  Optional<Refused> cancelAlgo(SimBook book, String instId, String algoId) {
    for (int i = 0; i < book.algos.size(); i++) {
      Algo a = book.algos.get(i);
      if (a.algoId().equals(algoId) && a.instId().equals(instId)) {
        if (!a.state().equals("live")) {
          return Optional.of(new Refused("51416", "Order already triggered; can't be canceled"));
        }
        book.putAlgo(a.withState("canceled"));
        return Optional.empty();
      }
    }
    return Optional.of(
        new Refused(
            "51400",
            "Cancellation failed as the order has been filled, canceled or does not exist."));
  }
}
