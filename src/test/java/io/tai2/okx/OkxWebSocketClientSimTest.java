package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real WebSocket client against the in-process simulator: typed events, books, reconnects, keep-alive, listeners. */
class OkxWebSocketClientSimTest {

  final SimFixture sim = new SimFixture();
  OkxWebSocketClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    sim.close();
  }

  OkxWebSocketClient client(Optional<OkxKeys> keys) {
    client = new OkxWebSocketClient(sim.wsConfig(keys), SimFixture.IN_SYNC);
    return client;
  }

  /** Collects a subscription's events and waits for the one a test needs. */
  static final class Events implements Consumer<OkxWsEvent> {
    final BlockingQueue<OkxWsEvent> queue = new LinkedBlockingQueue<>();

    @Override
    public void accept(OkxWsEvent event) {
      queue.add(event);
    }

    <T extends OkxWsEvent> T await(Class<T> type, Predicate<T> condition)
        throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        OkxWsEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
        if (type.isInstance(event) && condition.test(type.cast(event))) {
          return type.cast(event);
        }
      }
      throw new AssertionError(
          "no " + type.getSimpleName() + " matching the condition within 10 s");
    }

    <T extends OkxWsEvent> T await(Class<T> type) throws InterruptedException {
      return await(type, e -> true);
    }
  }

  @Test
  void givenATickerSubscription_whenThePriceMoves_thenTypedTickersArrive() throws Exception {
    Events events = new Events();
    client(Optional.empty()).subscribe(OkxWsArg.of("tickers", "BTC-USDT-SWAP"), events);

    OkxWsEvent.TickerUpdate first = events.await(OkxWsEvent.TickerUpdate.class);
    assertThat(first.ticker().last()).isEqualByComparingTo(sim.market.last("BTC-USDT-SWAP"));

    sim.market.setPrice("BTC-USDT-SWAP", new BigDecimal("61000.1"));
    events.await(
        OkxWsEvent.TickerUpdate.class,
        t -> t.ticker().last().compareTo(new BigDecimal("61000.1")) == 0);
    assertThat(client.status()).containsEntry(OkxWsArg.Service.PUBLIC, OkxWsState.CONNECTED);
  }

  @Test
  void givenHundredsOfSubscriptionsAtOnce_whenSubscribing_thenTheyShareRequestsAndAllSucceed()
      throws Exception {
    try (SimFixture many = new SimFixture(300);
        OkxWebSocketClient ws =
            new OkxWebSocketClient(many.wsConfig(Optional.empty()), SimFixture.IN_SYNC)) {
      Events first = new Events();
      ws.subscribe(OkxWsArg.of("tickers", "BTC-USDT-SWAP"), first);
      first.await(
          OkxWsEvent.TickerUpdate.class); // connected: what follows is sent at once, not on connect
      List<String> ids =
          many.market.instruments().keySet().stream().filter(id -> id.startsWith("SYN")).toList();
      ConcurrentHashMap<String, Boolean> ticked = new ConcurrentHashMap<>();
      AtomicInteger failed = new AtomicInteger();
      for (String id :
          ids) { // 600 args: one request each would pass the simulator's 480 operations per hour
        for (String channel : List.of("tickers", "mark-price")) {
          ws.subscribe(
              OkxWsArg.of(channel, id),
              e -> {
                switch (e) {
                  case OkxWsEvent.TickerUpdate t -> ticked.put(t.ticker().instId(), true);
                  case OkxWsEvent.SubscriptionFailed f -> failed.incrementAndGet();
                  default -> {}
                }
              });
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (ticked.size() < ids.size() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(ticked).hasSize(300);
      assertThat(failed).hasValue(0);
    }
  }

  @Test
  void givenTopOfBookChannels_whenThePriceMoves_thenBooks5AndBboCarryFiveAndOneLevels()
      throws Exception {
    Events books5 = new Events();
    Events bbo = new Events();
    OkxWebSocketClient ws = client(Optional.empty());
    ws.subscribe(OkxWsArg.of("books5", "ETH-USDT-SWAP"), books5);
    ws.subscribe(OkxWsArg.of("bbo-tbt", "ETH-USDT-SWAP"), bbo);
    books5.await(OkxWsEvent.BookUpdate.class);
    bbo.await(OkxWsEvent.BookUpdate.class);

    sim.market.setPrice("ETH-USDT-SWAP", new BigDecimal("3012.345"));

    OkxWsEvent.BookUpdate five =
        books5.await(
            OkxWsEvent.BookUpdate.class,
            b -> b.book().bids().getFirst().price().compareTo(new BigDecimal("3012.34")) == 0);
    assertThat(five.channel()).isEqualTo("books5");
    assertThat(five.book().asks())
        .extracting(OrderBook.Level::price)
        .containsExactly(
            new BigDecimal("3012.35"),
            new BigDecimal("3012.36"),
            new BigDecimal("3012.37"),
            new BigDecimal("3012.38"),
            new BigDecimal("3012.39"));
    assertThat(five.book().bids()).hasSize(5);
    OkxWsEvent.BookUpdate best =
        bbo.await(
            OkxWsEvent.BookUpdate.class,
            b -> b.book().asks().getFirst().price().compareTo(new BigDecimal("3012.35")) == 0);
    assertThat(best.book().bids())
        .singleElement()
        .satisfies(l -> assertThat(l.price()).isEqualByComparingTo("3012.34"));
  }

  @Test
  void givenABooksSubscription_whenASequenceGapOccurs_thenTheClientResyncsAndTheBookIsRightAgain()
      throws Exception {
    Events events = new Events();
    client(Optional.empty()).subscribe(OkxWsArg.of("books", "ETH-USDT-SWAP"), events);
    OkxWsEvent.BookUpdate snapshot = events.await(OkxWsEvent.BookUpdate.class);
    assertThat(snapshot.book().bids()).hasSize(OkxWebSocketClient.BOOK_EVENT_DEPTH);
    assertThat(snapshot.book().bids().getFirst().price())
        .isEqualByComparingTo(sim.market.bestBid("ETH-USDT-SWAP"));

    BigDecimal up = sim.market.last("ETH-USDT-SWAP").add(new BigDecimal("0.05"));
    sim.market.setPrice("ETH-USDT-SWAP", up);
    OkxWsEvent.BookUpdate updated =
        events.await(OkxWsEvent.BookUpdate.class, b -> b.seqId() > snapshot.seqId());
    assertThat(updated.book().bids().getFirst().price())
        .isEqualByComparingTo(sim.market.bestBid("ETH-USDT-SWAP"));
    assertThat(updated.book().asks().getFirst().price())
        .isEqualByComparingTo(sim.market.bestAsk("ETH-USDT-SWAP"));

    sim.api.webSocket().bookGap("ETH-USDT-SWAP");
    sim.market.setPrice("ETH-USDT-SWAP", up.add(new BigDecimal("0.03")));
    OkxWsEvent.BookReset reset = events.await(OkxWsEvent.BookReset.class);
    assertThat(reset.reason()).isEqualTo("GAP");
    OkxWsEvent.BookUpdate resynced = events.await(OkxWsEvent.BookUpdate.class);
    assertThat(resynced.book().bids().getFirst().price())
        .isEqualByComparingTo(sim.market.bestBid("ETH-USDT-SWAP"));
    assertThat(resynced.book().asks()).hasSize(OkxWebSocketClient.BOOK_EVENT_DEPTH);
  }

  @Test
  void
      givenLegacyChecksumsAndHeartbeats_whenUpdatesArrive_thenEveryMergedBookVerifiesAndNothingResyncs()
          throws Exception {
    sim.api.webSocket().legacyChecksum(true);
    sim.api.webSocket().bookHeartbeat(Duration.ofMillis(150));
    Events events = new Events();
    client(Optional.empty()).subscribe(OkxWsArg.of("books", "SOL-USDT-SWAP"), events);
    events.await(OkxWsEvent.BookUpdate.class);

    for (int i = 1; i <= 5; i++) {
      sim.market.setPrice(
          "SOL-USDT-SWAP",
          sim.market
              .last("SOL-USDT-SWAP")
              .add(new BigDecimal("0.01").multiply(BigDecimal.valueOf(i % 2 == 0 ? -3 : 2))));
    }
    sim.market.setPrice("SOL-USDT-SWAP", new BigDecimal("150.00"));
    OkxWsEvent.BookUpdate last =
        events.await(
            OkxWsEvent.BookUpdate.class,
            b -> b.book().bids().getFirst().price().compareTo(new BigDecimal("150.00")) == 0);
    // Heartbeats (empty updates repeating the seqId) keep the book as it is.
    OkxWsEvent.BookUpdate beat =
        events.await(OkxWsEvent.BookUpdate.class, b -> b.seqId() == last.seqId());
    assertThat(beat.book()).isEqualTo(last.book());
    assertThat(events.queue).noneMatch(e -> e instanceof OkxWsEvent.BookReset);
    assertThat(client.connects(OkxWsArg.Service.PUBLIC)).isEqualTo(1);
  }

  @Test
  void
      givenTheServerDropsEveryConnection_whenItComesBack_thenTheClientReconnectsLogsInAndResubscribes()
          throws Exception {
    Events tickers = new Events();
    Events orders = new Events();
    Events books = new Events();
    OkxWebSocketClient ws = client(SimFixture.KEYS);
    ws.subscribe(OkxWsArg.of("tickers", "SOL-USDT-SWAP"), tickers);
    ws.subscribe(OkxWsArg.of("books", "SOL-USDT-SWAP"), books);
    ws.subscribe(OkxWsArg.byType("orders", "SWAP"), orders);
    tickers.await(OkxWsEvent.TickerUpdate.class);
    books.await(OkxWsEvent.BookUpdate.class);
    orders.await(OkxWsEvent.Subscribed.class);

    sim.api.webSocket().closeAll(Optional.empty(), 1011, "Server restart");

    awaitConnects(ws, OkxWsArg.Service.PUBLIC, 2);
    awaitConnects(ws, OkxWsArg.Service.PRIVATE, 2);
    orders.await(OkxWsEvent.Subscribed.class); // again, after the re-login
    sim.market.setPrice("SOL-USDT-SWAP", new BigDecimal("151.23"));
    tickers.await(
        OkxWsEvent.TickerUpdate.class,
        t -> t.ticker().last().compareTo(new BigDecimal("151.23")) == 0);
    OkxWsEvent.BookUpdate book =
        books.await(
            OkxWsEvent.BookUpdate.class,
            b -> b.book().bids().getFirst().price().compareTo(new BigDecimal("151.23")) == 0);
    assertThat(book.book().asks().getFirst().price()).isEqualByComparingTo("151.24");
    new OkxTrading(sim.client(SimFixture.KEYS, true, SimFixture.IN_SYNC))
        .placeOrder(
            new OrderRequest(
                "SOL-USDT-SWAP",
                "cross",
                "buy",
                "market",
                BigDecimal.ONE,
                Optional.empty(),
                "afterReconnect1",
                false,
                Optional.empty(),
                Optional.empty()));
    OkxWsEvent.OrderUpdate order = orders.await(OkxWsEvent.OrderUpdate.class);
    assertThat(order.order().clOrdId()).isEqualTo("afterReconnect1");
    assertThat(order.fill()).isPresent();
  }

  @Test
  void givenASilentServer_whenNoPongComes_thenTheClientReconnects() throws Exception {
    Events tickers = new Events();
    OkxWebSocketClient ws = client(Optional.empty());
    ws.subscribe(OkxWsArg.of("tickers", "XRP-USDT-SWAP"), tickers);
    tickers.await(OkxWsEvent.TickerUpdate.class);

    sim.api.webSocket().mute(Optional.of("public"), true);

    awaitConnects(ws, OkxWsArg.Service.PUBLIC, 2);
    sim.market.setPrice("XRP-USDT-SWAP", new BigDecimal("0.6001"));
    tickers.await(
        OkxWsEvent.TickerUpdate.class,
        t -> t.ticker().last().compareTo(new BigDecimal("0.6001")) == 0);
  }

  @Test
  void givenAQuietMarket_whenTheServerClosesIdleConnections_thenPingsKeepTheConnectionAlive()
      throws Exception {
    sim.api.webSocket().idleTimeout(Duration.ofMillis(900));
    Events tickers = new Events();
    OkxWebSocketClient ws = client(Optional.empty());
    ws.subscribe(OkxWsArg.of("tickers", "LTC-USDT-SWAP"), tickers);
    tickers.await(OkxWsEvent.TickerUpdate.class);

    Thread.sleep(2_500); // three idle windows; the client pings every 400 ms of silence

    assertThat(ws.connects(OkxWsArg.Service.PUBLIC)).isEqualTo(1);
  }

  @Test
  void givenWrongKeys_whenTheClientLogsIn_thenItReportsLoginFailedAndRecoversAfterAReconfigure()
      throws Exception {
    Events account = new Events();
    OkxWebSocketClient ws =
        client(Optional.of(new OkxKeys("demo-key", "wrong-secret", "demo-pass")));
    ws.subscribe(OkxWsArg.account(), account);
    awaitState(ws, OkxWsArg.Service.PRIVATE, OkxWsState.LOGIN_FAILED);

    ws.reconfigure(sim.wsConfig(SimFixture.KEYS));

    OkxWsEvent.AccountUpdate snapshot = account.await(OkxWsEvent.AccountUpdate.class);
    assertThat(snapshot.snapshot()).isTrue();
    assertThat(snapshot.balance().currency("USDT").orElseThrow().cashBal())
        .isEqualByComparingTo("10000");
  }

  @Test
  void
      givenPrivateChannels_whenAnOrderWithAStopLossFillsAndTheStopTriggers_thenEveryChangeIsPushed()
          throws Exception {
    Events orders = new Events();
    Events positions = new Events();
    Events algos = new Events();
    Events account = new Events();
    OkxWebSocketClient ws = client(SimFixture.KEYS);
    ws.subscribe(OkxWsArg.byType("orders", "SWAP"), orders);
    ws.subscribe(OkxWsArg.byType("positions", "SWAP"), positions);
    ws.subscribe(OkxWsArg.byType("orders-algo", "SWAP"), algos);
    ws.subscribe(OkxWsArg.account(), account);
    assertThat(positions.await(OkxWsEvent.PositionsUpdate.class).positions()).isEmpty();
    account.await(OkxWsEvent.AccountUpdate.class, OkxWsEvent.AccountUpdate::snapshot);
    orders.await(OkxWsEvent.Subscribed.class);
    algos.await(
        OkxWsEvent.Subscribed
            .class); // no snapshot on orders-algo: the ack says the pushes will come

    BigDecimal price = sim.market.last("BTC-USDT-SWAP");
    BigDecimal stop = price.subtract(new BigDecimal("500"));
    new OkxTrading(sim.client(SimFixture.KEYS, true, SimFixture.IN_SYNC))
        .placeOrder(
            new OrderRequest(
                "BTC-USDT-SWAP",
                "isolated",
                "buy",
                "market",
                new BigDecimal("10"),
                Optional.empty(),
                "wsSl1",
                false,
                Optional.empty(),
                Optional.of(stop)));

    OkxWsEvent.OrderUpdate filled =
        orders.await(OkxWsEvent.OrderUpdate.class, o -> o.order().clOrdId().equals("wsSl1"));
    assertThat(filled.order().state()).isEqualTo("filled");
    assertThat(filled.fill().orElseThrow().sz()).isEqualByComparingTo("10");
    assertThat(filled.fill().orElseThrow().execType()).isEqualTo("T");
    assertThat(
            positions
                .await(OkxWsEvent.PositionsUpdate.class, p -> !p.snapshot())
                .positions()
                .getFirst()
                .pos())
        .isEqualByComparingTo("10");
    assertThat(
            account
                .await(OkxWsEvent.AccountUpdate.class, a -> !a.snapshot())
                .balance()
                .currency("USDT")
                .orElseThrow()
                .cashBal())
        .isLessThan(new BigDecimal("10000"));
    OkxWsEvent.AlgoOrderUpdate live = algos.await(OkxWsEvent.AlgoOrderUpdate.class);
    assertThat(live.algo().stopLossTrigger()).contains(stop);

    sim.market.setPrice("BTC-USDT-SWAP", stop.subtract(BigDecimal.ONE));

    OkxWsEvent.AlgoOrderUpdate fired =
        algos.await(OkxWsEvent.AlgoOrderUpdate.class, a -> a.actualSide().isPresent());
    assertThat(fired.actualSide()).contains("sl");
    assertThat(fired.algo().state()).isEqualTo("effective");
    positions.await(
        OkxWsEvent.PositionsUpdate.class, p -> p.positions().getFirst().pos().signum() == 0);
  }

  @Test
  void
      givenBusinessAndTypeChannels_whenSubscribed_thenCandlesLiquidationsFundingAndMarkPricesArrive()
          throws Exception {
    sim.api.webSocket().fundingEvery(Duration.ofMillis(300));
    Events candles = new Events();
    Events liquidations = new Events();
    Events funding = new Events();
    Events mark = new Events();
    Events oi = new Events();
    OkxWebSocketClient ws = client(Optional.empty());
    ws.subscribe(OkxWsArg.of("candle1m", "DOGE-USDT-SWAP"), candles);
    ws.subscribe(OkxWsArg.byType("liquidation-orders", "SWAP"), liquidations);
    ws.subscribe(OkxWsArg.of("funding-rate", "DOGE-USDT-SWAP"), funding);
    ws.subscribe(OkxWsArg.of("mark-price", "DOGE-USDT-SWAP"), mark);
    ws.subscribe(OkxWsArg.of("open-interest", "DOGE-USDT-SWAP"), oi);

    OkxWsEvent.CandleUpdate forming = candles.await(OkxWsEvent.CandleUpdate.class);
    assertThat(forming.bar()).isEqualTo("1m");
    assertThat(forming.candle().confirmed()).isFalse();
    assertThat(forming.candle().close()).isEqualByComparingTo(sim.market.last("DOGE-USDT-SWAP"));
    funding.await(
        OkxWsEvent.FundingRateUpdate.class,
        f -> f.rate().fundingRate().compareTo(new BigDecimal("0.0001")) == 0);
    funding.await(OkxWsEvent.FundingRateUpdate.class); // the timer pushes it again
    assertThat(oi.await(OkxWsEvent.OpenInterestUpdate.class).openInterest().oi()).isPositive();
    sim.market.setPrice("DOGE-USDT-SWAP", new BigDecimal("0.12345"));
    mark.await(
        OkxWsEvent.MarkPriceUpdate.class,
        m -> m.markPx().compareTo(new BigDecimal("0.12345")) == 0);
    liquidations.await(OkxWsEvent.Subscribed.class); // no initial push on liquidation-orders

    sim.api.webSocket().liquidation("DOGE-USDT-SWAP", "buy", "short", "130", "0.1301");

    OkxWsEvent.LiquidationUpdate liquidation =
        liquidations.await(OkxWsEvent.LiquidationUpdate.class);
    assertThat(liquidation.instId()).isEqualTo("DOGE-USDT-SWAP");
    assertThat(liquidation.posSide()).isEqualTo("short");
    assertThat(liquidation.sz()).isEqualByComparingTo("130");
  }

  @Test
  void givenAnUnknownInstrument_whenSubscribed_thenTheListenerIsToldWhy() throws Exception {
    Events events = new Events();
    client(Optional.empty()).subscribe(OkxWsArg.of("tickers", "NOPE-USDT-SWAP"), events);

    OkxWsEvent.SubscriptionFailed failed = events.await(OkxWsEvent.SubscriptionFailed.class);
    assertThat(failed.code()).isEqualTo("60018");
  }

  @Test
  void givenASlowListener_whenManyEventsArrive_thenItLosesTheOldestAndAFastListenerGetsEverything()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Events fast = new Events();
    OkxWebSocketClient ws = client(Optional.empty());
    OkxWebSocketClient.Subscription slow =
        ws.subscribe(
            OkxWsArg.of("trades", "BTC-USDT-SWAP"),
            e -> {
              try {
                release.await();
              } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
              }
            });
    ws.subscribe(OkxWsArg.of("trades", "BTC-USDT-SWAP"), fast);
    fast.await(OkxWsEvent.Subscribed.class);

    BigDecimal price = new BigDecimal("60000.0");
    int moves = OkxWebSocketClient.LISTENER_QUEUE + 500;
    for (int i = 0; i < moves; i++) {
      price = price.add(i % 2 == 0 ? new BigDecimal("0.1") : new BigDecimal("-0.05"));
      sim.market.setPrice("BTC-USDT-SWAP", price);
    }
    BigDecimal last = price;

    fast.await(OkxWsEvent.TradesUpdate.class, t -> t.trades().getFirst().px().compareTo(last) == 0);
    assertThat(slow.dropped()).isGreaterThan(0);
    release.countDown();
  }

  private static void awaitState(OkxWebSocketClient ws, OkxWsArg.Service service, OkxWsState state)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ws.status().get(service) != state && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(ws.status().get(service)).isEqualTo(state);
  }

  private static void awaitConnects(OkxWebSocketClient ws, OkxWsArg.Service service, long count)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ws.connects(service) < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(ws.connects(service)).isGreaterThanOrEqualTo(count);
  }
}
