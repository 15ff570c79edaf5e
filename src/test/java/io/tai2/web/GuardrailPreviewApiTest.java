package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.DecisionRepository;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.SimProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/guardrails/preview} in the running service against the OKX simulator: an approved entry shows the
 * order it would send, a bad entry is a 400 naming the field, a lock shows the block with every check, and no preview
 * records a decision, raises an alert, fills the paper book or sends anything to the exchange.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=test-token",
      "DATABASE_URL=jdbc:h2:mem:guardrailpreview;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class GuardrailPreviewApiTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String[] AUTH = {"Authorization", "Bearer test-token"};
  static final JsonMapper JSON = HttpProbe.JSON;

  static SimServer sim;
  static SimRestApi api;

  @LocalServerPort int port;
  @Autowired DecisionRepository decisions;
  @Autowired RiskLockRepository locks;
  @Autowired ExecutionFeedbackRepository feedback;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 5, 3_000, 1_440);
    api =
        new SimRestApi(
            Clock.systemUTC(),
            market,
            Map.of("k", new SimAccount("k", "s", "p", true, false)),
            new BigDecimal("10000"));
    sim = new SimServer(api, market, new FakeLlm(Clock.systemUTC(), "llm-key"), 0);
    SimProperties.okxAndLlm(registry, sim.port());
    registry.add("TRADING_PAIRS", () -> BTC);
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void unlocked() {
    locks.save(
        new RiskLock(
            "daily_loss",
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Instant.now()));
  }

  /** The price the preview will judge against (the market keeps moving; the entry's levels are far enough from it). */
  BigDecimal price(HttpProbe http) throws InterruptedException {
    return http.awaitPromptReady(BTC, AUTH).path("price").decimalValue();
  }

  static String entry(String action, BigDecimal stop, BigDecimal take) {
    return "{\"symbol\":\""
        + BTC
        + "\",\"action\":\""
        + action
        + "\",\"confidence\":0.7,\"equity_pct\":0.05,\"stop_loss\":"
        + stop
        + ",\"take_profit\":"
        + take
        + "}";
  }

  static BigDecimal times(BigDecimal price, String factor) {
    return price.multiply(new BigDecimal(factor)).setScale(1, RoundingMode.DOWN);
  }

  HttpResponse<String> preview(HttpProbe http, String body) {
    return http.postJson("/api/guardrails/preview", body, AUTH);
  }

  /** What a preview must leave untouched: decision rows, alerts, the paper book, every write to the exchange. */
  String untouched(HttpProbe http) {
    long writes = api.journal().entries().stream().filter(e -> !e.method().equals("GET")).count();
    return "decisions="
        + decisions.recent(1000).size()
        + " alerts="
        + feedback.active(Instant.now()).size()
        + " exchange_writes="
        + writes
        + " paper="
        + JSON.readTree(http.get("/api/paper", AUTH).body())
            .path("books")
            .valueStream()
            .map(
                b ->
                    b.path("name").asString()
                        + ":"
                        + b.path("cash_usdt").decimalValue().toPlainString()
                        + ":"
                        + b.path("positions"))
            .toList();
  }

  @Test
  void
      givenAnEntryWithinTheGuardrails_whenPreviewed_thenTheOrderItWouldSendIsShownAndNothingIsRecordedOrSent()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    BigDecimal price = price(http);
    String before = untouched(http);

    HttpResponse<String> r =
        preview(http, entry("BUY", times(price, "0.97"), times(price, "1.05")));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode p = JSON.readTree(r.body());
    assertThat(p.path("sent").asBoolean(true)).isFalse();
    assertThat(p.path("account").asString())
        .as("live execution is off: the dry-run paper book would trade")
        .isEqualTo("paper");
    assertThat(p.path("verdict").path("verdict").asString()).isEqualTo("approved");
    assertThat(p.path("verdict").path("checks").size()).isGreaterThan(5);
    assertThat(p.path("verdict").path("checks").valueStream().map(c -> c.path("rule").asString()))
        .contains("position_cap", "leverage_target");
    JsonNode order = p.path("order");
    assertThat(order.path("side").asString()).isEqualTo("buy");
    assertThat(order.path("order_type").asString()).isEqualTo("market");
    assertThat(order.path("contracts").decimalValue()).isPositive();
    assertThat(order.path("leverage").decimalValue()).isGreaterThanOrEqualTo(BigDecimal.ONE);
    assertThat(order.path("stop_loss").decimalValue()).isEqualByComparingTo(times(price, "0.97"));
    assertThat(order.path("take_profit").decimalValue()).isEqualByComparingTo(times(price, "1.05"));
    assertThat(order.path("ct_val").decimalValue())
        .as("the simulator's BTC contract")
        .isEqualByComparingTo("0.01");
    BigDecimal margin =
        order
            .path("contracts")
            .decimalValue()
            .multiply(order.path("ct_val").decimalValue())
            .multiply(order.path("current_price").decimalValue())
            .divide(order.path("leverage").decimalValue(), 2, RoundingMode.HALF_UP);
    assertThat(order.path("margin_estimate_usdt").decimalValue()).isEqualByComparingTo(margin);
    assertThat(margin)
        .as("5 % of 10,000 USDT of equity, at most")
        .isLessThanOrEqualTo(new BigDecimal("500.01"));
    assertThat(p.path("verdict").path("plan").path("contracts").decimalValue())
        .isEqualByComparingTo(order.path("contracts").decimalValue());
    assertThat(untouched(http)).isEqualTo(before);
  }

  @Test
  void givenLiveExecutionOn_whenPreviewed_thenItIsJudgedOnTheOkxAccountAndStillNothingIsSent()
      throws Exception {
    HttpProbe http = new HttpProbe(port);
    BigDecimal price = price(http);
    assertThat(
            http.putJson("/execution/settings", "{\"execution\":{\"enabled\":true}}", AUTH)
                .statusCode())
        .isEqualTo(200);
    try {
      String before = untouched(http);

      HttpResponse<String> r =
          preview(http, entry("SELL", times(price, "1.03"), times(price, "0.95")));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode p = JSON.readTree(r.body());
      assertThat(p.path("account").asString()).isEqualTo("okx");
      assertThat(p.path("live_execution").asBoolean()).isTrue();
      assertThat(p.path("verdict").path("verdict").asString()).isEqualTo("approved");
      assertThat(p.path("order").path("side").asString()).isEqualTo("sell");
      assertThat(untouched(http))
          .as("no order, leverage or transfer reached the simulator")
          .isEqualTo(before);
    } finally {
      assertThat(
              http.putJson("/execution/settings", "{\"execution\":{\"enabled\":false}}", AUTH)
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void givenARiskLock_whenPreviewed_thenTheBlockIsShownWithEveryCheckAndNoAlertIsRaised()
      throws Exception {
    HttpProbe http = new HttpProbe(port);
    BigDecimal price = price(http);
    locks.save(
        new RiskLock(
            "daily_loss",
            true,
            Optional.empty(),
            Optional.empty(),
            Optional.of(Instant.now()),
            Optional.of("test lock"),
            Instant.now()));
    String before = untouched(http);

    HttpResponse<String> r =
        preview(http, entry("BUY", times(price, "0.97"), times(price, "1.05")));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode p = JSON.readTree(r.body());
    assertThat(p.path("verdict").path("verdict").asString()).isEqualTo("blocked");
    assertThat(p.path("verdict").path("reason").asString()).contains("daily_loss");
    assertThat(p.path("verdict").path("checks").valueStream().map(c -> c.path("result").asString()))
        .contains("BLOCKED");
    assertThat(p.path("order").isNull()).isTrue();
    assertThat(untouched(http)).isEqualTo(before);
  }

  @Test
  void givenBadEntries_whenPreviewed_thenEachIsA400NamingTheField() throws Exception {
    HttpProbe http = new HttpProbe(port);
    BigDecimal price = price(http);
    String before = untouched(http);
    Map<String, String> cases =
        Map.of(
            entry("BUY", times(price, "1.02"), times(price, "1.05")),
            "stop_loss",
            entry("SELL", times(price, "1.02"), times(price, "1.05")),
            "take_profit",
            entry("HOLD", times(price, "0.97"), times(price, "1.05")),
            "action",
            "{\"symbol\":\""
                + BTC
                + "\",\"action\":\"BUY\",\"confidence\":0.7,\"stop_loss\":\"cheap\"}",
            "stop_loss",
            "{\"symbol\":\""
                + BTC
                + "\",\"action\":\"BUY\",\"confidence\":2,\"stop_loss\":"
                + times(price, "0.97")
                + "}",
            "confidence",
            "{\"symbol\":\""
                + BTC
                + "\",\"action\":\"BUY\",\"stop_loss\":"
                + times(price, "0.97")
                + "}",
            "confidence",
            "{\"symbol\":\""
                + BTC
                + "\",\"action\":\"BUY\",\"confidence\":0.7,\"equity_pct\":5,\"stop_loss\":"
                + times(price, "0.97")
                + "}",
            "equity_pct",
            "{\"symbol\":\"DOGE-USDT-SWAP\",\"action\":\"BUY\",\"confidence\":0.7}",
            "symbol",
            "{\"symbol\":\"" + BTC + "\",\"action\":\"BUY\",\"confidence\":0.7,\"leverage\":50}",
            "leverage",
            "{\"symbol\":\""
                + BTC
                + "\",\"action\":\"BUY\",\"confidence\":0.7,\"stop_loss\":"
                + times(price, "0.97")
                + "}}",
            "");

    cases.forEach(
        (body, field) -> {
          HttpResponse<String> r = preview(http, body);
          assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(400);
          assertThat(JSON.readTree(r.body()).path("field").asString(""))
              .as(body + " → " + r.body())
              .isEqualTo(field);
        });
    assertThat(untouched(http)).isEqualTo(before);
  }
}
