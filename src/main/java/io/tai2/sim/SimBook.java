package io.tai2.sim;

import io.tai2.fills.PositionMath;
import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One API key's account in the simulated exchange: cash, funding balance, leverage, positions, orders, algos and bills,
 * and the bookkeeping of a fill. Every change is reported to the exchange's listeners. Guarded by the exchange's lock.
 */
final class SimBook {

  static final String NET_MODE = "net_mode";
  static final String LONG_SHORT_MODE = "long_short_mode";

  final String apiKey;
  String posMode = NET_MODE;
  BigDecimal cash;
  BigDecimal funding = BigDecimal.ZERO;
  final Map<String, BigDecimal> leverage = new HashMap<>();
  final Map<String, SimExchange.Position> positions = new LinkedHashMap<>();
  final List<SimExchange.Order> orders = new ArrayList<>();
  final List<SimExchange.Algo> algos = new ArrayList<>();
  final List<String> triggered = new ArrayList<>();

  /** Oldest first; fills are the trade (type 2) and liquidation (type 5) bills. */
  final List<SimExchange.Bill> bills = new ArrayList<>();

  final Map<String, SimOrderDesk.Resting> resting = new LinkedHashMap<>();
  private final SimMarket market;
  private final SimIds ids;
  private final Consumer<SimExchange.Change> emit;

  SimBook(
      String apiKey,
      BigDecimal cash,
      SimMarket market,
      SimIds ids,
      Consumer<SimExchange.Change> emit) {
    this.apiKey = apiKey;
    this.cash = cash;
    this.market = market;
    this.ids = ids;
    this.emit = emit;
  }

  /** The leverage set for an instrument and margin mode, OKX's default until one is set. */
  BigDecimal leverage(String instId, String mgnMode) {
    return leverage.getOrDefault(instId + "/" + mgnMode, SimExchange.DEFAULT_LEVERAGE);
  }

  /** Positions are kept per instrument, margin mode and position side ("net", or "long"/"short" in long/short mode). */
  static String key(String instId, String mgnMode, String posSide) {
    return instId + "/" + mgnMode + "/" + posSide;
  }

  /** OKX's rule: {@code posSide} net (or absent) in net mode, long or short in long/short mode; 51000 otherwise. */
  Optional<SimExchange.Refused> checkPosSide(String posSide) {
    boolean ok =
        posMode.equals(NET_MODE)
            ? posSide.equals("net")
            : posSide.equals("long") || posSide.equals("short");
    return ok
        ? Optional.empty()
        : Optional.of(new SimExchange.Refused("51000", "Parameter posSide error"));
  }

  /** Adds an order, or replaces the one with its ordId, and tells the listeners. */
  void putOrder(SimExchange.Order order) {
    upsert(orders, order, o -> o.ordId().equals(order.ordId()));
    emit.accept(new SimExchange.OrderChanged(apiKey, order));
  }

  void putAlgo(SimExchange.Algo algo) {
    upsert(algos, algo, a -> a.algoId().equals(algo.algoId()));
    emit.accept(new SimExchange.AlgoChanged(apiKey, algo));
  }

  void putPosition(String key, SimExchange.Position position) {
    positions.put(key, position);
    emit.accept(new SimExchange.PositionChanged(apiKey, position));
    emit.accept(new SimExchange.BalanceChanged(apiKey));
  }

  void addBill(SimExchange.Bill bill) {
    bills.add(bill);
  }

  private static <T> void upsert(List<T> list, T item, Predicate<T> same) {
    for (int i = list.size() - 1; i >= 0; i--) {
      if (same.test(list.get(i))) {
        list.set(i, item);
        return;
      }
    }
    list.add(item);
  }

  /**
   * Applies a fill to the position of (instrument, margin mode) by docs/spec/okx-openrouter-protocols.md §12.4: average price on increase, realised
   * PnL on decrease, isolated margin in and out, fee and PnL into cash, a trade bill; a position that reaches zero
   * cancels its TP/SL.
   */
  void fill(
      Instrument inst,
      String mgnMode,
      String posSide,
      int dir,
      BigDecimal sz,
      BigDecimal px,
      BigDecimal lever,
      BigDecimal fee,
      long now,
      SimExchange.Trade trade) {
    String key = key(inst.instId(), mgnMode, posSide);
    SimExchange.Position p = positions.get(key);
    BigDecimal pos = p == null ? BigDecimal.ZERO : p.pos();
    BigDecimal avg = p == null ? BigDecimal.ZERO : p.avgPx();
    BigDecimal margin = p == null ? BigDecimal.ZERO : p.margin();
    BigDecimal pnl = p == null ? BigDecimal.ZERO : p.pnl();
    BigDecimal closing = pos.signum() == -dir ? sz.min(pos.abs()) : BigDecimal.ZERO;
    BigDecimal openingSz = sz.subtract(closing);
    BigDecimal realized = BigDecimal.ZERO;
    if (closing.signum() > 0) {
      int posDir = pos.signum();
      realized =
          closing
              .multiply(inst.contractSize())
              .multiply(px.subtract(avg))
              .multiply(BigDecimal.valueOf(posDir));
      if (mgnMode.equals("isolated")) {
        margin = margin.subtract(margin.multiply(closing).divide(pos.abs(), PositionMath.MC));
      }
      pos = pos.add(closing.multiply(BigDecimal.valueOf(dir)));
      pnl = pnl.add(realized);
      if (pos.signum() == 0) {
        avg = BigDecimal.ZERO;
        margin = BigDecimal.ZERO;
      }
    }
    if (openingSz.signum() > 0) {
      avg =
          pos.abs()
              .multiply(avg)
              .add(openingSz.multiply(px))
              .divide(pos.abs().add(openingSz), PositionMath.MC);
      pos = pos.add(openingSz.multiply(BigDecimal.valueOf(dir)));
      if (mgnMode.equals("isolated")) {
        margin =
            margin.add(
                PositionMath.initialMargin(openingSz.multiply(inst.contractSize()), px, lever));
      }
    }
    cash = cash.add(fee).add(realized);
    int posDir =
        closing.signum() > 0 ? -dir : dir; // the side of the position this fill mainly acts on
    String subType = closing.signum() > 0 ? (posDir > 0 ? "5" : "6") : (posDir > 0 ? "3" : "4");
    boolean liquidation = !trade.liquidationSubType().isEmpty();
    addBill(
        new SimExchange.Bill(
            ids.next(),
            liquidation ? "5" : "2",
            liquidation ? trade.liquidationSubType() : subType,
            inst.instId(),
            mgnMode,
            trade.ordId(),
            trade.clOrdId(),
            liquidation ? "-" + ids.tradeId() : ids.tradeId(),
            dir > 0 ? "buy" : "sell",
            sz,
            px,
            fee.add(realized),
            cash,
            fee,
            realized,
            trade.execType(),
            now));
    String posId = p == null ? ids.next() : p.posId();
    long cTime = p == null || p.pos().signum() == 0 ? now : p.cTime();
    BigDecimal totalFee = (p == null ? BigDecimal.ZERO : p.fee()).add(fee);
    BigDecimal fundingFee = p == null || p.pos().signum() == 0 ? BigDecimal.ZERO : p.fundingFee();
    putPosition(
        key,
        new SimExchange.Position(
            posId,
            inst.instId(),
            mgnMode,
            posSide,
            pos,
            avg,
            lever,
            margin,
            totalFee,
            pnl,
            fundingFee,
            cTime,
            now));
    if (pos.signum() == 0) {
      // The position is gone: its TP/SL can no longer act.
      for (SimExchange.Algo a : List.copyOf(algos)) {
        if (a.instId().equals(inst.instId())
            && a.tdMode().equals(mgnMode)
            && a.state().equals("live")) {
          putAlgo(a.withState("canceled"));
        }
      }
    }
  }

  /** USDT free to open positions: cash minus isolated margins minus cross initial margin at the current price. */
  BigDecimal available() {
    return cash.subtract(usedMargin(p -> true));
  }

  /** Margin the chosen open positions tie up: isolated margin, or cross initial margin at the current price. */
  BigDecimal usedMargin(Predicate<SimExchange.Position> which) {
    BigDecimal used = BigDecimal.ZERO;
    for (SimExchange.Position p : positions.values()) {
      if (p.pos().signum() == 0 || !which.test(p)) {
        continue;
      }
      if (p.mgnMode().equals("isolated")) {
        used = used.add(p.margin());
      } else {
        BigDecimal coin =
            p.pos().abs().multiply(market.instrument(p.instId()).orElseThrow().contractSize());
        used = used.add(PositionMath.initialMargin(coin, market.last(p.instId()), p.lever()));
      }
    }
    return used;
  }

  /** Charges (or pays) funding at {@code at} on every open position by the fill model's rule: a long pays when the rate is positive. */
  void settleFunding(long at) {
    for (var entry : List.copyOf(positions.entrySet())) {
      SimExchange.Position p = entry.getValue();
      if (p.pos().signum() == 0) {
        continue;
      }
      Instrument inst = market.instrument(p.instId()).orElseThrow();
      BigDecimal coin = p.pos().abs().multiply(inst.contractSize());
      BigDecimal amount =
          PositionMath.funding(
              p.pos().signum(), coin, market.last(p.instId()), SimMarket.FUNDING_RATE);
      cash = cash.add(amount);
      addBill(SimExchange.Bill.funding(ids.next(), p, market.last(p.instId()), amount, cash, at));
      putPosition(entry.getKey(), p.withFunding(amount, at));
    }
  }

  /**
   * Liquidation (docs/spec/okx-openrouter-protocols.md §12.4), once the mark price has reached the position's liqPx ({@link SimTriggers} decides):
   * the whole position is closed at liqPx by a {@code full_liquidation} order (bill type 5, negative trade id), its TP/SL
   * are canceled, and the liquidation is published on {@code liquidation-orders}.
   */
  void liquidate(SimExchange.Position p, BigDecimal liqPx, long now) {
    int dir = p.pos().signum();
    Instrument inst = market.instrument(p.instId()).orElseThrow();
    BigDecimal px = liqPx.max(inst.tickSz()).setScale(inst.tickSz().scale(), RoundingMode.HALF_UP);
    BigDecimal sz = p.pos().abs();
    BigDecimal fee =
        PositionMath.fee(sz.multiply(inst.contractSize()), px, PositionMath.TAKER_RATE);
    String ordId = ids.next();
    String side = dir > 0 ? "sell" : "buy";
    fill(
        inst,
        p.mgnMode(),
        p.posSide(),
        -dir,
        sz,
        px,
        p.lever(),
        fee,
        now,
        new SimExchange.Trade(ordId, "", "T", dir > 0 ? "104" : "105"));
    putOrder(
        SimExchange.Order.closingFill(
            ordId,
            "",
            p.instId(),
            p.mgnMode(),
            p.posSide(),
            side,
            sz,
            px,
            fee,
            p.lever(),
            now,
            "full_liquidation"));
    emit.accept(
        new SimExchange.Liquidated(apiKey, p.instId(), side, dir > 0 ? "long" : "short", sz, px));
  }

  /** A position's liquidation price; a cross position is backed by the cash the other positions do not tie up. */
  Optional<BigDecimal> liquidationPrice(SimExchange.Position p) {
    if (p.pos().signum() == 0) {
      return Optional.empty();
    }
    BigDecimal coin =
        p.pos().abs().multiply(market.instrument(p.instId()).orElseThrow().contractSize());
    BigDecimal backing =
        p.mgnMode().equals("isolated")
            ? p.margin()
            : cash.subtract(usedMargin(other -> other != p));
    // A long backed by more than its notional has no liquidation price: OKX sends "" then, never a
    // negative price.
    return Optional.of(PositionMath.liquidationPrice(p.pos().signum(), coin, p.avgPx(), backing))
        .filter(px -> px.signum() > 0);
  }

  /** Fires one leg ("tp" or "sl") of an algo: a reduce-only market order for at most the position's size, filled at {@code px}. */
  void trigger(SimExchange.Algo algo, String leg, BigDecimal px, long now) {
    triggered.add(algo.algoId() + ":" + leg);
    putAlgo(algo.withState("effective"));
    SimExchange.Position p = positions.get(key(algo.instId(), algo.tdMode(), algo.posSide()));
    if (p == null || p.pos().signum() == 0) {
      return;
    }
    Instrument inst = market.instrument(algo.instId()).orElseThrow();
    int dir = algo.side().equals("buy") ? 1 : -1;
    BigDecimal sz = algo.sz().min(p.pos().abs());
    BigDecimal fee =
        PositionMath.fee(sz.multiply(inst.contractSize()), px, PositionMath.TAKER_RATE);
    String ordId = ids.next();
    fill(
        inst,
        algo.tdMode(),
        algo.posSide(),
        dir,
        sz,
        px,
        p.lever(),
        fee,
        now,
        new SimExchange.Trade(ordId, "", "T"));
    putOrder(
        SimExchange.Order.closingFill(
            ordId,
            "",
            algo.instId(),
            algo.tdMode(),
            algo.posSide(),
            algo.side(),
            sz,
            px,
            fee,
            p.lever(),
            now,
            "normal"));
  }
}
