package io.tai2.sim;

import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Amending what rests on the simulated exchange: a live order's size, price and attached TP/SL ({@code trade/amend-order}),
 * and a pending TP/SL algo's size and triggers ({@code trade/amend-algos}). Runs under the exchange's lock.
 */
final class SimAmendments {

  /** What an amendment asks for; empty = unchanged. */
  record Change(
      Optional<String> newSz,
      Optional<BigDecimal> newPx,
      Optional<BigDecimal> newTp,
      Optional<BigDecimal> newSl) {
    boolean isEmpty() {
      return newSz.isEmpty() && newPx.isEmpty() && newTp.isEmpty() && newSl.isEmpty();
    }
  }

  static final SimExchange.Refused NOT_AMENDABLE =
      new SimExchange.Refused(
          "51503",
          "Order modification failed as the order has been filled, canceled or does not exist.");

  private final SimExchange exchange;

  SimAmendments(SimExchange exchange) {
    this.exchange = exchange;
  }

  /**
   * Amends a live order: 51503 unless it is live, 51000 when nothing changes, then the same rules as a new order (lot size,
   * price band, TP above/SL below the price for a buy). A new price that crosses the book fills at the next price check.
   */
  Optional<SimExchange.Refused> amendOrder(
      String apiKey,
      String instId,
      Optional<String> ordId,
      Optional<String> clOrdId,
      Change change) {
    if (change.isEmpty()) {
      return Optional.of(
          new SimExchange.Refused("51000", "Parameter newSz, newPx or attachAlgoOrds error"));
    }
    Optional<SimExchange.Refused> result =
        exchange.withBook(
            apiKey,
            book -> {
              Optional<SimExchange.Order> found =
                  exchange
                      .order(apiKey, instId, ordId, clOrdId)
                      .filter(o -> o.state().equals("live"));
              if (found.isEmpty() || !book.resting.containsKey(found.get().ordId())) {
                return Optional.of(NOT_AMENDABLE);
              }
              SimExchange.Order live = found.get();
              SimOrderDesk.Resting resting = book.resting.get(live.ordId());
              SimExchange.OrderRequest r = resting.request();
              SimExchange.OrderRequest amended =
                  new SimExchange.OrderRequest(
                      r.instId(),
                      r.tdMode(),
                      r.posSide(),
                      r.side(),
                      r.ordType(),
                      change.newSz().orElse(resting.sz().toPlainString()),
                      Optional.of(change.newPx().orElse(resting.px())),
                      r.clOrdId(),
                      r.reduceOnly(),
                      change.newTp().or(r::tpTriggerPx),
                      change.newSl().or(r::slTriggerPx),
                      r.attachAlgoClOrdId());
              Instrument inst = exchange.market().instrument(instId).orElseThrow();
              Optional<SimExchange.Refused> broken =
                  SimOrderRules.check(inst, amended, exchange.market().last(instId));
              if (broken.isPresent()) {
                return broken;
              }
              BigDecimal sz = new BigDecimal(amended.sz());
              if (sz.signum() <= 0) {
                return Optional.of(new SimExchange.Refused("51000", "Parameter newSz error"));
              }
              BigDecimal px = amended.px().orElseThrow();
              Optional<SimExchange.Refused> badTrigger =
                  triggersOnTheRightSide(r.side(), px, amended);
              if (badTrigger.isPresent()) {
                return badTrigger;
              }
              book.resting.put(live.ordId(), new SimOrderDesk.Resting(amended, sz, px));
              book.putOrder(
                  new SimExchange.Order(
                      live.ordId(),
                      live.clOrdId(),
                      live.instId(),
                      live.tdMode(),
                      live.posSide(),
                      live.side(),
                      live.ordType(),
                      sz,
                      px,
                      BigDecimal.ZERO,
                      BigDecimal.ZERO,
                      live.lever(),
                      live.reduceOnly(),
                      "live",
                      live.cTime(),
                      SimOrderDesk.pendingAttached(amended, sz, live.cTime()),
                      live.category()));
              return Optional.<SimExchange.Refused>empty();
            });
    if (result.isEmpty()) {
      exchange.evaluateTriggers(); // the new price may now cross the market
    }
    return result;
  }

  /**
   * Amends a pending TP/SL algo (its size or triggers): 51503 unless it is live; the new triggers must stay on the profit
   * (TP) and loss (SL) side of the last price, as when placing it (51277–51280).
   */
  Optional<SimExchange.Refused> amendAlgo(
      String apiKey,
      String instId,
      Optional<String> algoId,
      Optional<String> algoClOrdId,
      Change change) {
    if (change.isEmpty()) {
      return Optional.of(
          new SimExchange.Refused(
              "51000", "Parameter newSz, newTpTriggerPx or newSlTriggerPx error"));
    }
    return exchange.withBook(
        apiKey,
        book -> {
          Optional<SimExchange.Algo> found =
              book.algos.stream()
                  .filter(a -> a.instId().equals(instId) && a.state().equals("live"))
                  .filter(
                      a ->
                          algoId
                              .map(a.algoId()::equals)
                              .orElse(algoClOrdId.map(a.algoClOrdId()::equals).orElse(false)))
                  .findFirst();
          if (found.isEmpty()) {
            return Optional.of(NOT_AMENDABLE);
          }
          SimExchange.Algo a = found.get();
          BigDecimal sz;
          try {
            sz = change.newSz().map(BigDecimal::new).orElse(a.sz());
          } catch (NumberFormatException e) {
            return Optional.of(new SimExchange.Refused("51000", "Parameter newSz error"));
          }
          if (sz.signum() <= 0) {
            return Optional.of(new SimExchange.Refused("51000", "Parameter newSz error"));
          }
          Optional<BigDecimal> tp = change.newTp().or(a::tpTriggerPx);
          Optional<BigDecimal> sl = change.newSl().or(a::slTriggerPx);
          int closeDir = a.side().equals("sell") ? 1 : -1; // +1: the algo closes a long
          BigDecimal last = exchange.market().last(instId);
          if (sl.isPresent() && last.subtract(sl.get()).signum() != closeDir) {
            return Optional.of(
                new SimExchange.Refused(
                    closeDir > 0 ? "51280" : "51279",
                    "SL trigger price must be on the loss side of the last price"));
          }
          if (tp.isPresent() && tp.get().subtract(last).signum() != closeDir) {
            return Optional.of(
                new SimExchange.Refused(
                    closeDir > 0 ? "51277" : "51278",
                    "TP trigger price must be on the profit side of the last price"));
          }
          book.putAlgo(
              new SimExchange.Algo(
                  a.algoId(),
                  a.algoClOrdId(),
                  a.instId(),
                  a.tdMode(),
                  a.posSide(),
                  a.side(),
                  sz,
                  tp,
                  sl,
                  "live",
                  a.cTime()));
          return Optional.<SimExchange.Refused>empty();
        });
  }

  /** Cancels every live order of a key (what {@code cancel-all-after} does when its timer runs out); how many. */
  int cancelAll(String apiKey) {
    List<SimExchange.Order> live = exchange.pendingOrders(apiKey);
    live.forEach(
        o -> exchange.cancelOrder(apiKey, o.instId(), Optional.of(o.ordId()), Optional.empty()));
    return live.size();
  }

  /** The attached TP above / SL below the price for a buy, mirrored for a sell (OKX 51050–51053). */
  private static Optional<SimExchange.Refused> triggersOnTheRightSide(
      String side, BigDecimal px, SimExchange.OrderRequest r) {
    int dir = side.equals("buy") ? 1 : -1;
    if (r.tpTriggerPx().isPresent() && r.tpTriggerPx().get().subtract(px).signum() != dir) {
      return Optional.of(
          new SimExchange.Refused(
              dir > 0 ? "51052" : "51053",
              dir > 0
                  ? "The take profit trigger price must be higher than the order price."
                  : "The take profit trigger price must be lower than the order price."));
    }
    if (r.slTriggerPx().isPresent() && px.subtract(r.slTriggerPx().get()).signum() != dir) {
      return Optional.of(
          new SimExchange.Refused(
              dir > 0 ? "51051" : "51050",
              dir > 0
                  ? "The stop loss trigger price must be lower than the order price."
                  : "The stop loss trigger price must be higher than the order price."));
    }
    return Optional.empty();
  }
}
