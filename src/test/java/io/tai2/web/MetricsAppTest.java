package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tai2.market.MarketEngine;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxKeys;
import io.tai2.okx.OkxRestClient;
import io.tai2.okx.OkxTrading;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.SimAccount;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trading metrics as Prometheus scrapes them, from real cycles against the OKX simulator and the fake LLM: a BUY
 * that fills, a SELL the guardrails block, a reply that fails validation and an LLM failure, then one scrape of
 * {@code /actuator/prometheus} with the API token, checked series by series.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=metrics-token-5c",
      "DATABASE_URL=jdbc:h2:mem:metricsapp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class MetricsAppTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String MODEL = "openai/gpt-4o-mini";
  static final String[] AUTH = {"Authorization", "Bearer metrics-token-5c"};
  static final JsonMapper JSON = HttpProbe.JSON;
  static SimServer sim;
  static FakeLlm llm;

  @LocalServerPort int port;
  @Autowired MarketEngine engine;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 11, 3_000, 1_440);
    SimRestApi api =
        new SimRestApi(
            Clock.systemUTC(),
            market,
            Map.of("k", new SimAccount("k", "s", "p", true, false)),
            new BigDecimal("10000"));
    llm = new FakeLlm(Clock.systemUTC(), "llm-key");
    sim = new SimServer(api, market, llm, 0);
    SimProperties.okxAndLlm(registry, sim.port());
    registry.add("TRADING_PAIRS", () -> BTC);
    registry.add("TAI2_SECRET_KEY", () -> "metrics-app-test-secret-key");
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @Test
  void
      givenAFilledBuyABlockedSellARejectedReplyAndAnLlmFailure_whenPrometheusScrapes_thenEachSeriesCountsThem()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    BigDecimal price = http.awaitPromptReady(BTC, AUTH).path("price").decimalValue();
    HttpResponse<String> live =
        http.putJson(
            "/execution/settings",
            "{\"execution\":{\"enabled\":true},\"guardrails\":{\"min_hold_seconds\":0}}",
            AUTH);
    assertThat(live.statusCode()).as(live.body()).isEqualTo(200);

    llm.enqueueReply(
        reply(
            "BUY", price.multiply(new BigDecimal("0.97")), price.multiply(new BigDecimal("1.05"))));
    JsonNode buy = execute(http);
    assertThat(buy.path("execution").path("kind").asString())
        .as(buy.toString())
        .isEqualTo("filled");
    Awaitility.await("the account feed shows the long")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                engine
                    .account()
                    .map(a -> a.positions().stream().anyMatch(p -> p.instId().equals(BTC)))
                    .orElse(false));

    llm.enqueueReply(
        reply(
            "SELL",
            price.multiply(new BigDecimal("1.03")),
            price.multiply(new BigDecimal("0.95"))));
    JsonNode sell = execute(http);
    assertThat(sell.path("execution").path("kind").asString())
        .as(sell.toString())
        .isEqualTo("blocked");
    assertThat(sell.path("execution").path("guardrail_verdict").path("rule").asString())
        .isEqualTo("alignment");

    llm.enqueueReply("I would buy here, but I cannot say where the stop goes.");
    JsonNode rejected = execute(http);
    assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");

    llm.failNext(402, 1);
    assertThat(execute(http).path("status").asString()).isEqualTo("LLM_ERROR");

    HttpResponse<String> anonymous = http.get("/actuator/prometheus");
    HttpResponse<String> scrape = http.get("/actuator/prometheus", AUTH);

    assertThat(anonymous.statusCode())
        .as("TAI2_API_TOKEN is set: a scrape needs the bearer token")
        .isEqualTo(401);
    assertThat(scrape.statusCode()).isEqualTo(200);
    Samples samples = Samples.parse(scrape.body());
    String body = scrape.body();
    assertThat(samples.value("tai2_decisions_total", Map.of("symbol", BTC, "outcome", "BUY")))
        .isEqualTo(1.0);
    assertThat(samples.value("tai2_decisions_total", Map.of("symbol", BTC, "outcome", "SELL")))
        .isEqualTo(1.0);
    assertThat(samples.value("tai2_decisions_total", Map.of("symbol", BTC, "outcome", "REJECTED")))
        .isEqualTo(1.0);
    assertThat(samples.value("tai2_decisions_total", Map.of("symbol", BTC, "outcome", "ERROR")))
        .isEqualTo(1.0);
    assertThat(samples.find("tai2_decisions_total", Map.of("outcome", "HOLD")))
        .as("no HOLD was decided")
        .isEmpty();
    assertThat(samples.value("tai2_guardrail_rejections_total", Map.of("rule", "alignment")))
        .isEqualTo(1.0);
    assertThat(samples.find("tai2_guardrail_rejections_total", Map.of()))
        .as("one rule blocked, once")
        .hasSize(1);

    assertThat(samples.value("tai2_order_accepted_seconds_count", Map.of())).isEqualTo(1.0);
    assertThat(samples.value("tai2_order_filled_seconds_count", Map.of())).isEqualTo(1.0);
    double accepted = samples.value("tai2_order_accepted_seconds_sum", Map.of());
    double filled = samples.value("tai2_order_filled_seconds_sum", Map.of());
    assertThat(accepted).isPositive().isLessThanOrEqualTo(filled);
    assertThat(filled).as("seconds, not milliseconds").isLessThan(30);
    assertThat(samples.find("tai2_order_filled_seconds_bucket", Map.of()))
        .as("a histogram for quantiles")
        .hasSizeGreaterThan(5);

    JsonNode plan = buy.path("execution").path("guardrail_verdict").path("plan");
    BigDecimal reference = plan.path("reference_price").decimalValue();
    BigDecimal fill =
        okx()
            .order(BTC, plan.path("client_order_id").asString())
            .orElseThrow()
            .avgPx()
            .orElseThrow();
    assertThat(samples.value("tai2_fill_slippage_bps_count", Map.of("symbol", BTC, "side", "buy")))
        .isEqualTo(1.0);
    assertThat(samples.value("tai2_fill_slippage_bps_sum", Map.of("symbol", BTC, "side", "buy")))
        .as("a buy: (fill %s − reference %s) ÷ reference in bps", fill, reference)
        .isCloseTo(
            fill.subtract(reference).doubleValue() * 10_000 / reference.doubleValue(),
            within(1e-6));

    assertThat(
            samples.value("tai2_llm_latency_seconds_count", Map.of("model", MODEL, "result", "ok")))
        .isEqualTo(3.0);
    assertThat(
            samples.value(
                "tai2_llm_latency_seconds_count", Map.of("model", MODEL, "result", "error")))
        .isEqualTo(1.0);
    List<JsonNode> answered = List.of(buy, sell, rejected);
    assertThat(samples.value("tai2_llm_tokens_total", Map.of("model", MODEL, "kind", "prompt")))
        .isEqualTo(
            answered.stream()
                .mapToDouble(c -> c.path("llm").path("prompt_tokens").asDouble())
                .sum())
        .isPositive();
    assertThat(samples.value("tai2_llm_tokens_total", Map.of("model", MODEL, "kind", "completion")))
        .isEqualTo(
            answered.stream()
                .mapToDouble(c -> c.path("llm").path("completion_tokens").asDouble())
                .sum())
        .isPositive();
    assertThat(samples.value("tai2_llm_cost_usd_total", Map.of("model", MODEL)))
        .isCloseTo(
            answered.stream().mapToDouble(c -> c.path("llm").path("cost_usd").asDouble()).sum(),
            within(1e-9))
        .isPositive();

    double tickerAge =
        samples.value("tai2_feed_age_seconds", Map.of("symbol", BTC, "source", "ticker"));
    assertThat(tickerAge).as("the ticker is fresh").isBetween(0.0, 60.0);
    assertThat(samples.find("tai2_feed_age_seconds", Map.of("symbol", BTC))).hasSize(8);

    BigDecimal simEquity = okx().balance().totalEq();
    assertThat(samples.value("tai2_account_equity_usd", Map.of()))
        .isCloseTo(simEquity.doubleValue(), within(simEquity.doubleValue() * 0.001));

    assertThat(body)
        .as("no secret in the scrape")
        .doesNotContain("metrics-token-5c", "llm-key", "metrics-app-test-secret-key");
  }

  @Test
  void givenASymbolRemovedFromTracking_whenPrometheusScrapes_thenItsFreshnessGaugesAreGone()
      throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    String eth = "ETH-USDT-SWAP";
    assertThat(
            http.putJson(
                    "/api/settings",
                    "{\"market\":{\"trading_pairs\":[\"" + BTC + "\",\"" + eth + "\"]}}",
                    AUTH)
                .statusCode())
        .isEqualTo(200);
    Awaitility.await("ETH's gauges appear")
        .atMost(Duration.ofSeconds(20))
        .until(() -> !scrape(http).find("tai2_feed_age_seconds", Map.of("symbol", eth)).isEmpty());

    HttpResponse<String> back =
        http.putJson("/api/settings", "{\"market\":{\"trading_pairs\":[\"" + BTC + "\"]}}", AUTH);

    assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    Samples after = scrape(http);
    assertThat(after.find("tai2_feed_age_seconds", Map.of("symbol", eth))).isEmpty();
    assertThat(after.find("tai2_feed_age_seconds", Map.of("symbol", BTC))).hasSize(8);
  }

  private static Samples scrape(HttpProbe http) {
    HttpResponse<String> r = http.get("/actuator/prometheus", AUTH);
    assertThat(r.statusCode()).isEqualTo(200);
    return Samples.parse(r.body());
  }

  private static String reply(String action, BigDecimal stopLoss, BigDecimal takeProfit) {
    return "{\"action\":\""
        + action
        + "\",\"confidence\":0.72,\"equity_pct\":0.1,\"position_size\":null,\"risk_score\":0.3,"
        + "\"stop_loss\":"
        + stopLoss.setScale(1, RoundingMode.DOWN)
        + ",\"take_profit\":"
        + takeProfit.setScale(1, RoundingMode.DOWN)
        + ",\"rationale\":\"metrics test\",\"timeframe_alignment\":\"4H\",\"notes\":null,\"tags\":[]}";
  }

  private static JsonNode execute(HttpProbe http) {
    HttpResponse<String> r = http.postForm("/llm/execute?symbol=" + BTC, "", AUTH);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private OkxTrading okx() {
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

  /** The samples of a Prometheus text exposition: name, labels and value per line. */
  record Samples(List<Sample> all) {

    record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern LINE =
        Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL =
        Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static Samples parse(String text) {
      List<Sample> samples = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        Matcher m = LINE.matcher(line.strip());
        assertThat(m.matches()).as("a sample line: %s", line).isTrue();
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(2) != null) {
          Matcher l = LABEL.matcher(m.group(2));
          while (l.find()) {
            labels.put(l.group(1), l.group(2));
          }
        }
        samples.add(
            new Sample(
                m.group(1),
                labels,
                Double.parseDouble(
                    m.group(3).replace("+Inf", "Infinity").replace("-Inf", "-Infinity"))));
      }
      return new Samples(samples);
    }

    List<Sample> find(String name, Map<String, String> labels) {
      return all.stream()
          .filter(
              s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
          .toList();
    }

    double value(String name, Map<String, String> labels) {
      List<Sample> found = find(name, labels);
      assertThat(found).as("one sample %s%s", name, labels).hasSize(1);
      return found.getFirst().value();
    }
  }
}
