package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxKeys;
import io.tai2.okx.OkxRestClient;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.OrderRequest;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.SimProperties;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The kill switch and the risk endpoints in the running service, against the OKX simulator. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=test-token",
      "DATABASE_URL=jdbc:h2:mem:riskapp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class RiskAppTest {

  static final String[] AUTH = {"Authorization", "Bearer test-token"};
  static final JsonMapper JSON = JsonMapper.builder().build();
  static SimServer sim;

  @LocalServerPort int port;
  @Autowired ExecutionFeedbackRepository feedback;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 5, 3_000, 1_440);
    sim =
        new SimServer(
            new SimRestApi(
                Clock.systemUTC(),
                market,
                Map.of("k", new SimAccount("k", "s", "p", true, false)),
                new BigDecimal("10000")),
            market,
            0);
    SimProperties.okx(registry, sim.port());
    registry.add("TRADING_PAIRS", () -> "BTC-USDT-SWAP");
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
  void
      givenAPositionAndARestingOrder_whenTheKillSwitchFlattens_thenBothAreGoneExecutionIsLockedAndASecondCallIsANoOp()
          throws Exception {
    OkxTrading okx = okx();
    okx.placeOrder(
        new OrderRequest(
            "BTC-USDT-SWAP",
            "cross",
            "buy",
            "market",
            new BigDecimal("2"),
            Optional.empty(),
            "t2killtest1",
            false,
            Optional.empty(),
            Optional.empty()));
    okx.placeOrder(
        new OrderRequest(
            "BTC-USDT-SWAP",
            "cross",
            "buy",
            "limit",
            BigDecimal.ONE,
            Optional.of(new BigDecimal("1000")),
            "t2killtest2",
            false,
            Optional.empty(),
            Optional.empty()));
    assertThat(okx.positions(Optional.empty())).isNotEmpty();
    HttpProbe http = new HttpProbe(port);

    HttpResponse<String> kill = http.postForm("/execution/kill?flatten=true", "", AUTH);

    assertThat(kill.statusCode()).as(kill.body()).isEqualTo(200);
    JsonNode report = JSON.readTree(kill.body());
    assertThat(report.path("failures")).isEmpty();
    assertThat(report.path("actions").toString())
        .contains("cancel order")
        .contains("close net position of 2 contracts on BTC-USDT-SWAP");
    assertThat(okx.pendingOrders()).isEmpty();
    assertThat(okx.positions(Optional.empty()))
        .allSatisfy(p -> assertThat(p.pos().signum()).isZero());
    JsonNode locks = JSON.readTree(http.get("/execution/locks", AUTH).body());
    assertThat(locks.path("execution_blocked").asBoolean()).isTrue();

    JsonNode again = JSON.readTree(http.postForm("/execution/kill?flatten=true", "", AUTH).body());
    assertThat(again.path("actions").get(0).asString()).startsWith("nothing to cancel");

    assertThat(http.postForm("/execution/kill/release", "", AUTH).statusCode()).isEqualTo(200);
    assertThat(
            JSON.readTree(http.get("/execution/locks", AUTH).body())
                .path("execution_blocked")
                .asBoolean())
        .isFalse();
  }

  @Test
  void givenSettings_whenChangedPartly_thenTheRestIsKept_andAnInvalidChangeSavesNothing() {
    HttpProbe http = new HttpProbe(port);
    JsonNode before = JSON.readTree(http.get("/execution/settings", AUTH).body());
    assertThat(before.path("execution").path("enabled").asBoolean())
        .as("paper by default")
        .isFalse();
    assertThat(before.path("guardrails").path("max_leverage").asInt()).isEqualTo(5);

    HttpResponse<String> changed =
        http.putJson(
            "/execution/settings",
            "{\"guardrails\":{\"max_leverage\":3,\"symbol_position_caps\":{\"BTC-USDT-SWAP\":0.1}}}",
            AUTH);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    JsonNode after = JSON.readTree(changed.body());
    assertThat(after.path("guardrails").path("max_leverage").asInt()).isEqualTo(3);
    assertThat(after.path("guardrails").path("max_position_pct").decimalValue())
        .isEqualByComparingTo("0.2");
    assertThat(
            after
                .path("guardrails")
                .path("symbol_position_caps")
                .path("BTC-USDT-SWAP")
                .decimalValue())
        .isEqualByComparingTo("0.1");

    HttpResponse<String> invalid =
        http.putJson(
            "/execution/settings",
            "{\"execution\":{\"enabled\":true},\"guardrails\":{\"min_leverage\":4}}",
            AUTH);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("max_leverage (3) must be at least min_leverage (4)");
    assertThat(JSON.readTree(invalid.body()).path("field").asString())
        .as("the form field to mark: the one changed")
        .isEqualTo("guardrails.min_leverage");
    JsonNode unchanged = JSON.readTree(http.get("/execution/settings", AUTH).body());
    assertThat(unchanged.path("execution").path("enabled").asBoolean())
        .as("nothing half-saved")
        .isFalse();
    assertThat(unchanged.path("guardrails").path("min_leverage").asInt()).isEqualTo(1);
    http.putJson(
        "/execution/settings",
        "{\"guardrails\":{\"max_leverage\":5,\"symbol_position_caps\":{}}}",
        AUTH);

    HttpResponse<String> seed =
        http.putJson(
            "/execution/settings",
            "{\"execution\":{\"trade_mode\":\"isolated\",\"isolated_seed\":{\"usdt\":150,\"symbol_pct\":{\"BTC-USDT-SWAP\":0.02}}}}",
            AUTH);
    assertThat(seed.statusCode()).as(seed.body()).isEqualTo(200);
    JsonNode seeded =
        JSON.readTree(
            http.putJson(
                    "/execution/settings",
                    "{\"execution\":{\"isolated_seed\":{\"max_transfer_usdt\":100}}}",
                    AUTH)
                .body());
    assertThat(seeded.path("execution").path("isolated_seed").path("usdt").decimalValue())
        .as("kept")
        .isEqualByComparingTo("150");
    assertThat(
            seeded.path("execution").path("isolated_seed").path("max_transfer_usdt").decimalValue())
        .isEqualByComparingTo("100");
    assertThat(
            seeded
                .path("execution")
                .path("isolated_seed")
                .path("symbol_pct")
                .path("BTC-USDT-SWAP")
                .decimalValue())
        .isEqualByComparingTo("0.02");
    HttpResponse<String> badSeed =
        http.putJson(
            "/execution/settings", "{\"execution\":{\"isolated_seed\":{\"pct\":2}}}", AUTH);
    assertThat(badSeed.statusCode()).isEqualTo(400);
    assertThat(badSeed.body()).contains("between 0 and 1");
    http.putJson(
        "/execution/settings",
        "{\"execution\":{\"trade_mode\":\"cross\",\"isolated_seed\":{\"usdt\":0,\"max_transfer_usdt\":0,"
            + "\"symbol_pct\":{}}}}",
        AUTH);
  }

  @Test
  void givenFeedback_whenClearedForOneSymbol_thenOnlyThatSymbolsEntriesGo() {
    Instant now = Instant.now();
    feedback.insert(
        new ExecutionFeedback(
            UUID.randomUUID(),
            now,
            "BTC-USDT-SWAP",
            "error",
            "51008 insufficient margin",
            Optional.empty(),
            Optional.empty()));
    feedback.insert(
        new ExecutionFeedback(
            UUID.randomUUID(),
            now,
            "ETH-USDT-SWAP",
            "warning",
            "cooldown",
            Optional.empty(),
            Optional.empty()));
    HttpProbe http = new HttpProbe(port);

    HttpResponse<String> cleared =
        http.postForm("/execution/feedback/clear?symbol=btc-usdt-swap", "", AUTH);

    assertThat(JSON.readTree(cleared.body()).path("removed").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(http.get("/execution/feedback", AUTH).body()).toString())
        .contains("ETH-USDT-SWAP")
        .doesNotContain("51008");
    assertThat(http.get("/equity/history?limit=10", AUTH).statusCode()).isEqualTo(200);
    assertThat(http.get("/equity/history?limit=0", AUTH).statusCode()).isEqualTo(400);
  }
}
