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
import java.util.function.Function;

/**
 * Accounts, leverage, orders and positions of the simulated exchange (net position mode, cross or isolated margin,
 * USDT swaps): the face the endpoints, the WebSocket and the tests call, the records they exchange, funding settlement
 * and the price-driven matching. One lock guards everything: this is a test double, correctness beats concurrency. The
 * rules of each kind of request live beside it: orders in {@link SimOrderDesk}, standalone TP/SL in
 * {@link SimAlgoOrders}, leverage, position mode and margin in {@link SimAccountSettings}, transfers in
 * {@link SimTransfers}.
 */
public final class SimExchange {

  static final BigDecimal DEFAULT_LEVERAGE = BigDecimal.TEN;

  /** An order as stored after it was accepted: {@code px} is the limit price (0 for market orders). */
  public record Order(
      String ordId,
      String clOrdId,
      String instId,
      String tdMode,
      String posSide,
      String side,
      String ordType,
      BigDecimal sz,
      BigDecimal px,
      BigDecimal avgPx,
      BigDecimal fee,
      BigDecimal lever,
      boolean reduceOnly,
      String state,
      long cTime,
      List<Algo> attached,
      String category) {

    /** A {@code normal} order (not a liquidation). */
    public Order(
        String ordId,
        String clOrdId,
        String instId,
        String tdMode,
        String posSide,
        String side,
        String ordType,
        BigDecimal sz,
        BigDecimal px,
        BigDecimal avgPx,
        BigDecimal fee,
        BigDecimal lever,
        boolean reduceOnly,
        String state,
        long cTime,
        List<Algo> attached) {
      this(
          ordId,
          clOrdId,
          instId,
          tdMode,
          posSide,
          side,
          ordType,
          sz,
          px,
          avgPx,
          fee,
          lever,
          reduceOnly,
          state,
          cTime,
          attached,
          "normal");
    }

    /** An order placed by a request: its ids, instrument, modes, side, type and reduce-only flag come from {@code r}. */
    static Order placed(
        String ordId,
        OrderRequest r,
        BigDecimal sz,
        BigDecimal px,
        BigDecimal avgPx,
        BigDecimal fee,
        BigDecimal lever,
        String state,
        long cTime,
        List<Algo> attached) {
      return new Order(
          ordId,
          r.clOrdId().orElse(""),
          r.instId(),
          r.tdMode(),
          r.posSide(),
          r.side(),
          r.ordType(),
          sz,
          px,
          avgPx,
          fee,
          lever,
          r.reduceOnly(),
          state,
          cTime,
          attached);
    }

    /** A reduce-only market order filled at once at {@code avgPx}: a closed position, a fired TP/SL or a liquidation. */
    static Order closingFill(
        String ordId,
        String clOrdId,
        String instId,
        String tdMode,
        String posSide,
        String side,
        BigDecimal sz,
        BigDecimal avgPx,
        BigDecimal fee,
        BigDecimal lever,
        long cTime,
        String category) {
      return new Order(
          ordId,
          clOrdId,
          instId,
          tdMode,
          posSide,
          side,
          "market",
          sz,
          BigDecimal.ZERO,
          avgPx,
          fee,
          lever,
          true,
          "filled",
          cTime,
          List.of(),
          category);
    }

    Order withState(String next) {
      return new Order(
          ordId,
          clOrdId,
          instId,
          tdMode,
          posSide,
          side,
          ordType,
          sz,
          px,
          avgPx,
          fee,
          lever,
          reduceOnly,
          next,
          cTime,
          List.of(),
          category);
    }
  }

  /** A TP/SL algo order. */
  public record Algo(
      String algoId,
      String algoClOrdId,
      String instId,
      String tdMode,
      String posSide,
      String side,
      BigDecimal sz,
      Optional<BigDecimal> tpTriggerPx,
      Optional<BigDecimal> slTriggerPx,
      String state,
      long cTime) {

    Algo withState(String next) {
      return new Algo(
          algoId,
          algoClOrdId,
          instId,
          tdMode,
          posSide,
          side,
          sz,
          tpTriggerPx,
          slTriggerPx,
          next,
          cTime);
    }
  }

  /**
   * A change of the trading account's USDT (docs/spec/okx-openrouter-protocols.md §4.7): type 2 trade (subType 3/4 open long/short, 5/6 close), type 5
   * liquidation (104 long, 105 short), type 1 transfer (11 in, 12 out), type 8 funding (173 paid, 174 received). Trade and
   * liquidation bills double as fills (§5.6).
   */
  public record Bill(
      String billId,
      String type,
      String subType,
      String instId,
      String mgnMode,
      String ordId,
      String clOrdId,
      String tradeId,
      String side,
      BigDecimal sz,
      BigDecimal px,
      BigDecimal balChg,
      BigDecimal bal,
      BigDecimal fee,
      BigDecimal pnl,
      String execType,
      long ts) {

    /** A transfer in (11) or out (12) of the trading account: no instrument, no order, no trade. */
    static Bill transfer(String billId, BigDecimal amount, BigDecimal bal, long ts) {
      return new Bill(
          billId,
          "1",
          amount.signum() > 0 ? "11" : "12",
          "",
          "",
          "",
          "",
          "",
          "",
          BigDecimal.ZERO,
          BigDecimal.ZERO,
          amount,
          bal,
          BigDecimal.ZERO,
          BigDecimal.ZERO,
          "",
          ts);
    }

    /** A funding payment (173 paid) or receipt (174) of a position at the mark price: no order, no trade, no fee. */
    static Bill funding(
        String billId, Position p, BigDecimal markPx, BigDecimal amount, BigDecimal bal, long ts) {
      return new Bill(
          billId,
          "8",
          amount.signum() < 0 ? "173" : "174",
          p.instId(),
          p.mgnMode(),
          "",
          "",
          "",
          "",
          p.pos().abs(),
          markPx,
          amount,
          bal,
          BigDecimal.ZERO,
          BigDecimal.ZERO,
          "",
          ts);
    }
  }

  /**
   * A position; {@code pos} is signed contracts (negative = short), in net mode ({@code posSide} "net") and in long/short
   * mode alike, where {@code posSide} fixes the sign.
   */
  public record Position(
      String posId,
      String instId,
      String mgnMode,
      String posSide,
      BigDecimal pos,
      BigDecimal avgPx,
      BigDecimal lever,
      BigDecimal margin,
      BigDecimal fee,
      BigDecimal pnl,
      BigDecimal fundingFee,
      long cTime,
      long uTime) {

    Position withMargin(BigDecimal next, long now) {
      return new Position(
          posId,
          instId,
          mgnMode,
          posSide,
          pos,
          avgPx,
          lever,
          next,
          fee,
          pnl,
          fundingFee,
          cTime,
          now);
    }

    Position withFunding(BigDecimal amount, long now) {
      return new Position(
          posId,
          instId,
          mgnMode,
          posSide,
          pos,
          avgPx,
          lever,
          margin,
          fee,
          pnl,
          fundingFee.add(amount),
          cTime,
          now);
    }
  }

  /** What an order request asks for (fields already parsed; absent = empty). */
  public record OrderRequest(
      String instId,
      String tdMode,
      String posSide,
      String side,
      String ordType,
      String sz,
      Optional<BigDecimal> px,
      Optional<String> clOrdId,
      boolean reduceOnly,
      Optional<BigDecimal> tpTriggerPx,
      Optional<BigDecimal> slTriggerPx,
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
  public record Liquidated(
      String apiKey, String instId, String side, String posSide, BigDecimal sz, BigDecimal bkPx)
      implements Change {}

  private final Clock clock;
  private final SimMarket market;
  private final SimIds ids = new SimIds();
  private final Map<String, SimBook> books = new HashMap<>();
  private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
  private final SimTriggers triggers;
  private final SimOrderDesk orders;
  private final SimAlgoOrders algos;
  private final SimAccountSettings settings;
  private final SimTransfers transfers;

  /** The next funding settlement (00:00, 08:00, 16:00 UTC), in clock millis. */
  private long nextFunding;

  public SimExchange(Clock clock, SimMarket market) {
    this.clock = clock;
    this.market = market;
    this.nextFunding = SimMarket.nextFundingTime(clock.millis());
    this.triggers = new SimTriggers(market);
    this.orders = new SimOrderDesk(clock, market, ids);
    this.algos = new SimAlgoOrders(clock, market, ids);
    this.settings = new SimAccountSettings(clock, market);
    this.transfers = new SimTransfers(clock, ids, this::emit);
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
  private void evaluate(Function<String, Optional<BigDecimal>> movedFrom) {
    settleFundingDue();
    for (SimBook book : books.values()) {
      orders.matchRestingOrders(book);
      triggers.fire(book, movedFrom, clock.millis());
    }
  }

  /** A position's liquidation price; cross positions are backed by the cash the other positions do not tie up. */
  public synchronized Optional<BigDecimal> liquidationPrice(String apiKey, Position p) {
    return book(apiKey).liquidationPrice(p);
  }

  /** Which leg of an algo fired ("tp" or "sl"), if it fired. */
  public synchronized Optional<String> triggeredLeg(String apiKey, String algoId) {
    return book(apiKey).triggered.stream()
        .filter(t -> t.startsWith(algoId + ":"))
        .map(t -> t.substring(algoId.length() + 1))
        .findFirst();
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
  public synchronized Optional<Refused> transfer(
      String apiKey, String ccy, String amt, String from, String to) {
    return transfer(apiKey, from, apiKey, to, ccy, amt);
  }

  /**
   * Moves USDT from one account's funding (6) or trading (18) balance to another's (the same account, or master ⇄ sub);
   * empty on success. Each trading balance that changes gets a type 1 bill (11 in, 12 out).
   */
  public synchronized Optional<Refused> transfer(
      String fromKey, String from, String toKey, String to, String ccy, String amt) {
    return transfers.transfer(this::book, fromKey, from, toKey, to, ccy, amt);
  }

  /** The outcome of a margin adjustment: the real leverage afterwards, or why it was refused. */
  public record MarginAdjustment(Optional<Refused> refused, BigDecimal realLeverage) {
    static MarginAdjustment refused(String code, String message) {
      return new MarginAdjustment(Optional.of(new Refused(code, message)), BigDecimal.ZERO);
    }
  }

  /** Adds or removes isolated margin (59300 no position, 59301 below the floor, 59303 not enough available). */
  public synchronized MarginAdjustment adjustMargin(
      String apiKey, String instId, String posSide, String type, String amt) {
    return settings.adjustMargin(book(apiKey), instId, posSide, type, amt);
  }

  /** Market-closes a whole position; 51023 when there is none. */
  public synchronized Placement closePosition(
      String apiKey, String instId, String mgnMode, String posSide, String clOrdId) {
    return orders.closePosition(book(apiKey), instId, mgnMode, posSide, clOrdId);
  }

  /** Switches between {@code net_mode} and {@code long_short_mode}; 59000 while positions or orders are open. */
  public synchronized Optional<Refused> setPositionMode(String apiKey, String posMode) {
    return SimAccountSettings.setPositionMode(book(apiKey), posMode);
  }

  public synchronized String positionMode(String apiKey) {
    return book(apiKey).posMode;
  }

  public synchronized BigDecimal leverage(String apiKey, String instId, String mgnMode) {
    return book(apiKey).leverage(instId, mgnMode);
  }

  /** Sets leverage; empty on success, else the OKX error it is refused with. */
  public synchronized Optional<Refused> setLeverage(
      String apiKey, String instId, String mgnMode, String lever) {
    return settings.setLeverage(book(apiKey), instId, mgnMode, lever);
  }

  /** Places an order: filled at once, resting on the book, or refused with OKX's code ({@link SimOrderDesk}). */
  public synchronized Placement place(String apiKey, OrderRequest r) {
    Optional<Instrument> found = market.instrument(r.instId());
    if (found.isEmpty()) {
      return new Refused("51001", "Instrument ID or Spread ID doesn't exist.");
    }
    Optional<Refused> malformed = SimOrderRules.check(found.get(), r, market.last(r.instId()));
    if (malformed.isPresent()) {
      return malformed.get();
    }
    return orders.place(book(apiKey), found.get(), r);
  }

  /** Runs an action on one key's account holding the exchange's lock (for the endpoint classes that need the book). */
  synchronized <T> T withBook(String apiKey, Function<SimBook, T> action) {
    return action.apply(book(apiKey));
  }

  /** Cancels a resting order; 51400 when it is filled, canceled or unknown. */
  public synchronized Optional<Refused> cancelOrder(
      String apiKey, String instId, Optional<String> ordId, Optional<String> clOrdId) {
    return orders.cancelOrder(book(apiKey), instId, ordId, clOrdId);
  }

  /** Orders resting on the book, newest first. */
  public synchronized List<Order> pendingOrders(String apiKey) {
    return SimOrderDesk.pendingOrders(book(apiKey));
  }

  /**
   * A standalone TP/SL on a position ({@code conditional} with one leg, {@code oco} with both). {@code sz} empty means
   * the whole position at trigger time ({@code closeFraction 1}).
   */
  public synchronized Placement placeAlgo(
      String apiKey,
      String instId,
      String tdMode,
      String posSide,
      String side,
      Optional<BigDecimal> sz,
      Optional<BigDecimal> tp,
      Optional<BigDecimal> sl,
      String algoClOrdId) {
    return algos.placeAlgo(book(apiKey), instId, tdMode, posSide, side, sz, tp, sl, algoClOrdId);
  }

  /** Cancels a pending algo; refused with 51400-family codes when it is unknown or no longer pending. */
  public synchronized Optional<Refused> cancelAlgo(String apiKey, String instId, String algoId) {
    return algos.cancelAlgo(book(apiKey), instId, algoId);
  }

  public synchronized Optional<Order> order(
      String apiKey, String instId, Optional<String> ordId, Optional<String> clOrdId) {
    return SimOrderDesk.find(book(apiKey), instId, ordId, clOrdId);
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
    BigDecimal coin =
        p.pos().abs().multiply(market.instrument(p.instId()).orElseThrow().contractSize());
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
