package io.tai2.sim;

import io.tai2.fills.PositionMath;
import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Accounts, leverage, orders and positions of the simulated exchange (net position mode, cross or isolated margin,
 * USDT swaps). Market orders fill at once against the synthetic book; attached TP/SL become pending algo orders. One
 * lock guards everything: this is a test double, correctness beats concurrency.
 */
public final class SimExchange {

  static final BigDecimal DEFAULT_LEVERAGE = BigDecimal.TEN;

  /** An order as stored after it was accepted: {@code px} is the limit price (0 for market orders). */
  public record Order(
      String ordId, String clOrdId, String instId, String tdMode, String posSide, String side, String ordType, BigDecimal sz,
      BigDecimal px, BigDecimal avgPx, BigDecimal fee, BigDecimal lever, boolean reduceOnly, String state, long cTime,
      List<Algo> attached, String category) {

    /** A {@code normal} order (not a liquidation). */
    public Order(
        String ordId, String clOrdId, String instId, String tdMode, String posSide, String side, String ordType, BigDecimal sz,
        BigDecimal px, BigDecimal avgPx, BigDecimal fee, BigDecimal lever, boolean reduceOnly, String state, long cTime,
        List<Algo> attached) {
      this(ordId, clOrdId, instId, tdMode, posSide, side, ordType, sz, px, avgPx, fee, lever, reduceOnly, state, cTime, attached, "normal");
    }

    Order withState(String next) {
      return new Order(ordId, clOrdId, instId, tdMode, posSide, side, ordType, sz, px, avgPx, fee, lever, reduceOnly, next, cTime, List.of(), category);
    }
  }

  /** A TP/SL algo order. */
  public record Algo(
      String algoId, String algoClOrdId, String instId, String tdMode, String posSide, String side, BigDecimal sz,
      Optional<BigDecimal> tpTriggerPx, Optional<BigDecimal> slTriggerPx, String state, long cTime) {

    Algo withState(String next) {
      return new Algo(algoId, algoClOrdId, instId, tdMode, posSide, side, sz, tpTriggerPx, slTriggerPx, next, cTime);
    }
  }

  /**
   * A change of the trading account's USDT (docs/spec/okx-openrouter-protocols.md §4.7): type 2 trade (subType 3/4 open long/short, 5/6 close), type 5
   * liquidation (104 long, 105 short), type 1 transfer (11 in, 12 out), type 8 funding (173 paid, 174 received). Trade and
   * liquidation bills double as fills (§5.6).
   */
  public record Bill(
      String billId, String type, String subType, String instId, String mgnMode, String ordId, String clOrdId, String tradeId,
      String side, BigDecimal sz, BigDecimal px, BigDecimal balChg, BigDecimal bal, BigDecimal fee, BigDecimal pnl,
      String execType, long ts) {}

  /**
   * A position; {@code pos} is signed contracts (negative = short), in net mode ({@code posSide} "net") and in long/short
   * mode alike, where {@code posSide} fixes the sign.
   */
  public record Position(
      String posId, String instId, String mgnMode, String posSide, BigDecimal pos, BigDecimal avgPx, BigDecimal lever,
      BigDecimal margin, BigDecimal fee, BigDecimal pnl, BigDecimal fundingFee, long cTime, long uTime) {

    Position withMargin(BigDecimal next, long now) {
      return new Position(posId, instId, mgnMode, posSide, pos, avgPx, lever, next, fee, pnl, fundingFee, cTime, now);
    }

    Position withFunding(BigDecimal amount, long now) {
      return new Position(posId, instId, mgnMode, posSide, pos, avgPx, lever, margin, fee, pnl, fundingFee.add(amount), cTime, now);
    }
  }

  /** What an order request asks for (fields already parsed; absent = empty). */
  public record OrderRequest(
      String instId, String tdMode, String posSide, String side, String ordType, String sz, Optional<BigDecimal> px, Optional<String> clOrdId,
      boolean reduceOnly, Optional<BigDecimal> tpTriggerPx, Optional<BigDecimal> slTriggerPx,
      Optional<String> attachAlgoClOrdId) {}

  /** An accepted order, or the OKX {@code sCode}/{@code sMsg} it was rejected with. */
  public sealed interface Placement {}

  public record Accepted(Order order) implements Placement {}

  public record Refused(String sCode, String sMsg) implements Placement {}

  /** A change in one key's account, pushed on the private WebSocket channels. */
  public sealed interface Change {
    String apiKey();
  }

  public record OrderChanged(String apiKey, Order order) implements Change {}

  public record AlgoChanged(String apiKey, Algo algo) implements Change {}

  public record PositionChanged(String apiKey, Position position) implements Change {}

  public record BalanceChanged(String apiKey) implements Change {}

  /** A position was liquidated: public news on {@code liquidation-orders} ({@code side} of the liquidation order). */
  public record Liquidated(String apiKey, String instId, String side, String posSide, BigDecimal sz, BigDecimal bkPx) implements Change {}

  private final Clock clock;
  private final SimMarket market;
  private final SimIds ids = new SimIds();
  private final Map<String, SimBook> books = new HashMap<>();
  private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
  private final SimTriggers triggers;
  /** The next funding settlement (00:00, 08:00, 16:00 UTC), in clock millis. */
  private long nextFunding;

  public SimExchange(Clock clock, SimMarket market) {
    this.clock = clock;
    this.market = market;
    this.nextFunding = SimMarket.nextFundingTime(clock.millis());
    this.triggers = new SimTriggers(market);
    market.onPriceChange(this::priceChanged);
  }

  /**
   * Settles every funding time the clock has passed (docs/spec/okx-openrouter-protocols.md §12.3): each open position pays
   * {@code sign(pos) × |pos| × ctVal × ctMult × markPx × rate} (a long pays when the rate is positive), as a type 8 bill
   * (173 expense, 174 income) and into the position's {@code fundingFee}. Called on every price move and request.
   */
  public synchronized void settleFundingDue() {
    while (clock.millis() >= nextFunding) {
      for (SimBook book : books.values()) {
        book.settleFunding(nextFunding);
      }
      nextFunding += SimMarket.FUNDING_PERIOD.toMillis();
    }
  }

  /** Runs an action holding the exchange's lock (so no account change interleaves with it). */
  public synchronized void atomically(Runnable action) {
    action.run();
  }

  /** Which order a fill belongs to, and whether it took (T) or made (M) liquidity. */
  record Trade(String ordId, String clOrdId, String execType, String liquidationSubType) {
    Trade(String ordId, String clOrdId, String execType) {
      this(ordId, clOrdId, execType, "");
    }
  }

  private void emit(Change change) {
    listeners.forEach(l -> l.accept(change));
  }

  /** Called, under the exchange's lock, after every account change; must not block. */
  public void onChange(Consumer<Change> listener) {
    listeners.add(listener);
  }

  /** After a price change: a step along a bar's path is a continuous move for the fill model, any other change a jump. */
  private synchronized void priceChanged() {
    evaluate(market::steppedFrom);
  }

  /** Fills what the current price has reached without a price change (an amended order or algo): checked as a jump. */
  synchronized void evaluateTriggers() {
    evaluate(instId -> Optional.empty());
  }

  /** Matches resting orders, then fires TP/SL algos (a reduce-only market child) and liquidations ({@link SimTriggers}). */
  private void evaluate(java.util.function.Function<String, Optional<BigDecimal>> movedFrom) {
    settleFundingDue();
    for (SimBook book : books.values()) {
      matchRestingOrders(book);
      triggers.fire(book, movedFrom, clock.millis());
    }
  }

  /** A position's liquidation price; cross positions are backed by the cash the other positions do not tie up. */
  public synchronized Optional<BigDecimal> liquidationPrice(String apiKey, Position p) {
    return book(apiKey).liquidationPrice(p);
  }

  /** Which leg of an algo fired ("tp" or "sl"), if it fired. */
  public synchronized Optional<String> triggeredLeg(String apiKey, String algoId) {
    return book(apiKey).triggered.stream().filter(t -> t.startsWith(algoId + ":")).map(t -> t.substring(algoId.length() + 1)).findFirst();
  }

  public synchronized void openAccount(String apiKey, BigDecimal usdt) {
    books.putIfAbsent(apiKey, new SimBook(apiKey, usdt, market, ids, this::emit));
  }

  /** Sets the funding-account USDT of a key (transfers move it to trading). */
  public synchronized void setFunding(String apiKey, BigDecimal usdt) {
    book(apiKey).funding = usdt;
  }

  public synchronized BigDecimal funding(String apiKey) {
    return book(apiKey).funding;
  }

  /** Funding (6) ⇄ trading (18) transfer of USDT within one account; empty on success. */
  public synchronized Optional<Refused> transfer(String apiKey, String ccy, String amt, String from, String to) {
    return transfer(apiKey, from, apiKey, to, ccy, amt);
  }

  /**
   * Moves USDT from one account's funding (6) or trading (18) balance to another's (the same account, or master ⇄ sub);
   * empty on success. Each trading balance that changes gets a type 1 bill (11 in, 12 out).
   */
  public synchronized Optional<Refused> transfer(String fromKey, String from, String toKey, String to, String ccy, String amt) {
    BigDecimal amount;
    try {
      amount = new BigDecimal(amt);
    } catch (NumberFormatException e) {
      return Optional.of(new Refused("51000", "Parameter amt error"));
    }
    if (amount.signum() <= 0) {
      return Optional.of(new Refused("58114", "Transfer amount must be greater than 0"));
    }
    if (from.equals(to) && fromKey.equals(toKey)) {
      return Optional.of(new Refused("58123", "The From parameter cannot be the same as the To parameter."));
    }
    if (!ccy.equals("USDT") || !List.of("6", "18").contains(from) || !List.of("6", "18").contains(to)) {
      return Optional.of(new Refused("51000", "Parameter from/to/ccy error"));
    }
    SimBook source = book(fromKey);
    SimBook target = book(toKey);
    BigDecimal available = from.equals("6") ? source.funding : source.available();
    if (amount.compareTo(available) > 0) {
      return Optional.of(new Refused("58116", "Transfer amount exceeds the available balance"));
    }
    move(source, from, amount.negate());
    move(target, to, amount);
    return Optional.empty();
  }

  private void move(SimBook book, String account, BigDecimal amount) {
    if (account.equals("6")) {
      book.funding = book.funding.add(amount);
      return;
    }
    book.cash = book.cash.add(amount);
    book.addBill(new Bill(
        ids.next(), "1", amount.signum() > 0 ? "11" : "12", "", "", "", "", "", "", BigDecimal.ZERO, BigDecimal.ZERO, amount, book.cash,
        BigDecimal.ZERO, BigDecimal.ZERO, "", clock.millis()));
    emit(new BalanceChanged(book.apiKey));
  }

  /** The outcome of a margin adjustment: the real leverage afterwards, or why it was refused. */
  public record MarginAdjustment(Optional<Refused> refused, BigDecimal realLeverage) {
    static MarginAdjustment refused(String code, String message) {
      return new MarginAdjustment(Optional.of(new Refused(code, message)), BigDecimal.ZERO);
    }
  }

  /** Adds or removes isolated margin (59300 no position, 59301 below the floor, 59303 not enough available). */
  public synchronized MarginAdjustment adjustMargin(String apiKey, String instId, String posSide, String type, String amt) {
    SimBook book = book(apiKey);
    Position p = book.positions.get(SimBook.key(instId, "isolated", posSide));
    if (p == null || p.pos().signum() == 0) {
      return MarginAdjustment.refused("59300", "Margin call failed. Position does not exist.");
    }
    BigDecimal amount = new BigDecimal(amt);
    Instrument inst = market.instrument(instId).orElseThrow();
    BigDecimal notional = p.pos().abs().multiply(inst.contractSize()).multiply(market.last(instId));
    BigDecimal margin;
    if (type.equals("add")) {
      if (amount.compareTo(book.available()) > 0) {
        return MarginAdjustment.refused("59303", "Insufficient available margin, add margin or reduce the borrowing amount");
      }
      margin = p.margin().add(amount);
    } else if (type.equals("reduce")) {
      margin = p.margin().subtract(amount);
      BigDecimal floor = notional.divide(inst.maxLeverage(), PositionMath.MC);
      if (margin.compareTo(floor) < 0) {
        return MarginAdjustment.refused("59301", "Margin adjustment exceeds the maximum available.");
      }
    } else {
      return MarginAdjustment.refused("51000", "Parameter type error");
    }
    Position updated = p.withMargin(margin, clock.millis());
    book.putPosition(SimBook.key(instId, "isolated", posSide), updated);
    BigDecimal realLeverage = notional.divide(margin, 2, java.math.RoundingMode.HALF_UP);
    return new MarginAdjustment(Optional.empty(), realLeverage);
  }

  /** Market-closes a whole position; 51023 when there is none. */
  public synchronized Placement closePosition(String apiKey, String instId, String mgnMode, String posSide, String clOrdId) {
    SimBook book = book(apiKey);
    Position p = book.positions.get(SimBook.key(instId, mgnMode, posSide));
    if (p == null || p.pos().signum() == 0) {
      return new Refused("51023", "Position does not exist");
    }
    Instrument inst = market.instrument(instId).orElseThrow();
    int dir = -p.pos().signum();
    BigDecimal sz = p.pos().abs();
    BigDecimal px = dir > 0 ? market.bestAsk(instId) : market.bestBid(instId);
    BigDecimal fee = PositionMath.fee(sz.multiply(inst.contractSize()), px, PositionMath.TAKER_RATE);
    long now = clock.millis();
    String ordId = ids.next();
    book.fill(inst, mgnMode, posSide, dir, sz, px, p.lever(), fee, now, new Trade(ordId, clOrdId, "T"));
    Order order = new Order(ordId, clOrdId, instId, mgnMode, posSide, dir > 0 ? "buy" : "sell", "market", sz, BigDecimal.ZERO, px, fee, p.lever(), true, "filled", now, List.of());
    book.putOrder(order);
    return new Accepted(order);
  }

  /** Switches between {@code net_mode} and {@code long_short_mode}; 59000 while positions or orders are open. */
  public synchronized Optional<Refused> setPositionMode(String apiKey, String posMode) {
    if (!posMode.equals(SimBook.NET_MODE) && !posMode.equals(SimBook.LONG_SHORT_MODE)) {
      return Optional.of(new Refused("51000", "Parameter posMode error"));
    }
    SimBook book = book(apiKey);
    boolean busy = book.positions.values().stream().anyMatch(p -> p.pos().signum() != 0) || !book.resting.isEmpty();
    if (busy) {
      return Optional.of(new Refused("59000", "Settings failed. Delete any open positions or orders before modifying settings."));
    }
    book.posMode = posMode;
    return Optional.empty();
  }

  public synchronized String positionMode(String apiKey) {
    return book(apiKey).posMode;
  }

  public synchronized BigDecimal leverage(String apiKey, String instId, String mgnMode) {
    return book(apiKey).leverage.getOrDefault(instId + "/" + mgnMode, DEFAULT_LEVERAGE);
  }

  /** Sets leverage; empty on success, else the OKX error it is refused with. */
  public synchronized Optional<Refused> setLeverage(String apiKey, String instId, String mgnMode, String lever) {
    Optional<Instrument> instrument = market.instrument(instId);
    if (instrument.isEmpty()) {
      return Optional.of(new Refused("51001", "Instrument ID or Spread ID doesn't exist."));
    }
    if (!mgnMode.equals("cross") && !mgnMode.equals("isolated")) {
      return Optional.of(new Refused("51000", "Parameter mgnMode error"));
    }
    BigDecimal value;
    try {
      value = new BigDecimal(lever);
    } catch (NumberFormatException e) {
      return Optional.of(new Refused("51000", "Parameter lever error"));
    }
    if (value.compareTo(BigDecimal.ONE) < 0) {
      return Optional.of(new Refused("51000", "Parameter lever error"));
    }
    if (value.compareTo(instrument.get().maxLeverage()) > 0) {
      return Optional.of(new Refused("59102", "Leverage exceeds the maximum leverage. Please adjust your leverage."));
    }
    book(apiKey).leverage.put(instId + "/" + mgnMode, value);
    return Optional.empty();
  }

  public synchronized Placement place(String apiKey, OrderRequest r) {
    Optional<Instrument> found = market.instrument(r.instId());
    if (found.isEmpty()) {
      return new Refused("51001", "Instrument ID or Spread ID doesn't exist.");
    }
    Instrument inst = found.get();
    Optional<Refused> malformed = SimOrderRules.check(inst, r, market.last(r.instId()));
    if (malformed.isPresent()) {
      return malformed.get();
    }
    BigDecimal sz = new BigDecimal(r.sz());
    boolean limit = !r.ordType().equals("market") && !r.ordType().equals("optimal_limit_ioc");
    SimBook book = book(apiKey);
    if (r.clOrdId().isPresent() && book.orders.stream().anyMatch(o -> o.state().equals("live") && o.clOrdId().equals(r.clOrdId().get()))) {
      return new Refused("51016", "Duplicated client order ID");
    }
    int dir = r.side().equals("buy") ? 1 : -1;
    Optional<Refused> badPosSide = book.checkPosSide(r.posSide());
    if (badPosSide.isPresent()) {
      return badPosSide.get();
    }
    Position existing = book.positions.get(SimBook.key(r.instId(), r.tdMode(), r.posSide()));
    BigDecimal current = existing == null ? BigDecimal.ZERO : existing.pos();
    // In long/short mode an order against its posSide (sell long, buy short) closes: it behaves as reduce-only.
    boolean closes = !r.posSide().equals("net") && dir != (r.posSide().equals("long") ? 1 : -1);
    if (r.reduceOnly() || closes) {
      if (current.signum() == 0) {
        return new Refused("51169", "Order failed because you don't have any positions in this direction for this contract to reduce or close.");
      }
      if (current.signum() == dir) {
        return new Refused("51170", "Failed to place order. A reduce-only order can't be the same direction as your existing position.");
      }
      if (r.tpTriggerPx().isPresent() || r.slTriggerPx().isPresent()) {
        return new Refused("51100", "Unable to place order. Take profit/Stop loss conditions cannot be added to reduce-only orders.");
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
    BigDecimal lever = leverage(apiKey, r.instId(), r.tdMode());
    BigDecimal fee = PositionMath.fee(sz.multiply(inst.contractSize()), px, rests ? PositionMath.MAKER_RATE : PositionMath.TAKER_RATE);
    BigDecimal opening = opening(current, sz, dir);
    BigDecimal required = PositionMath.initialMargin(opening.multiply(inst.contractSize()), px, lever).subtract(fee);
    if (opening.signum() > 0 && required.compareTo(book.available()) > 0) {
      return new Refused("51008", "Order failed. Insufficient USDT margin in account");
    }
    BigDecimal pendingSameWay = book.resting.values().stream()
        .filter(x -> x.request().instId().equals(r.instId()) && x.request().side().equals(r.side()))
        .map(Resting::sz).reduce(BigDecimal.ZERO, BigDecimal::add);
    if (opening.signum() > 0 && SimOrderRules.aboveTier(inst, current.abs().add(pendingSameWay).add(opening), lever)) {
      return new Refused("51004", "Order failed. The number of contracts of your position, open orders, and the current order has "
          + "exceeded the position holding limit at your current leverage.");
    }
    String ordId = ids.next();
    long now = clock.millis();
    if (limit && !rests && (r.ordType().equals("post_only") ? marketable : !marketable)) {
      // post_only that would take, or ioc/fok that cannot fill: accepted, then canceled at once (docs/spec/okx-openrouter-protocols.md §12.4).
      Order canceled = new Order(ordId, r.clOrdId().orElse(""), r.instId(), r.tdMode(), r.posSide(), r.side(), r.ordType(), sz, r.px().get(),
          BigDecimal.ZERO, BigDecimal.ZERO, lever, r.reduceOnly(), "canceled", now, List.of());
      book.putOrder(canceled);
      return new Accepted(canceled);
    }
    if (rests) {
      Order live = new Order(ordId, r.clOrdId().orElse(""), r.instId(), r.tdMode(), r.posSide(), r.side(), r.ordType(), sz, px, BigDecimal.ZERO,
          BigDecimal.ZERO, lever, r.reduceOnly(), "live", now, pendingAttached(r, sz, now));
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
    return List.of(new Algo("", r.attachAlgoClOrdId().orElse(""), r.instId(), r.tdMode(), r.posSide(),
        r.side().equals("buy") ? "sell" : "buy", sz, r.tpTriggerPx(), r.slTriggerPx(), "live", now));
  }

  /** Runs an action on one key's account holding the exchange's lock (for the endpoint classes that need the book). */
  synchronized <T> T withBook(String apiKey, java.util.function.Function<SimBook, T> action) {
    return action.apply(book(apiKey));
  }

  /** A resting limit order: what was asked, how many contracts, at what price. */
  record Resting(OrderRequest request, BigDecimal sz, BigDecimal px) {}

  /** Fills an order completely at {@code px} and creates its attached TP/SL (OKX creates them on the full fill). */
  private Order execute(SimBook book, Instrument inst, OrderRequest r, String ordId, BigDecimal sz, BigDecimal px, BigDecimal rate, BigDecimal lever, long now) {
    int dir = r.side().equals("buy") ? 1 : -1;
    BigDecimal fee = PositionMath.fee(sz.multiply(inst.contractSize()), px, rate);
    book.fill(inst, r.tdMode(), r.posSide(), dir, sz, px, lever, fee, now,
        new Trade(ordId, r.clOrdId().orElse(""), rate.equals(PositionMath.MAKER_RATE) ? "M" : "T"));
    List<Algo> attached = new ArrayList<>();
    if (r.tpTriggerPx().isPresent() || r.slTriggerPx().isPresent()) {
      Algo algo = new Algo(
          ids.next(), r.attachAlgoClOrdId().orElse(""), r.instId(), r.tdMode(), r.posSide(),
          dir > 0 ? "sell" : "buy", sz, r.tpTriggerPx(), r.slTriggerPx(), "live", now);
      book.putAlgo(algo);
      attached.add(algo);
    }
    return new Order(ordId, r.clOrdId().orElse(""), r.instId(), r.tdMode(), r.posSide(), r.side(), r.ordType(), sz, r.px().orElse(BigDecimal.ZERO), px, fee, lever,
        r.reduceOnly(), "filled", now, List.copyOf(attached));
  }

  /** Fills resting limit orders the price has reached: a buy when last ≤ px, a sell when last ≥ px, as maker at px. */
  private void matchRestingOrders(SimBook book) {
    for (var entry : List.copyOf(book.resting.entrySet())) {
      Resting resting = entry.getValue();
      OrderRequest r = resting.request();
      int dir = r.side().equals("buy") ? 1 : -1;
      if (market.last(r.instId()).compareTo(resting.px()) * dir > 0) {
        continue;
      }
      book.resting.remove(entry.getKey());
      Instrument inst = market.instrument(r.instId()).orElseThrow();
      Order live = book.orders.stream().filter(o -> o.ordId().equals(entry.getKey())).findFirst().orElseThrow();
      Order filled = execute(book, inst, r, live.ordId(), resting.sz(), resting.px(), PositionMath.MAKER_RATE, live.lever(), clock.millis());
      book.putOrder(filled);
    }
  }

  /** Cancels a resting order; 51400 when it is filled, canceled or unknown. */
  public synchronized Optional<Refused> cancelOrder(String apiKey, String instId, Optional<String> ordId, Optional<String> clOrdId) {
    SimBook book = book(apiKey);
    Optional<Order> target = order(apiKey, instId, ordId, clOrdId).filter(o -> o.state().equals("live"));
    if (target.isEmpty()) {
      return Optional.of(new Refused("51400", "Cancellation failed as the order has been filled, canceled or does not exist."));
    }
    Order o = target.get();
    book.resting.remove(o.ordId());
    book.putOrder(o.withState("canceled"));
    return Optional.empty();
  }

  /** Orders resting on the book, newest first. */
  public synchronized List<Order> pendingOrders(String apiKey) {
    List<Order> live = new ArrayList<>(book(apiKey).orders.stream().filter(o -> o.state().equals("live")).toList());
    java.util.Collections.reverse(live);
    return live;
  }

  /** Attached TP above / SL below the fill for a buy, mirrored for a sell (OKX 51046–51053 family). */
  private static Optional<Refused> checkTriggers(int dir, BigDecimal px, OrderRequest r) {
    if (r.tpTriggerPx().isPresent() && r.tpTriggerPx().get().subtract(px).signum() != dir) {
      return Optional.of(new Refused(dir > 0 ? "51052" : "51053", dir > 0
          ? "The take profit trigger price must be higher than the best ask price."
          : "The take profit trigger price must be lower than the best bid price."));
    }
    if (r.slTriggerPx().isPresent() && px.subtract(r.slTriggerPx().get()).signum() != dir) {
      return Optional.of(new Refused(dir > 0 ? "51051" : "51050", dir > 0
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

  /**
   * A standalone TP/SL on a position ({@code conditional} with one leg, {@code oco} with both). {@code sz} empty means
   * the whole position at trigger time ({@code closeFraction 1}).
   */
  public synchronized Placement placeAlgo(
      String apiKey, String instId, String tdMode, String posSide, String side, Optional<BigDecimal> sz, Optional<BigDecimal> tp,
      Optional<BigDecimal> sl, String algoClOrdId) {
    if (market.instrument(instId).isEmpty()) {
      return new Refused("51001", "Instrument ID or Spread ID doesn't exist.");
    }
    if (tp.isEmpty() && sl.isEmpty()) {
      return new Refused("51000", "Parameter tpTriggerPx/slTriggerPx error");
    }
    SimBook book = book(apiKey);
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
      return new Refused(closeDir > 0 ? "51280" : "51279", "SL trigger price must be on the loss side of the last price");
    }
    if (tp.isPresent() && tp.get().subtract(last).signum() != closeDir) {
      return new Refused(closeDir > 0 ? "51277" : "51278", "TP trigger price must be on the profit side of the last price");
    }
    Algo algo = new Algo(ids.next(), algoClOrdId, instId, tdMode, posSide, side, sz.orElse(p.pos().abs()), tp, sl, "live", clock.millis());
    book.putAlgo(algo);
    return new Accepted(new Order(algo.algoId(), algoClOrdId, instId, tdMode, posSide, side, tp.isPresent() && sl.isPresent() ? "oco" : "conditional",
        algo.sz(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, p.lever(), true, "live", algo.cTime(), List.of(algo)));
  }

  /** Cancels a pending algo; refused with 51400-family codes when it is unknown or no longer pending. */
  public synchronized Optional<Refused> cancelAlgo(String apiKey, String instId, String algoId) {
    SimBook book = book(apiKey);
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
    return Optional.of(new Refused("51400", "Cancellation failed as the order has been filled, canceled or does not exist."));
  }

  public synchronized Optional<Order> order(String apiKey, String instId, Optional<String> ordId, Optional<String> clOrdId) {
    List<Order> orders = book(apiKey).orders;
    for (int i = orders.size() - 1; i >= 0; i--) {
      Order o = orders.get(i);
      if (o.instId().equals(instId)
          && (ordId.map(o.ordId()::equals).orElse(false) || (ordId.isEmpty() && clOrdId.map(o.clOrdId()::equals).orElse(false)))) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  /** Open positions (newest first); with an instId, also a closed one of that instrument (OKX's quirk). */
  public synchronized List<Position> positions(String apiKey, Optional<String> instId) {
    List<Position> result = new ArrayList<>(book(apiKey).positions.values());
    result.removeIf(p -> instId.map(id -> !p.instId().equals(id)).orElse(p.pos().signum() == 0));
    result.sort((a, b) -> Long.compare(b.cTime(), a.cTime()));
    return result;
  }

  /** Bills, newest first. */
  public synchronized List<Bill> bills(String apiKey) {
    return List.copyOf(book(apiKey).bills.reversed());
  }

  /** Algos that are no longer pending (effective or canceled), newest first. */
  public synchronized List<Algo> finishedAlgos(String apiKey) {
    return book(apiKey).algos.reversed().stream().filter(a -> !a.state().equals("live")).toList();
  }

  public synchronized List<Algo> pendingAlgos(String apiKey) {
    return book(apiKey).algos.stream().filter(a -> a.state().equals("live")).toList();
  }

  /** An account's USDT: cash, equity (cash + unrealised PnL), available for new positions, unrealised PnL. */
  public record Balance(BigDecimal cash, BigDecimal equity, BigDecimal available, BigDecimal upl) {}

  public synchronized Balance balance(String apiKey) {
    SimBook book = book(apiKey);
    BigDecimal upl = BigDecimal.ZERO;
    for (Position p : book.positions.values()) {
      if (p.pos().signum() != 0) {
        upl = upl.add(upl(p));
      }
    }
    return new Balance(book.cash, book.cash.add(upl), book.available(), upl);
  }

  /** Unrealised PnL of a position at the current price (mark = last in the simulator). */
  public BigDecimal upl(Position p) {
    BigDecimal coin = p.pos().abs().multiply(market.instrument(p.instId()).orElseThrow().contractSize());
    return PositionMath.upl(p.pos().signum(), coin, p.avgPx(), market.last(p.instId()));
  }

  public SimMarket market() {
    return market;
  }

  private SimBook book(String apiKey) {
    SimBook book = books.get(apiKey);
    if (book == null) {
      throw new IllegalStateException("no simulated account for this key");
    }
    return book;
  }
}
