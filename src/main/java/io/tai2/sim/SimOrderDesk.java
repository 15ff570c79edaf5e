package io.tai2.sim;

import io.tai2.fills.PositionMath;
import io.tai2.okx.Instrument;
import io.tai2.sim.SimExchange.Accepted;
import io.tai2.sim.SimExchange.Algo;
import io.tai2.sim.SimExchange.Order;
import io.tai2.sim.SimExchange.OrderRequest;
import io.tai2.sim.SimExchange.Placement;
import io.tai2.sim.SimExchange.Position;
import io.tai2.sim.SimExchange.Refused;
import io.tai2.sim.SimExchange.Trade;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The order side of the simulated exchange: the checks a new order passes (OKX's codes), a market or marketable order
 * filled at once, a limit order resting until the price reaches it, cancels, and closing a whole position. Apart from
 * {@link SimExchange} so that the exchange's face stays about accounts and prices; called under the exchange's lock.
 */
final class SimOrderDesk {

  /** A resting limit order: what was asked, how many contracts, at what price. */
  record Resting(OrderRequest request, BigDecimal sz, BigDecimal px) {}

  private final Clock clock;
  private final SimMarket market;
  private final SimIds ids;

  SimOrderDesk(Clock clock, SimMarket market, SimIds ids) {
    this.clock = clock;
    this.market = market;
    this.ids = ids;
  }

  /**
   * Places an order that already passed the instrument and lot-size checks ({@link SimOrderRules}): refused for a
   * duplicate clOrdId, a bad posSide, reduce-only against the position, TP/SL on the wrong side, margin or tier limits;
   * else filled at once, or resting when it is a limit order the price has not reached.
   */
  Placement place(SimBook book, Instrument inst, OrderRequest r) {
    BigDecimal sz = new BigDecimal(r.sz());
    boolean limit = !r.ordType().equals("market") && !r.ordType().equals("optimal_limit_ioc");
    if (r.clOrdId().isPresent()
        && book.orders.stream()
            .anyMatch(o -> o.state().equals("live") && o.clOrdId().equals(r.clOrdId().get()))) {
      return new Refused("51016", "Duplicated client order ID");
    }
    int dir = r.side().equals("buy") ? 1 : -1;
    Optional<Refused> badPosSide = book.checkPosSide(r.posSide());
    if (badPosSide.isPresent()) {
      return badPosSide.get();
    }
    Position existing = book.positions.get(SimBook.key(r.instId(), r.tdMode(), r.posSide()));
    BigDecimal current = existing == null ? BigDecimal.ZERO : existing.pos();
    // In long/short mode an order against its posSide (sell long, buy short) closes: it behaves as
    // reduce-only.
    boolean closes = !r.posSide().equals("net") && dir != (r.posSide().equals("long") ? 1 : -1);
    if (r.reduceOnly() || closes) {
      if (current.signum() == 0) {
        return new Refused(
            "51169",
            "Order failed because you don't have any positions in this direction for this contract to reduce or close.");
      }
      if (current.signum() == dir) {
        return new Refused(
            "51170",
            "Failed to place order. A reduce-only order can't be the same direction as your existing position.");
      }
      if (r.tpTriggerPx().isPresent() || r.slTriggerPx().isPresent()) {
        return new Refused(
            "51100",
            "Unable to place order. Take profit/Stop loss conditions cannot be added to reduce-only orders.");
      }
      if (sz.compareTo(current.abs()) > 0) {
        sz = current.abs();
      }
    }
    BigDecimal best = dir > 0 ? market.bestAsk(r.instId()) : market.bestBid(r.instId());
    boolean marketable = !limit || r.px().get().compareTo(best) * dir >= 0;
    boolean rests = !marketable && (r.ordType().equals("limit") || r.ordType().equals("post_only"));
    BigDecimal px = rests ? r.px().get() : best;
    Optional<Refused> badTrigger = checkTriggers(dir, px, r);
    if (badTrigger.isPresent()) {
      return badTrigger.get();
    }
    BigDecimal lever = book.leverage(r.instId(), r.tdMode());
    BigDecimal fee =
        PositionMath.fee(
            sz.multiply(inst.contractSize()),
            px,
            rests ? PositionMath.MAKER_RATE : PositionMath.TAKER_RATE);
    BigDecimal opening = opening(current, sz, dir);
    BigDecimal required =
        PositionMath.initialMargin(opening.multiply(inst.contractSize()), px, lever).subtract(fee);
    if (opening.signum() > 0 && required.compareTo(book.available()) > 0) {
      return new Refused("51008", "Order failed. Insufficient USDT margin in account");
    }
    BigDecimal pendingSameWay =
        book.resting.values().stream()
            .filter(
                x -> x.request().instId().equals(r.instId()) && x.request().side().equals(r.side()))
            .map(Resting::sz)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    if (opening.signum() > 0
        && SimOrderRules.aboveTier(inst, current.abs().add(pendingSameWay).add(opening), lever)) {
      return new Refused(
          "51004",
          "Order failed. The number of contracts of your position, open orders, and the current order has "
              + "exceeded the position holding limit at your current leverage.");
    }
    String ordId = ids.next();
    long now = clock.millis();
    if (limit && !rests && (r.ordType().equals("post_only") ? marketable : !marketable)) {
      // post_only that would take, or ioc/fok that cannot fill: accepted, then canceled at once
      // (docs/spec/okx-openrouter-protocols.md §12.4).
      Order canceled =
          Order.placed(
              ordId,
              r,
              sz,
              r.px().get(),
              BigDecimal.ZERO,
              BigDecimal.ZERO,
              lever,
              "canceled",
              now,
              List.of());
      book.putOrder(canceled);
      return new Accepted(canceled);
    }
    if (rests) {
      Order live =
          Order.placed(
              ordId,
              r,
              sz,
              px,
              BigDecimal.ZERO,
              BigDecimal.ZERO,
              lever,
              "live",
              now,
              pendingAttached(r, sz, now));
      book.resting.put(ordId, new Resting(r, sz, px));
      book.putOrder(live);
      return new Accepted(live);
    }
    Order order = execute(book, inst, r, ordId, sz, px, PositionMath.TAKER_RATE, lever, now);
    book.putOrder(order);
    return new Accepted(order);
  }

  /** The TP/SL a resting order carries until it fills (shown on the order; it becomes a real algo on the fill). */
  static List<Algo> pendingAttached(OrderRequest r, BigDecimal sz, long now) {
    if (r.tpTriggerPx().isEmpty() && r.slTriggerPx().isEmpty()) {
      return List.of();
    }
    return List.of(
        new Algo(
            "",
            r.attachAlgoClOrdId().orElse(""),
            r.instId(),
            r.tdMode(),
            r.posSide(),
            r.side().equals("buy") ? "sell" : "buy",
            sz,
            r.tpTriggerPx(),
            r.slTriggerPx(),
            "live",
            now));
  }

  /** Fills an order completely at {@code px} and creates its attached TP/SL (OKX creates them on the full fill). */
  private Order execute(
      SimBook book,
      Instrument inst,
      OrderRequest r,
      String ordId,
      BigDecimal sz,
      BigDecimal px,
      BigDecimal rate,
      BigDecimal lever,
      long now) {
    int dir = r.side().equals("buy") ? 1 : -1;
    BigDecimal fee = PositionMath.fee(sz.multiply(inst.contractSize()), px, rate);
    book.fill(
        inst,
        r.tdMode(),
        r.posSide(),
        dir,
        sz,
        px,
        lever,
        fee,
        now,
        new Trade(ordId, r.clOrdId().orElse(""), rate.equals(PositionMath.MAKER_RATE) ? "M" : "T"));
    List<Algo> attached = new ArrayList<>();
    if (r.tpTriggerPx().isPresent() || r.slTriggerPx().isPresent()) {
      Algo algo =
          new Algo(
              ids.next(),
              r.attachAlgoClOrdId().orElse(""),
              r.instId(),
              r.tdMode(),
              r.posSide(),
              dir > 0 ? "sell" : "buy",
              sz,
              r.tpTriggerPx(),
              r.slTriggerPx(),
              "live",
              now);
      book.putAlgo(algo);
      attached.add(algo);
    }
    return Order.placed(
        ordId,
        r,
        sz,
        r.px().orElse(BigDecimal.ZERO),
        px,
        fee,
        lever,
        "filled",
        now,
        List.copyOf(attached));
  }

  /** Fills resting limit orders the price has reached: a buy when last ≤ px, a sell when last ≥ px, as maker at px. */
  void matchRestingOrders(SimBook book) {
    for (var entry : List.copyOf(book.resting.entrySet())) {
      Resting resting = entry.getValue();
      OrderRequest r = resting.request();
      int dir = r.side().equals("buy") ? 1 : -1;
      if (market.last(r.instId()).compareTo(resting.px()) * dir > 0) {
        continue;
      }
      book.resting.remove(entry.getKey());
      Instrument inst = market.instrument(r.instId()).orElseThrow();
      Order live =
          book.orders.stream()
              .filter(o -> o.ordId().equals(entry.getKey()))
              .findFirst()
              .orElseThrow();
      Order filled =
          execute(
              book,
              inst,
              r,
              live.ordId(),
              resting.sz(),
              resting.px(),
              PositionMath.MAKER_RATE,
              live.lever(),
              clock.millis());
      book.putOrder(filled);
    }
  }

  /** Cancels a resting order; 51400 when it is filled, canceled or unknown. */
  Optional<Refused> cancelOrder(
      SimBook book, String instId, Optional<String> ordId, Optional<String> clOrdId) {
    Optional<Order> target =
        find(book, instId, ordId, clOrdId).filter(o -> o.state().equals("live"));
    if (target.isEmpty()) {
      return Optional.of(
          new Refused(
              "51400",
              "Cancellation failed as the order has been filled, canceled or does not exist."));
    }
    Order o = target.get();
    book.resting.remove(o.ordId());
    book.putOrder(o.withState("canceled"));
    return Optional.empty();
  }

  /** Market-closes a whole position; 51023 when there is none. */
  Placement closePosition(
      SimBook book, String instId, String mgnMode, String posSide, String clOrdId) {
    Position p = book.positions.get(SimBook.key(instId, mgnMode, posSide));
    if (p == null || p.pos().signum() == 0) {
      return new Refused("51023", "Position does not exist");
    }
    Instrument inst = market.instrument(instId).orElseThrow();
    int dir = -p.pos().signum();
    BigDecimal sz = p.pos().abs();
    BigDecimal px = dir > 0 ? market.bestAsk(instId) : market.bestBid(instId);
    BigDecimal fee =
        PositionMath.fee(sz.multiply(inst.contractSize()), px, PositionMath.TAKER_RATE);
    long now = clock.millis();
    String ordId = ids.next();
    book.fill(
        inst, mgnMode, posSide, dir, sz, px, p.lever(), fee, now, new Trade(ordId, clOrdId, "T"));
    Order order =
        Order.closingFill(
            ordId,
            clOrdId,
            instId,
            mgnMode,
            posSide,
            dir > 0 ? "buy" : "sell",
            sz,
            px,
            fee,
            p.lever(),
            now,
            "normal");
    book.putOrder(order);
    return new Accepted(order);
  }

  /** The newest order of an instrument with this ordId, or (without an ordId) this clOrdId. */
  static Optional<Order> find(
      SimBook book, String instId, Optional<String> ordId, Optional<String> clOrdId) {
    List<Order> orders = book.orders;
    for (int i = orders.size() - 1; i >= 0; i--) {
      Order o = orders.get(i);
      if (o.instId().equals(instId)
          && (ordId.map(o.ordId()::equals).orElse(false)
              || (ordId.isEmpty() && clOrdId.map(o.clOrdId()::equals).orElse(false)))) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  /** Orders resting on the book, newest first. */
  static List<Order> pendingOrders(SimBook book) {
    List<Order> live =
        new ArrayList<>(book.orders.stream().filter(o -> o.state().equals("live")).toList());
    Collections.reverse(live);
    return live;
  }

  /** Attached TP above / SL below the fill for a buy, mirrored for a sell (OKX 51046–51053 family). */
  private static Optional<Refused> checkTriggers(int dir, BigDecimal px, OrderRequest r) {
    if (r.tpTriggerPx().isPresent() && r.tpTriggerPx().get().subtract(px).signum() != dir) {
      return Optional.of(
          new Refused(
              dir > 0 ? "51052" : "51053",
              dir > 0
                  ? "The take profit trigger price must be higher than the best ask price."
                  : "The take profit trigger price must be lower than the best bid price."));
    }
    if (r.slTriggerPx().isPresent() && px.subtract(r.slTriggerPx().get()).signum() != dir) {
      return Optional.of(
          new Refused(
              dir > 0 ? "51051" : "51050",
              dir > 0
                  ? "The stop loss trigger price must be lower than the best ask price."
                  : "The stop loss trigger price must be higher than the best bid price."));
    }
    return Optional.empty();
  }

  /** How many of {@code sz} contracts open or extend exposure (the rest close the current position). */
  private static BigDecimal opening(BigDecimal current, BigDecimal sz, int dir) {
    if (current.signum() == 0 || current.signum() == dir) {
      return sz;
    }
    return sz.subtract(current.abs()).max(BigDecimal.ZERO);
  }
}
