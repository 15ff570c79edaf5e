package io.tai2.market;

import io.tai2.okx.AccountBalance;
import io.tai2.okx.AlgoOrder;
import io.tai2.okx.FillInfo;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.OkxWebSocketClient;
import io.tai2.okx.OkxWsArg;
import io.tai2.okx.OkxWsEvent;
import io.tai2.okx.OrderDetails;
import io.tai2.okx.PositionInfo;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account side of the engine (needs API keys): balances, positions, pending orders and algo orders kept live from
 * the private WebSocket channels and reconciled over REST every {@link #refresh()} (the REST answer wins), plus the
 * fees of the fills over the fee window. Units come from the instrument specs: 3 BTC-USDT-SWAP contracts of ctVal 0.01
 * are 0.03 BTC.
 */
public final class AccountFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AccountFeed.class);
  private static final List<String> LIVE_ORDER_STATES = List.of("live", "partially_filled");

  private final Supplier<OkxTrading> rest;
  private final Function<String, Optional<Instrument>> instruments;
  private final Clock clock;
  private final Duration staleAfter;
  private final IntSupplier feeWindowHours;
  private final List<OkxWebSocketClient.Subscription> subscriptions = new ArrayList<>();

  /** Guarded by {@code this}. */
  private AccountBalance balance;

  private final Map<String, PositionInfo> positions = new LinkedHashMap<>();
  private final Map<String, OrderDetails> orders = new LinkedHashMap<>();
  private final Map<String, AlgoOrder> algos = new LinkedHashMap<>();
  private AccountSnapshot.Fees fees;
  private final Map<String, Instant> seen = new LinkedHashMap<>();
  private boolean changed = true;
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("account-refresh").factory());

  public AccountFeed(
      Supplier<OkxTrading> rest,
      OkxWebSocketClient ws,
      Function<String, Optional<Instrument>> instruments,
      Clock clock,
      Duration staleAfter,
      IntSupplier feeWindowHours) {
    this.rest = rest;
    this.instruments = instruments;
    this.clock = clock;
    this.staleAfter = staleAfter;
    this.feeWindowHours = feeWindowHours;
    subscriptions.add(ws.subscribe(OkxWsArg.account(), this::on));
    subscriptions.add(ws.subscribe(OkxWsArg.byType("positions", "SWAP"), this::on));
    subscriptions.add(ws.subscribe(OkxWsArg.byType("orders", "SWAP"), this::on));
    subscriptions.add(ws.subscribe(OkxWsArg.byType("orders-algo", "SWAP"), this::on));
  }

  /** Refreshes now and then every {@code every} (REST reconciliation next to the pushes). */
  public AccountFeed start(Duration every) {
    refresher.scheduleWithFixedDelay(
        () -> {
          try {
            refresh();
          } catch (RuntimeException e) { // a throwing task would never run again
            log.warn(
                "event=account_refresh_failed error=\"{}\" effect=\"retried on the next refresh\"",
                e.toString());
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** Reads everything over REST and replaces what the pushes built; a failed source keeps its last value (and ages). */
  public void refresh() {
    OkxTrading okx = rest.get();
    Instant now = clock.instant();
    attempt(
        "balance",
        () -> {
          AccountBalance b = okx.balance();
          synchronized (this) {
            balance = b;
          }
        });
    attempt(
        "positions",
        () -> {
          List<PositionInfo> all = okx.positions(Optional.empty());
          synchronized (this) {
            positions.clear();
            all.forEach(this::putPosition);
          }
        });
    attempt(
        "orders",
        () -> {
          List<OrderDetails> pending = okx.pendingOrders();
          synchronized (this) {
            orders.clear();
            pending.forEach(o -> orders.put(o.ordId(), o));
          }
        });
    attempt(
        "algo_orders",
        () -> {
          List<AlgoOrder> pending = okx.pendingAlgos();
          synchronized (this) {
            algos.clear();
            pending.forEach(a -> algos.put(a.algoId(), a));
          }
        });
    attempt(
        "fees",
        () -> {
          int hours = feeWindowHours.getAsInt(); // a runtime setting: read at each refresh
          Instant since = now.minus(Duration.ofHours(hours));
          List<FillInfo> fills = okx.fills(Optional.empty(), since);
          BigDecimal paid =
              fills.stream()
                  .filter(f -> f.feeCcy().isEmpty() || f.feeCcy().equals("USDT"))
                  .map(FillInfo::fee)
                  .reduce(BigDecimal.ZERO, BigDecimal::add)
                  .negate(); // OKX: a charged fee is negative, a rebate positive
          synchronized (this) {
            fees = new AccountSnapshot.Fees(hours, paid, fills.size(), since);
          }
        });
  }

  private void attempt(String source, Runnable read) {
    try {
      read.run();
      synchronized (this) {
        seen.put(source, clock.instant());
        changed = true;
      }
    } catch (RuntimeException e) {
      log.warn(
          "event=account_refresh_failed source={} error=\"{}\" effect=\"kept the last value; retried on the next refresh\"",
          source,
          e.getMessage());
    }
  }

  private synchronized void on(OkxWsEvent event) {
    Instant now = clock.instant();
    switch (event) {
      case OkxWsEvent.AccountUpdate a -> {
        balance = merge(balance, a.balance(), a.snapshot());
        seen.put("balance", now);
      }
      case OkxWsEvent.PositionsUpdate p -> {
        if (p.snapshot()) {
          positions.clear();
        }
        p.positions().forEach(this::putPosition);
        seen.put("positions", now);
      }
      case OkxWsEvent.OrderUpdate o -> {
        if (LIVE_ORDER_STATES.contains(o.order().state())) {
          orders.put(o.order().ordId(), o.order());
        } else {
          orders.remove(o.order().ordId());
        }
        seen.put("orders", now);
      }
      case OkxWsEvent.AlgoOrderUpdate a -> {
        if (a.algo().state().equals("live")) {
          algos.put(a.algo().algoId(), a.algo());
        } else {
          algos.remove(a.algo().algoId());
        }
        seen.put("algo_orders", now);
      }
      default -> {
        return;
      }
    }
    changed = true;
  }

  /** An {@code event_update} carries only the currencies that changed; a snapshot all of them. */
  private static AccountBalance merge(
      AccountBalance before, AccountBalance update, boolean snapshot) {
    if (before == null || snapshot) {
      return update;
    }
    Map<String, AccountBalance.CurrencyBalance> byCcy = new LinkedHashMap<>();
    before.details().forEach(d -> byCcy.put(d.ccy(), d));
    update.details().forEach(d -> byCcy.put(d.ccy(), d));
    return new AccountBalance(update.totalEq(), List.copyOf(byCcy.values()));
  }

  private void putPosition(PositionInfo p) {
    String key = p.instId() + "|" + p.posSide();
    if (p.pos().signum() == 0) {
      positions.remove(key);
    } else {
      positions.put(key, p);
    }
  }

  /** Whether anything changed since the last call; clears the flag. */
  synchronized boolean takeChanged() {
    boolean was = changed;
    changed = false;
    return was;
  }

  public synchronized AccountSnapshot snapshot() {
    Instant now = clock.instant();
    Map<String, MarketSnapshot.Freshness> freshness = new LinkedHashMap<>();
    seen.forEach(
        (source, ts) -> {
          long age = Math.max(0, Duration.between(ts, now).toMillis());
          freshness.put(source, new MarketSnapshot.Freshness(ts, age, age > staleAfter.toMillis()));
        });
    List<AccountSnapshot.Balance> balances =
        balance == null
            ? List.of()
            : balance.details().stream()
                .map(
                    d ->
                        new AccountSnapshot.Balance(
                            d.ccy(), d.eq(), d.cashBal(), d.availBal(), d.upl()))
                .toList();
    List<AccountSnapshot.Position> open =
        positions.values().stream()
            .sorted(Comparator.comparing(PositionInfo::instId).thenComparing(PositionInfo::posSide))
            .map(this::position)
            .toList();
    List<AccountSnapshot.Order> pending =
        orders.values().stream()
            .map(
                o ->
                    new AccountSnapshot.Order(
                        o.ordId(),
                        o.clOrdId(),
                        o.instId(),
                        o.side(),
                        o.ordType(),
                        o.state(),
                        o.sz(),
                        coin(o.instId(), o.sz()),
                        o.accFillSz(),
                        o.cTime()))
            .toList();
    List<AccountSnapshot.Algo> pendingAlgos =
        algos.values().stream()
            .map(
                a ->
                    new AccountSnapshot.Algo(
                        a.algoId(),
                        a.algoClOrdId(),
                        a.instId(),
                        a.ordType(),
                        a.side(),
                        a.sz(),
                        a.state(),
                        a.takeProfitTrigger().orElse(null),
                        a.stopLossTrigger().orElse(null)))
            .toList();
    return new AccountSnapshot(
        now,
        balance == null ? null : balance.totalEq(),
        balances,
        open,
        pending,
        pendingAlgos,
        fees,
        freshness);
  }

  private AccountSnapshot.Position position(PositionInfo p) {
    BigDecimal contracts = p.pos().abs();
    String side =
        switch (p.posSide()) {
          case "long", "short" -> p.posSide();
          default -> p.pos().signum() > 0 ? "long" : "short";
        };
    BigDecimal coin = coin(p.instId(), contracts);
    BigDecimal stopLoss =
        p.protection().stream().flatMap(x -> x.stopLossTrigger().stream()).findFirst().orElse(null);
    BigDecimal takeProfit =
        p.protection().stream()
            .flatMap(x -> x.takeProfitTrigger().stream())
            .findFirst()
            .orElse(null);
    return new AccountSnapshot.Position(
        p.instId(),
        p.posSide(),
        side,
        p.mgnMode(),
        contracts,
        coin,
        instruments.apply(p.instId()).map(Instrument::ctValCcy).orElse(null),
        coin == null ? null : coin.multiply(p.markPx()),
        p.avgPx().orElse(null),
        p.markPx(),
        p.upl(),
        p.lever(),
        p.liqPx().orElse(null),
        p.margin().orElse(null),
        stopLoss,
        takeProfit);
  }

  /** Contracts in coin ({@code × ctVal}); null when the instrument is unknown. */
  private BigDecimal coin(String instId, BigDecimal contracts) {
    return instruments
        .apply(instId)
        .map(i -> contracts.multiply(i.contractSize()).stripTrailingZeros())
        .orElse(null);
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    subscriptions.forEach(OkxWebSocketClient.Subscription::close);
  }
}
