package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tai2.history.ExecutedTrade;
import io.tai2.history.TradeRepository;
import io.tai2.market.MarketEngine;
import io.tai2.okx.AlgoOrder;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxKeys;
import io.tai2.okx.OkxRestClient;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.OrderDetails;
import io.tai2.okx.PositionInfo;
import io.tai2.reasoning.DecisionParserFuzzTest;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimFaults;
import io.tai2.sim.SimJournal;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.SimProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole loop with live execution switched on, against the OKX simulator and the fake LLM: a BUY decision becomes
 * exactly one correctly sized order with its stop-loss and take-profit and a trade at the fill price with its fee; a
 * CLOSE flattens the position and records the realised PnL; the reasoning fuzz corpus run live sends orders only for
 * approved plans, each entry with its stop-loss.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=test-token",
      "DATABASE_URL=jdbc:h2:mem:tradingapp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TradingAppTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String LIVE_KEY = "live-key-7f";
  static final String[] AUTH = {"Authorization", "Bearer test-token"};
  static final JsonMapper JSON = HttpProbe.JSON;
  static SimServer sim;
  static SimMarket market;
  static SimRestApi api;
  static FakeLlm llm;

  @LocalServerPort int port;
  @Autowired TradeRepository trades;
  @Autowired MarketEngine engine;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    market = SimMarket.randomWalk(Clock.systemUTC(), 7, 3_000, 1_440);
    api =
        new SimRestApi(
            Clock.systemUTC(),
            market,
            Map.of(
                "k",
                new SimAccount("k", "s", "p", true, false),
                LIVE_KEY,
                new SimAccount(LIVE_KEY, "live-secret-9q", "live-pass-3z", false, false)),
            new BigDecimal("10000"));
    llm = new FakeLlm(Clock.systemUTC(), "llm-key");
    sim = new SimServer(api, market, llm, 0);
    SimProperties.okxAndLlm(registry, sim.port());
    registry.add("TRADING_PAIRS", () -> BTC);
    registry.add("TAI2_SECRET_KEY", () -> "trading-app-test-secret-key");
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  OkxTrading okx() {
    return new OkxTrading(
        new OkxRestClient(
            new OkxClientConfig(
                URI.create("http://127.0.0.1:" + sim.port()),
                Optional.of(new OkxKeys("k", "s", "p")),
                true,
                Duration.ofSeconds(10)),
            HttpClient.newHttpClient(),
            Clock.systemUTC()));
  }

  @Test
  @Order(1)
  void
      givenLiveExecution_whenTheLlmSaysBuyThenClose_thenOneSizedOrderWithProtectionThenAFlatPositionWithPnl()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    BigDecimal price = http.awaitPromptReady(BTC, AUTH).path("price").decimalValue();
    HttpResponse<String> live =
        http.putJson(
            "/execution/settings",
            "{\"execution\":{\"enabled\":true},\"guardrails\":{\"min_hold_seconds\":0}}",
            AUTH);
    assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
    BigDecimal sl = price.multiply(new BigDecimal("0.97")).setScale(1, RoundingMode.DOWN);
    BigDecimal tp = price.multiply(new BigDecimal("1.05")).setScale(1, RoundingMode.DOWN);
    llm.enqueueReply(
        "{\"action\":\"BUY\",\"confidence\":0.72,\"equity_pct\":0.1,\"position_size\":null,\"risk_score\":0.3,"
            + "\"stop_loss\":"
            + sl
            + ",\"take_profit\":"
            + tp
            + ",\"rationale\":\"fresh, within the cap\",\"timeframe_alignment\":\"4H\","
            + "\"notes\":null,\"tags\":[]}");
    long ordersBefore = api.journal().count("POST", "/api/v5/trade/order");

    JsonNode buy = JSON.readTree(http.postForm("/llm/execute?symbol=" + BTC, "", AUTH).body());

    assertThat(buy.path("execution").path("kind").asString())
        .as(buy.toString())
        .isEqualTo("filled");
    assertThat(api.journal().count("POST", "/api/v5/trade/order"))
        .as("exactly one order sent")
        .isEqualTo(ordersBefore + 1);
    JsonNode plan = buy.path("execution").path("guardrail_verdict").path("plan");
    String clOrdId = plan.path("client_order_id").asString();
    BigDecimal contracts = plan.path("contracts").decimalValue();
    BigDecimal reference = plan.path("reference_price").decimalValue();
    // budget = equity 10,000 × equity_pct 0.1 × leverage target (1 + (5 − 1) × (0.72 − 0.5) / 0.5 =
    // 2.76) = 2,760 USDT;
    // contracts = 2,760 ÷ (price × ctVal 0.01), rounded down to the lot (0.1), sized at the higher
    // of the snapshot and current price
    BigDecimal notional = contracts.multiply(new BigDecimal("0.01")).multiply(reference);
    BigDecimal oneLot = new BigDecimal("0.1").multiply(new BigDecimal("0.01")).multiply(reference);
    assertThat(notional).isLessThanOrEqualTo(new BigDecimal("2760"));
    assertThat(notional).isGreaterThan(new BigDecimal("2760").subtract(oneLot));
    assertThat(contracts.remainder(new BigDecimal("0.1"))).isEqualByComparingTo("0");

    OkxTrading okx = okx();
    OrderDetails order = okx.order(BTC, clOrdId).orElseThrow();
    assertThat(order.accFillSz()).isEqualByComparingTo(contracts);
    ExecutedTrade trade =
        trades.recent(10).stream()
            .filter(t -> t.clientOrderId().equals(Optional.of(clOrdId)))
            .findFirst()
            .orElseThrow();
    assertThat(trade.price()).isEqualByComparingTo(order.avgPx().orElseThrow());
    assertThat(trade.size()).isEqualByComparingTo(contracts);
    assertThat(trade.amount()).isEqualByComparingTo(contracts.multiply(new BigDecimal("0.01")));
    assertThat(trade.fee())
        .hasValueSatisfying(
            f -> assertThat(f.abs()).isEqualByComparingTo(order.fee().abs()).isPositive());
    List<PositionInfo> positions = okx.positions(Optional.of(BTC));
    assertThat(positions)
        .singleElement()
        .satisfies(p -> assertThat(p.pos()).isEqualByComparingTo(contracts));
    List<AlgoOrder> algos =
        okx.pendingAlgos().stream().filter(a -> a.instId().equals(BTC)).toList();
    assertThat(algos).as("the stop-loss and take-profit are on the exchange").isNotEmpty();
    assertThat(buy.path("execution").path("internal_latency_ms").asLong()).isNotNegative();

    llm.enqueueReply(
        "{\"action\":\"CLOSE\",\"confidence\":0.8,\"equity_pct\":null,\"position_size\":null,\"risk_score\":0.2,"
            + "\"stop_loss\":null,\"take_profit\":null,\"rationale\":\"take it off\",\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}");

    JsonNode close = JSON.readTree(http.postForm("/llm/execute?symbol=" + BTC, "", AUTH).body());

    assertThat(close.path("execution").path("kind").asString())
        .as(close.toString())
        .isEqualTo("filled");
    assertThat(okx.positions(Optional.of(BTC)))
        .allSatisfy(p -> assertThat(p.pos().signum()).isZero());
    String closeId =
        close
            .path("execution")
            .path("guardrail_verdict")
            .path("plan")
            .path("client_order_id")
            .asString();
    ExecutedTrade closing =
        trades.recent(10).stream()
            .filter(t -> t.clientOrderId().equals(Optional.of(closeId)))
            .findFirst()
            .orElseThrow();
    assertThat(closing.side()).isEqualTo("sell");
    assertThat(closing.size()).isEqualByComparingTo(contracts);
    assertThat(closing.pnl()).as("realised PnL from the fills").isPresent();
    assertThat(closing.pnl().get().doubleValue())
        .isCloseTo(
            closing
                .price()
                .subtract(trade.price())
                .multiply(contracts)
                .multiply(new BigDecimal("0.01"))
                .doubleValue(),
            within(0.01));
  }

  @Test
  @Order(2)
  void
      givenTheWebSocketsDropWhileAnOrderIsInFlight_whenABuyExecutes_thenExactlyOneOrderAndTheAccountViewCatchesUp()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    BigDecimal price = http.awaitPromptReady(BTC, AUTH).path("price").decimalValue();
    assertThat(
            http.putJson(
                    "/execution/settings",
                    "{\"execution\":{\"enabled\":true},\"guardrails\":{\"min_hold_seconds\":0,"
                        + "\"max_trades_per_hour\":0}}",
                    AUTH)
                .statusCode())
        .isEqualTo(200);
    llm.enqueueReply(
        "{\"action\":\"BUY\",\"confidence\":0.6,\"equity_pct\":0.05,\"position_size\":null,\"risk_score\":0.3,"
            + "\"stop_loss\":"
            + price.multiply(new BigDecimal("0.97")).setScale(1, RoundingMode.DOWN)
            + ",\"take_profit\":null,"
            + "\"rationale\":\"small probe\",\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}");
    api.faults()
        .arm(
            new SimFaults.Fault(
                "POST",
                "/api/v5/trade/order",
                SimFaults.Kind.DELAY,
                1,
                Duration.ofMillis(1500),
                "",
                ""));
    long ordersBefore = api.journal().count("POST", "/api/v5/trade/order");

    var cycle =
        CompletableFuture.supplyAsync(() -> http.postForm("/llm/execute?symbol=" + BTC, "", AUTH));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (api.journal().count("POST", "/api/v5/trade/order") == ordersBefore
        && System.nanoTime() < deadline) {
      Thread.sleep(20); // the order has reached the exchange and its answer is held back
    }
    api.webSocket().closeAll(Optional.empty(), 1012, "service restart");
    JsonNode buy = JSON.readTree(cycle.get(30, TimeUnit.SECONDS).body());

    assertThat(buy.path("execution").path("kind").asString())
        .as(buy.toString())
        .isEqualTo("filled");
    assertThat(api.journal().count("POST", "/api/v5/trade/order"))
        .as("exactly one order sent")
        .isEqualTo(ordersBefore + 1);
    String clOrdId =
        buy.path("execution")
            .path("guardrail_verdict")
            .path("plan")
            .path("client_order_id")
            .asString();
    BigDecimal contracts =
        buy.path("execution")
            .path("guardrail_verdict")
            .path("plan")
            .path("contracts")
            .decimalValue();
    assertThat(trades.recent(20))
        .filteredOn(t -> t.clientOrderId().equals(Optional.of(clOrdId)))
        .hasSize(1);
    Awaitility.await("the account feed reconnects and shows the position")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(engine.account().orElseThrow().positions())
                    .anySatisfy(
                        p -> {
                          assertThat(p.instId()).isEqualTo(BTC);
                          assertThat(p.contracts()).isEqualByComparingTo(contracts);
                          assertThat(p.stopLoss()).isNotNull();
                        }));

    llm.enqueueReply(
        "{\"action\":\"CLOSE\",\"confidence\":0.8,\"equity_pct\":null,\"position_size\":null,\"risk_score\":0.2,"
            + "\"stop_loss\":null,\"take_profit\":null,\"rationale\":\"done\",\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}");
    JsonNode close = JSON.readTree(http.postForm("/llm/execute?symbol=" + BTC, "", AUTH).body());
    assertThat(close.path("execution").path("kind").asString())
        .as(close.toString())
        .isEqualTo("filled");
  }

  @Test
  @Order(3) // last: it leaves positions open and the guardrails loosened
  void
      givenTheFuzzCorpus_whenEachReplyRunsALiveCycle_thenOnlyApprovedPlansReachTheExchangeEachWithItsStop()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    market.setPrice(BTC, new BigDecimal("60000.05")); // the corpus is written around 60,000
    HttpResponse<String> permissive =
        http.putJson(
            "/execution/settings",
            "{\"execution\":{\"enabled\":true},\"guardrails\":"
                + "{\"min_hold_seconds\":0,\"max_trades_per_hour\":0,\"require_position_alignment\":false,\"max_price_drift_bps\":0}}",
            AUTH);
    assertThat(permissive.statusCode()).as(permissive.body()).isEqualTo(200);
    int journalBefore = api.journal().entries().size();
    Set<String> approved = new HashSet<>();
    Map<String, Integer> outcomes = new TreeMap<>();

    for (String reply : DecisionParserFuzzTest.corpus(120, 4_242L)) {
      llm.enqueueReply(reply);
      HttpResponse<String> r = http.postForm("/llm/execute?symbol=" + BTC, "", AUTH);
      assertThat(r.statusCode()).as(r.body()).isIn(200, 409);
      JsonNode cycle = JSON.readTree(r.body());
      JsonNode verdict = cycle.path("execution").path("guardrail_verdict");
      if (verdict.path("verdict").asString().equalsIgnoreCase("approved")) {
        approved.add(verdict.path("plan").path("client_order_id").asString());
      }
      outcomes.merge(
          cycle.path("status").asString() + "/" + cycle.path("execution").path("kind").asString(""),
          1,
          Integer::sum);
    }

    List<SimJournal.Entry> orders =
        api.journal().entries().subList(journalBefore, api.journal().entries().size()).stream()
            .filter(e -> e.method().equals("POST") && e.target().startsWith("/api/v5/trade/order"))
            .toList();
    assertThat(outcomes).as("the corpus exercised both ends").containsKey("REJECTED/nothing_to_do");
    assertThat(approved).as("outcomes %s", outcomes).isNotEmpty();
    assertThat(orders)
        .as("outcomes %s", outcomes)
        .isNotEmpty()
        .allSatisfy(
            order -> {
              JsonNode body = JSON.readTree(order.body());
              assertThat(approved)
                  .as("every order the exchange saw came from an approved plan")
                  .contains(body.path("clOrdId").asString());
              if (!body.path("reduceOnly").asBoolean(false)) {
                JsonNode stop = body.path("attachAlgoOrds").path(0).path("slTriggerPx");
                assertThat(stop.isMissingNode())
                    .as("an entry without its stop-loss: %s", order.body())
                    .isFalse();
                BigDecimal sl = new BigDecimal(stop.asString());
                assertThat(
                        body.path("side").asString().equals("buy")
                            ? sl.compareTo(new BigDecimal("60000.05")) < 0
                            : sl.compareTo(new BigDecimal("60000.05")) > 0)
                    .as("the stop is on the losing side: %s", order.body())
                    .isTrue();
              }
            });
    assertThat(
            orders.stream()
                .map(o -> JSON.readTree(o.body()).path("clOrdId").asString())
                .distinct()
                .count())
        .as("no client order id sent twice")
        .isEqualTo(orders.size());
  }

  @Test
  @Order(4)
  void
      givenTheOkxEnvironmentSwitchedToLiveWithItsKeys_whenTheNextRequestGoes_thenItCarriesNoDemoHeaderAndSwitchingBackRestoresIt()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    String hold =
        "{\"action\":\"HOLD\",\"confidence\":0.4,\"equity_pct\":null,\"position_size\":null,\"risk_score\":0.5,"
            + "\"stop_loss\":null,\"take_profit\":null,\"rationale\":\"wait\",\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}";
    int before = api.journal().entries().size();

    HttpResponse<String> live =
        http.putJson(
            "/api/settings",
            "{\"okx\":{\"demo\":false,\"confirm_live\":\"LIVE\",\"api_key\":\""
                + LIVE_KEY
                + "\",\"secret_key\":\"live-secret-9q\",\"passphrase\":\"live-pass-3z\"}}",
            AUTH);

    try {
      assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
      assertThat(JSON.readTree(live.body()).path("okx").path("environment").asString())
          .isEqualTo("LIVE");
      String shown =
          live.body()
              + http.get("/api/settings", AUTH).body()
              + http.get("/api/settings/audit", AUTH).body();
      assertThat(shown).doesNotContain(LIVE_KEY, "live-secret-9q", "live-pass-3z", "v1:");
      llm.enqueueReply(hold);
      assertThat(http.postForm("/llm/execute?symbol=" + BTC, "", AUTH).statusCode())
          .isEqualTo(200); // reads the new account's mode
      List<SimJournal.Entry> after =
          api.journal().entries().subList(before, api.journal().entries().size());
      assertThat(after)
          .as("the new account answered, without the demo header")
          .anySatisfy(
              e -> {
                assertThat(e.apiKey()).isEqualTo(LIVE_KEY);
                assertThat(e.simulatedTrading()).isFalse();
                assertThat(e.status()).isEqualTo(200);
              })
          .noneSatisfy(
              e -> {
                assertThat(e.apiKey()).isEqualTo(LIVE_KEY);
                assertThat(e.simulatedTrading()).isTrue();
              });
    } finally {
      HttpResponse<String> back =
          http.putJson("/api/settings", "{\"okx\":{\"clear_keys\":true}}", AUTH);
      assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    }
    int switchedBack = api.journal().entries().size();
    llm.enqueueReply(hold);
    assertThat(http.postForm("/llm/execute?symbol=" + BTC, "", AUTH).statusCode()).isEqualTo(200);
    assertThat(api.journal().entries().subList(switchedBack, api.journal().entries().size()))
        .anySatisfy(
            e -> {
              assertThat(e.apiKey()).isEqualTo("k");
              assertThat(e.simulatedTrading()).isTrue();
            })
        .noneSatisfy(e -> assertThat(e.apiKey()).isEqualTo(LIVE_KEY));
  }
}
