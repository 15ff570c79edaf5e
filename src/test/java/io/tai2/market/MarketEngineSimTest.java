package io.tai2.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxKeys;
import io.tai2.okx.OkxMarketData;
import io.tai2.okx.OkxRestClient;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.OkxWebSocketClient;
import io.tai2.okx.OkxWsArg;
import io.tai2.okx.OkxWsConfig;
import io.tai2.okx.OrderRequest;
import io.tai2.retry.Backoff;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimClock;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.state.MemoryStateStore;
import io.tai2.state.RedisStateStore;
import io.tai2.state.StateStore;
import io.tai2.testsupport.RealServices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The market engine against the in-process simulator: snapshot content and units, feed loss, symbol changes, stores. */
class MarketEngineSimTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String ETH = "ETH-USDT-SWAP";
  static final String SOL = "SOL-USDT-SWAP";
  static final SimAccount KEY = new SimAccount("k", "s", "p", true, false);

  final SimClock clock =
      new SimClock(Clock.fixed(Instant.parse("2026-11-25T10:00:30Z"), ZoneOffset.UTC));
  final SimMarket market = SimMarket.randomWalk(clock, 11, 3_000, 1_440);
  final SimRestApi api =
      new SimRestApi(clock, market, Map.of(KEY.apiKey(), KEY), new BigDecimal("10000"));
  final SimServer server = new SimServer(api, market, 0);
  final OkxWebSocketClient ws = new OkxWebSocketClient(wsConfig(), clock);
  final OkxMarketData rest =
      new OkxMarketData(
          new OkxRestClient(
              new OkxClientConfig(
                  URI.create("http://127.0.0.1:" + server.port()),
                  Optional.empty(),
                  true,
                  Duration.ofSeconds(5)),
              HttpClient.newHttpClient(),
              clock));
  final MarketSettings settings =
      new MarketSettings(List.of("1m", "4H"), "1m", Duration.ofSeconds(3), Duration.ofMillis(50));
  StateStore store = new MemoryStateStore();
  MarketEngine engine;

  OkxWsConfig wsConfig() {
    String base = "ws://127.0.0.1:" + server.port() + "/ws/v5/";
    return new OkxWsConfig(
        URI.create(base + "public"),
        URI.create(base + "private"),
        URI.create(base + "business"),
        Optional.empty(),
        Duration.ofMillis(500),
        Duration.ofMillis(500),
        Backoff.jittered(Duration.ofMillis(50), Duration.ofMillis(500)));
  }

  MarketEngine engine() {
    engine = new MarketEngine(() -> rest, ws, store, clock, settings);
    return engine;
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    ws.close();
    server.close();
  }

  MarketSnapshot await(String symbol, Predicate<MarketSnapshot> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Optional<MarketSnapshot> last = Optional.empty();
    while (System.nanoTime() < deadline) {
      last = engine.snapshot(symbol);
      if (last.isPresent() && condition.test(last.get())) {
        return last.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no snapshot of " + symbol + " matching the condition within 10 s; last: " + last);
  }

  static boolean complete(MarketSnapshot s) {
    return s.ticker() != null
        && s.orderBook() != null
        && s.funding() != null
        && s.openInterest() != null
        && s.markPrice() != null
        && s.indicators().get("1m") != null
        && s.indicators().get("4H") != null
        && !s.stale();
  }

  @Test
  void
      givenTheFourTradingTimeframes_whenStartedAgainstTheSimulator_thenEachHas300CandlesAndEma200OnTheDaily()
          throws Exception {
    List<String> timeframes = List.of("15m", "1H", "4H", "1D");
    engine =
        new MarketEngine(
            () -> rest,
            ws,
            store,
            clock,
            new MarketSettings(timeframes, "1H", Duration.ofSeconds(3), Duration.ofMillis(50)));
    engine.track(List.of(BTC));

    MarketSnapshot btc =
        await(BTC, s -> timeframes.stream().allMatch(tf -> s.indicators().get(tf) != null));

    for (String tf : timeframes) {
      assertThat(btc.indicators().get(tf).candles()).as(tf).isEqualTo(300);
    }
    assertThat(btc.indicators().get("1D").values().get("ema_200")).isNotNull();
    assertThat(engine.history(BTC, "1D").orElseThrow().indicators().get("ema_200").getLast())
        .isNotNull();
  }

  @Test
  void givenTrackedSymbols_whenTheFeedsRun_thenEverySectionIsFilledWithExplicitUnitsAndPublished()
      throws Exception {
    engine().track(List.of(BTC, ETH));

    MarketSnapshot btc = await(BTC, MarketEngineSimTest::complete);

    assertThat(btc.instrument().ctVal()).isEqualByComparingTo("0.01");
    assertThat(btc.instrument().ctValCcy()).isEqualTo("BTC");
    assertThat(btc.ticker().last()).isEqualByComparingTo(market.last(BTC));
    assertThat(btc.ticker().vol24hCoin())
        .isEqualByComparingTo(btc.ticker().vol24hContracts().multiply(new BigDecimal("0.01")));
    assertThat(btc.orderBook().bids()).hasSize(20);
    assertThat(btc.orderBook().bids().getFirst().px()).isEqualByComparingTo(market.bestBid(BTC));
    assertThat(btc.orderBook().asks().getFirst().px()).isEqualByComparingTo(market.bestAsk(BTC));
    assertThat(btc.openInterest().coin())
        .isEqualByComparingTo(btc.openInterest().contracts().multiply(new BigDecimal("0.01")));
    assertThat(btc.funding().rate()).isEqualByComparingTo("0.0001");
    assertThat(btc.indicators().get("1m").candles()).isEqualTo(300);
    assertThat(btc.indicators().get("1m").values().get("rsi_14")).isNotNull();
    assertThat(btc.indicators().get("1m").values().get("ema_200")).isNotNull();
    assertThat(btc.customMetrics().ofiNetContracts()).isZero(); // the simulated book is symmetric
    assertThat(btc.strategySignal().action()).isIn("BUY", "SELL", "HOLD");
    assertThat(btc.riskMetrics().atr()).isPositive();
    assertThat(btc.freshness())
        .containsKeys("ticker", "books", "funding", "open_interest", "mark_price");
    assertThat(await(BTC, x -> x.longShortRatio() != null).longShortRatio().series()).isNotEmpty();

    CandleHistory history = engine.history(BTC, "1m").orElseThrow();
    assertThat(history.ts()).as("200 closed candles and the open one").hasSize(201).isSorted();
    assertThat(history.lastOpen()).isTrue();
    assertThat(history.indicators()).containsOnlyKeys(btc.indicators().get("1m").values().keySet());
    assertThat(history.indicators().get("ema_50")).hasSize(201).doesNotContainNull();
    MarketSnapshot now = engine.snapshot(BTC).orElseThrow();
    if (now.indicators().get("1m").candleTs().toEpochMilli() == history.ts().getLast()) {
      assertThat(history.indicators().get("rsi_14").getLast())
          .isEqualTo(now.indicators().get("1m").values().get("rsi_14"));
    }

    Thread.sleep(200); // one publish cycle
    JsonNode stored = MarketEngine.JSON.readTree(store.snapshot(BTC).orElseThrow());
    assertThat(stored.path("instrument").path("ct_val").decimalValue())
        .isEqualByComparingTo("0.01");
    assertThat(stored.path("order_book").path("bids").get(0).path("px").decimalValue())
        .isEqualByComparingTo(market.bestBid(BTC));
    JsonNode view = MarketEngine.JSON.readTree(store.marketView().orElseThrow());
    assertThat(view.path("symbols")).extracting(JsonNode::asString).containsExactly(BTC, ETH);
    assertThat(view.path("live_websocket").asBoolean()).isTrue();
    assertThat(view.path("ws_update_interval").asLong()).isEqualTo(180);
  }

  @Test
  void givenTrades_whenThePriceMoves_thenCvdAndTheOpenCandleFollow() throws Exception {
    engine().track(List.of(SOL));
    MarketSnapshot before = await(SOL, MarketEngineSimTest::complete);

    market.setPrice(SOL, market.last(SOL).add(new BigDecimal("1.00")));
    market.setPrice(SOL, market.last(SOL).add(new BigDecimal("1.00")));

    MarketSnapshot after =
        await(
            SOL,
            s ->
                s.customMetrics().cvdWindowTrades()
                    >= before.customMetrics().cvdWindowTrades() + 2);
    assertThat(after.customMetrics().cvdTotalContracts())
        .as("two taker buys")
        .isGreaterThan(before.customMetrics().cvdTotalContracts());
    assertThat(after.customMetrics().cvdSeries())
        .last()
        .isEqualTo(after.customMetrics().cvdTotalContracts());
    double previewRsi =
        await(
                SOL,
                s ->
                    !s.indicators()
                        .get("1m")
                        .values()
                        .get("rsi_14")
                        .equals(before.indicators().get("1m").values().get("rsi_14")))
            .indicators()
            .get("1m")
            .values()
            .get("rsi_14");
    assertThat(previewRsi)
        .as("the open candle rose, so its RSI rose")
        .isGreaterThan(before.indicators().get("1m").values().get("rsi_14"));
  }

  @Test
  void givenTheFeedIsLost_whenTimePasses_thenDataIsMarkedStaleAndFreshAgainAfterTheReconnect()
      throws Exception {
    engine().track(List.of(ETH));
    await(ETH, MarketEngineSimTest::complete);

    api.webSocket().mute(Optional.empty(), true); // a half-open connection: nothing arrives
    clock.advance(Duration.ofSeconds(5));

    MarketSnapshot stale = await(ETH, MarketSnapshot::stale);
    assertThat(stale.freshness().get("ticker").ageMillis()).isGreaterThanOrEqualTo(5_000);
    assertThat(ws.connects(OkxWsArg.Service.PUBLIC)).isGreaterThanOrEqualTo(1);

    MarketSnapshot fresh = await(ETH, s -> !s.stale());
    assertThat(fresh.freshness().get("ticker").ageMillis()).isLessThan(3_000);
    assertThat(ws.connects(OkxWsArg.Service.PUBLIC)).isGreaterThanOrEqualTo(2);
  }

  @Test
  void givenTheServerDropsEveryConnection_whenTheClientReconnects_thenStaleDataBecomesFreshAgain()
      throws Exception {
    engine().track(List.of(BTC));
    await(BTC, MarketEngineSimTest::complete);
    long connects = ws.connects(OkxWsArg.Service.PUBLIC);

    clock.advance(Duration.ofSeconds(5)); // the price holds still: no pushes, the data ages
    assertThat(await(BTC, MarketSnapshot::stale).freshness().get("books").stale()).isTrue();
    api.webSocket().closeAll(Optional.empty(), 1012, "service restart");

    MarketSnapshot fresh = await(BTC, s -> !s.stale());
    assertThat(ws.connects(OkxWsArg.Service.PUBLIC)).isGreaterThan(connects);
    assertThat(fresh.orderBook().bids()).hasSize(20);
    market.setPrice(BTC, market.last(BTC).add(BigDecimal.TEN));
    await(
        BTC,
        s -> s.ticker().last().compareTo(market.last(BTC)) == 0); // resubscribed: pushes flow again
  }

  @Test
  void
      givenTheSymbolsChange_whenTrackedAgain_thenRemovedOnesStopNewOnesStartAndUnknownOnesAreRefused()
          throws Exception {
    engine().track(List.of(BTC, ETH));
    await(BTC, MarketEngineSimTest::complete);

    Map<String, String> refused = engine.track(List.of(ETH, SOL, "NOPE-USDT-SWAP"));

    assertThat(refused).containsOnlyKeys("NOPE-USDT-SWAP");
    assertThat(engine.symbols()).containsExactlyInAnyOrder(ETH, SOL);
    assertThat(engine.snapshot(BTC)).isEmpty();
    await(SOL, MarketEngineSimTest::complete);
    Thread.sleep(200);
    JsonNode view = MarketEngine.JSON.readTree(store.marketView().orElseThrow());
    assertThat(view.path("symbols"))
        .extracting(JsonNode::asString)
        .containsExactlyInAnyOrder(ETH, SOL);
  }

  @Test
  void givenRedis_whenTheEnginePublishes_thenTheSnapshotRoundTripsThroughIt() throws Exception {
    RealServices.requireRedis();
    RedisStateStore redis =
        new RedisStateStore(RealServices.REDIS_URL, "tai2test:" + UUID.randomUUID() + ":");
    store = redis;
    try {
      engine().track(List.of(BTC));
      MarketSnapshot snapshot = await(BTC, MarketEngineSimTest::complete);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      JsonNode stored = MarketEngine.JSON.createObjectNode();
      while (!stored.path("ticker").has("last") && System.nanoTime() < deadline) {
        Thread.sleep(20);
        stored = MarketEngine.JSON.readTree(redis.snapshot(BTC).orElse("{}"));
      }
      assertThat(stored.path("symbol").asString()).isEqualTo(BTC);
      assertThat(stored.path("instrument").path("ct_val_ccy").asString()).isEqualTo("BTC");
      assertThat(stored.path("ticker").path("last").decimalValue())
          .isEqualByComparingTo(snapshot.ticker().last());
    } finally {
      engine.close();
      engine = null;
      redis.close();
    }
  }

  @Test
  void givenKeys_whenTheAccountTrades_thenPositionsOrdersAlgosAndFeesAppearInContractsAndCoin()
      throws Exception {
    OkxKeys keys = new OkxKeys(KEY.apiKey(), "s", "p");
    String base = "ws://127.0.0.1:" + server.port() + "/ws/v5/";
    OkxWsConfig withKeys =
        new OkxWsConfig(
            URI.create(base + "public"),
            URI.create(base + "private"),
            URI.create(base + "business"),
            Optional.of(keys),
            Duration.ofMillis(500),
            Duration.ofMillis(500),
            Backoff.jittered(Duration.ofMillis(50), Duration.ofMillis(500)));
    OkxTrading trading =
        new OkxTrading(
            new OkxRestClient(
                new OkxClientConfig(
                    URI.create("http://127.0.0.1:" + server.port()),
                    Optional.of(keys),
                    true,
                    Duration.ofSeconds(5)),
                HttpClient.newHttpClient(),
                clock));
    try (OkxWebSocketClient privateWs = new OkxWebSocketClient(withKeys, clock)) {
      engine().track(List.of(BTC));
      AtomicInteger feeWindow = new AtomicInteger(24);
      AccountFeed feed =
          new AccountFeed(
              () -> trading,
              privateWs,
              engine::instrument,
              clock,
              Duration.ofSeconds(30),
              feeWindow::get);
      engine.attach(feed);
      BigDecimal stop =
          market.last(BTC).multiply(new BigDecimal("0.95")).setScale(1, RoundingMode.DOWN);
      BigDecimal bid =
          market.last(BTC).multiply(new BigDecimal("0.97")).setScale(1, RoundingMode.DOWN);

      trading.placeOrder(
          new OrderRequest(
              BTC,
              "cross",
              "buy",
              "market",
              new BigDecimal("3"),
              Optional.empty(),
              "acct1",
              false,
              Optional.empty(),
              Optional.of(stop)));
      trading.placeOrder(
          new OrderRequest(
              BTC,
              "cross",
              "buy",
              "limit",
              new BigDecimal("1"),
              Optional.of(bid),
              "acct2",
              false,
              Optional.empty(),
              Optional.empty()));
      feed.refresh();

      AccountSnapshot account = feed.snapshot();
      assertThat(account.equityUsd()).isPositive();
      assertThat(account.balances()).anySatisfy(b -> assertThat(b.ccy()).isEqualTo("USDT"));
      AccountSnapshot.Position position = account.positions().getFirst();
      assertThat(position.instId()).isEqualTo(BTC);
      assertThat(position.side()).isEqualTo("long");
      assertThat(position.contracts()).isEqualByComparingTo("3");
      assertThat(position.coin()).as("3 contracts × ctVal 0.01").isEqualByComparingTo("0.03");
      assertThat(position.coinCcy()).isEqualTo("BTC");
      assertThat(position.notionalUsdt())
          .isEqualByComparingTo(position.markPx().multiply(new BigDecimal("0.03")));
      assertThat(position.stopLoss()).isEqualByComparingTo(stop);
      assertThat(account.pendingOrders())
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.clOrdId()).isEqualTo("acct2");
                assertThat(o.contracts()).isEqualByComparingTo("1");
                assertThat(o.coin()).isEqualByComparingTo("0.01");
              });
      assertThat(account.algoOrders())
          .singleElement()
          .satisfies(a -> assertThat(a.stopLossTrigger()).isEqualByComparingTo(stop));
      assertThat(account.fees().fills()).isEqualTo(1);
      assertThat(account.fees().paidUsdt()).as("a taker fill pays a fee").isPositive();
      assertThat(account.freshness())
          .containsKeys("balance", "positions", "orders", "algo_orders", "fees");
      assertThat(account.fees().windowHours()).isEqualTo(24);
      feeWindow.set(2); // the runtime setting changed: the next refresh uses it
      feed.refresh();
      assertThat(feed.snapshot().fees().windowHours()).isEqualTo(2);
      assertThat(feed.snapshot().fees().since())
          .isEqualTo(clock.instant().minus(Duration.ofHours(2)));

      trading.closePosition(
          BTC, "cross", "acct3"); // no REST refresh from here: the pushes must carry it
      trading.cancelOrder(BTC, "acct2");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while ((!feed.snapshot().positions().isEmpty() || !feed.snapshot().pendingOrders().isEmpty())
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(feed.snapshot().positions()).isEmpty();
      assertThat(feed.snapshot().pendingOrders()).isEmpty();

      engine.publish();
      JsonNode stored =
          MarketEngine.JSON.readTree(store.runtimeState(MarketEngine.ACCOUNT_KEY).orElseThrow());
      assertThat(stored.path("positions")).isEmpty();
      assertThat(stored.path("fees").path("fills").asInt()).isEqualTo(1);
      assertThat(
              MarketEngine.JSON
                  .readTree(store.marketView().orElseThrow())
                  .path("account")
                  .path("equity_usd")
                  .decimalValue())
          .isPositive();
      feed.close();
    }
  }

  @Test
  void
      givenTheLiveWebSocketIsOff_whenThePollerRuns_thenRestFillsTheSnapshotAndSwitchingItOnStreamsAgain()
          throws Exception {
    engine =
        new MarketEngine(
            () -> rest, ws, store, clock, settings.withPolling(false, Duration.ofMillis(300)));
    engine.track(List.of(ETH));

    MarketSnapshot polled = await(ETH, s -> complete(s) && s.longShortRatio() != null);
    assertThat(ws.connects(OkxWsArg.Service.PUBLIC))
        .as("nothing market-related subscribed")
        .isLessThanOrEqualTo(1);
    assertThat(api.journal().count("GET", "/api/v5/market/ticker")).isPositive();
    assertThat(polled.orderBook().bids()).hasSize(20);
    assertThat(polled.longShortRatio().period()).isEqualTo("5m");
    assertThat(polled.longShortRatio().series()).isNotEmpty();
    assertThat(polled.longShortRatio().value())
        .isEqualByComparingTo(polled.longShortRatio().series().getLast().ratio());

    BigDecimal moved = market.last(ETH).add(new BigDecimal("3.21"));
    market.setPrice(ETH, moved);
    await(ETH, s -> s.ticker().last().compareTo(moved) == 0); // the next poll brings it

    engine.setLiveWebSocket(true);
    Thread.sleep(300); // subscriptions flushed and acknowledged; a poll in flight has finished
    long polls = api.journal().count("GET", "/api/v5/market/ticker");
    BigDecimal streamed = moved.add(new BigDecimal("1.11"));
    market.setPrice(ETH, streamed);
    await(ETH, s -> s.ticker().last().compareTo(streamed) == 0);
    Thread.sleep(700);
    assertThat(api.journal().count("GET", "/api/v5/market/ticker"))
        .as("no ticker polls while streaming")
        .isEqualTo(polls);

    engine.setLiveWebSocket(false);
    BigDecimal again = streamed.add(new BigDecimal("2.22"));
    market.setPrice(ETH, again);
    await(ETH, s -> s.ticker().last().compareTo(again) == 0);
    assertThat(api.journal().count("GET", "/api/v5/market/ticker"))
        .as("polling again")
        .isGreaterThan(polls);
  }

  @Test
  void givenAnHourPasses_whenThePollerRuns_thenTheInstrumentSpecsAreLoadedAgain() throws Exception {
    engine =
        new MarketEngine(
            () -> rest, ws, store, clock, settings.withPolling(true, Duration.ofMillis(100)));
    engine.track(List.of(BTC));
    await(BTC, MarketEngineSimTest::complete);
    long loads = api.journal().count("GET", "/api/v5/public/instruments");

    clock.advance(MarketEngine.INSTRUMENT_REFRESH);

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (api.journal().count("GET", "/api/v5/public/instruments") == loads
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(api.journal().count("GET", "/api/v5/public/instruments")).isEqualTo(loads + 1);
    assertThat(engine.instrument(BTC))
        .hasValueSatisfying(i -> assertThat(i.ctVal()).isEqualByComparingTo("0.01"));
  }
}
