package io.tai2.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.sim.FakeLlm;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.RealServices;
import io.tai2.testsupport.SimProperties;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The monitoring kit in {@code ops/} against the tai2 it watches: every {@code tai2_*} series and every label value the
 * alert rules and the Grafana dashboard ask for is in a real scrape of {@code /actuator/prometheus} after a filled BUY,
 * a blocked SELL, a rejected reply, an LLM failure and the kill switch; the rules have the shape Prometheus loads and
 * Prometheus's own {@code promtool} accepts them (installed by {@code .ci/run}; a developer run without it skips that
 * test, a strict run fails), and the compose profile mounts files that exist.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=monitoring-token-7d",
      "DATABASE_URL=jdbc:h2:mem:monitoringkit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class MonitoringKitTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String[] AUTH = {"Authorization", "Bearer monitoring-token-7d"};
  static final Path ALERTS = Path.of("ops/prometheus/alerts.yml");
  static final Path PROMETHEUS = Path.of("ops/prometheus/prometheus.yml");
  static final Path DASHBOARD = Path.of("ops/grafana/tai2.json");
  static final Path COMPOSE = Path.of("docker-compose.yml");

  /** A tai2 series and, when written with braces, its matchers; {@code name="value"} matchers are checked, not {@code =~}. */
  static final Pattern SERIES = Pattern.compile("(tai2_[a-z0-9_]+)(?:\\{([^}]*)})?");

  static final Pattern EQUALS =
      Pattern.compile("(?<![!=~])\\b([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");
  static SimServer sim;
  static FakeLlm llm;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 17, 3_000, 1_440);
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
    registry.add("TAI2_SECRET_KEY", () -> "monitoring-kit-test-secret-key");
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @Test
  void
      givenTradingActivityAndTheKillSwitch_whenPrometheusScrapes_thenEverySeriesTheRulesAndTheDashboardUseIsExported()
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
    assertThat(execute(http).path("execution").path("kind").asString()).isEqualTo("filled");
    llm.enqueueReply(
        reply(
            "SELL",
            price.multiply(new BigDecimal("1.03")),
            price.multiply(new BigDecimal("0.95"))));
    assertThat(execute(http).path("execution").path("kind").asString()).isEqualTo("blocked");
    llm.enqueueReply("no JSON here");
    assertThat(execute(http).path("status").asString()).isEqualTo("REJECTED");
    llm.failNext(402, 1);
    assertThat(execute(http).path("status").asString()).isEqualTo("LLM_ERROR");
    HttpResponse<String> kill = http.postForm("/execution/kill?flatten=false", "", AUTH);
    assertThat(kill.statusCode()).as(kill.body()).isEqualTo(200);

    List<Sample> scrape = scrape(http);

    assertThat(value(scrape, "tai2_risk_lock_engaged", Map.of("lock", "kill_switch")))
        .isEqualTo(1.0);
    assertThat(value(scrape, "tai2_risk_lock_engaged", Map.of("lock", "daily_loss")))
        .isEqualTo(0.0);
    assertThat(value(scrape, "tai2_orders_outcome_unknown", Map.of()))
        .as("the BUY filled: its outcome is known")
        .isEqualTo(0.0);
    assertThat(value(scrape, "tai2_positions_unprotected", Map.of()))
        .as("the BUY's stop-loss is attached")
        .isEqualTo(0.0);
    assertThat(value(scrape, "tai2_llm_budget_spent_ratio", Map.of()))
        .as("no daily budget is set")
        .isNaN();
    Set<String> used = new TreeSet<>();
    List<String> missing = new ArrayList<>();
    for (String expr : expressions()) {
      Matcher m = SERIES.matcher(expr);
      while (m.find()) {
        used.add(m.group(1));
        Map<String, String> labels = equalsMatchers(m.group(2));
        if (scrape.stream()
            .noneMatch(
                s ->
                    s.name().equals(m.group(1))
                        && s.labels().entrySet().containsAll(labels.entrySet()))) {
          missing.add(m.group(1) + labels + " in: " + expr);
        }
      }
    }
    assertThat(missing).as("series the kit uses that tai2 does not export").isEmpty();
    assertThat(used)
        .as("the kit covers the trading metrics")
        .contains(
            "tai2_feed_age_seconds",
            "tai2_risk_lock_engaged",
            "tai2_orders_outcome_unknown",
            "tai2_llm_latency_seconds_count",
            "tai2_llm_cost_usd_total",
            "tai2_account_equity_usd",
            "tai2_decisions_total",
            "tai2_guardrail_rejections_total",
            "tai2_order_filled_seconds_bucket",
            "tai2_fill_slippage_bps",
            "tai2_market_publish_latency_seconds",
            "tai2_positions_unprotected",
            "tai2_llm_budget_spent_ratio");

    assertThat(http.postForm("/execution/kill/release", "", AUTH).statusCode()).isEqualTo(200);
    assertThat(value(scrape(http), "tai2_risk_lock_engaged", Map.of("lock", "kill_switch")))
        .as("released")
        .isEqualTo(0.0);
  }

  @Test
  void givenTheAlertRules_whenPromtoolChecksThem_thenPrometheusLoadsEveryRule()
      throws IOException, InterruptedException {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      assertThat(RealServices.strict())
          .as("promtool (Debian package prometheus) is needed in a strict run")
          .isFalse();
      Assumptions.abort(
          "promtool is not installed (apt-get install prometheus): the rules were checked for shape only");
    }
    Process check =
        new ProcessBuilder(promtool.toString(), "check", "rules", ALERTS.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(check.getInputStream().readAllBytes());

    assertThat(check.waitFor()).as(out).isZero();
    Map<String, Object> doc = new Yaml().load(Files.readString(ALERTS));
    @SuppressWarnings("unchecked")
    long rules =
        ((List<Map<String, Object>>) doc.get("groups"))
            .stream().mapToLong(g -> ((List<?>) g.get("rules")).size()).sum();
    assertThat(out).contains("SUCCESS: " + rules + " rules found");
  }

  @Test
  @SuppressWarnings("unchecked")
  void
      givenTheAlertRules_whenReadAsPrometheusWould_thenEachRuleHasAnExpressionAWaitASeverityAndWhatToDo()
          throws IOException {
    Map<String, Object> doc = new Yaml().load(Files.readString(ALERTS));

    List<Map<String, Object>> groups = (List<Map<String, Object>>) doc.get("groups");
    assertThat(groups).isNotEmpty();
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, Object> group : groups) {
      assertThat(group.get("name")).as("group name").isInstanceOf(String.class);
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        String alert = (String) rule.get("alert");
        assertThat(alert)
            .as("every rule alerts (no recording rules here)")
            .matches("[A-Z][A-Za-z0-9]+");
        assertThat(names.add(alert)).as("%s is unique", alert).isTrue();
        assertThat(rule.keySet())
            .as(alert)
            .containsOnly("alert", "expr", "for", "labels", "annotations");
        assertThat((String) rule.get("expr")).as(alert).isNotBlank();
        assertThat((String) rule.get("for"))
            .as("%s waits before firing", alert)
            .matches("\\d+[smh]");
        assertThat(((Map<String, Object>) rule.get("labels")).get("severity"))
            .as(alert)
            .isIn("critical", "warning", "info");
        Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
        assertThat((String) annotations.get("summary")).as(alert).isNotBlank();
        assertThat((String) annotations.get("action")).as("%s says what to do", alert).isNotBlank();
      }
    }
    assertThat(names)
        .contains(
            "Tai2MarketDataStale",
            "Tai2DailyLossLockEngaged",
            "Tai2KillSwitchEngaged",
            "Tai2OrderOutcomeUnknown",
            "Tai2LlmFailing",
            "Tai2LlmSpendHigh",
            "Tai2EquityDrawdown",
            "Tai2PositionWithoutStop",
            "Tai2LlmBudgetSpent");
  }

  @Test
  @SuppressWarnings("unchecked")
  void
      givenTheComposeProfile_whenItStartsPrometheusAndGrafana_thenTheFilesTheyMountExistAndReferToEachOther()
          throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose.get("services");
    Map<String, Object> prometheus = new Yaml().load(Files.readString(PROMETHEUS));
    JsonNode dashboard = HttpProbe.JSON.readTree(Files.readString(DASHBOARD));

    for (String name : List.of("prometheus", "grafana")) {
      assertThat((List<String>) services.get(name).get("profiles"))
          .as(name)
          .containsExactly("monitoring");
      for (String volume : (List<String>) services.get(name).get("volumes")) {
        if (volume.startsWith("./")) {
          assertThat(Path.of(volume.substring(2, volume.indexOf(':'))))
              .as("%s mounts %s", name, volume)
              .exists();
        }
      }
    }
    assertThat(services.get("tai2")).doesNotContainKey("profiles");
    assertThat((List<String>) prometheus.get("rule_files"))
        .containsExactly("/etc/prometheus/alerts.yml");
    assertThat((List<String>) services.get("prometheus").get("volumes"))
        .contains("./ops/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
    Map<String, Object> job =
        ((List<Map<String, Object>>) prometheus.get("scrape_configs")).getFirst();
    assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
    assertThat(((Map<String, Object>) job.get("authorization")).get("type")).isEqualTo("Bearer");
    Map<String, Object> datasources =
        new Yaml()
            .load(Files.readString(Path.of("ops/grafana/provisioning/datasources/prometheus.yml")));
    String uid =
        (String) ((List<Map<String, Object>>) datasources.get("datasources")).getFirst().get("uid");
    assertThat(
            dashboard
                .path("panels")
                .valueStream()
                .map(p -> p.path("datasource").path("uid").asString())
                .distinct()
                .toList())
        .as("every panel reads the provisioned data source")
        .containsExactly(uid);
  }

  /** Every PromQL text the kit holds: the rules' expressions and every string of the dashboard (targets, variables). */
  @SuppressWarnings("unchecked")
  private static List<String> expressions() throws IOException {
    List<String> out = new ArrayList<>();
    Map<String, Object> doc = new Yaml().load(Files.readString(ALERTS));
    for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        out.add((String) rule.get("expr"));
      }
    }
    strings(HttpProbe.JSON.readTree(Files.readString(DASHBOARD)), out);
    return out;
  }

  private static void strings(JsonNode node, List<String> out) {
    if (node.isString()) {
      out.add(node.asString());
    }
    node.valueStream().forEach(child -> strings(child, out));
  }

  private static Map<String, String> equalsMatchers(String matchers) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (matchers != null) {
      Matcher m = EQUALS.matcher(matchers);
      while (m.find()) {
        labels.put(m.group(1), m.group(2));
      }
    }
    return labels;
  }

  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private static List<Sample> scrape(HttpProbe http) {
    HttpResponse<String> r = http.get("/actuator/prometheus", AUTH);
    assertThat(r.statusCode()).isEqualTo(200);
    List<Sample> samples = new ArrayList<>();
    for (String line : r.body().split("\n")) {
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
    return samples;
  }

  private static double value(List<Sample> samples, String name, Map<String, String> labels) {
    List<Sample> found =
        samples.stream()
            .filter(
                s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
            .toList();
    assertThat(found).as("one sample %s%s", name, labels).hasSize(1);
    return found.getFirst().value();
  }

  private static String reply(String action, BigDecimal stopLoss, BigDecimal takeProfit) {
    return "{\"action\":\""
        + action
        + "\",\"confidence\":0.72,\"equity_pct\":0.1,\"position_size\":null,\"risk_score\":0.3,"
        + "\"stop_loss\":"
        + stopLoss.setScale(1, RoundingMode.DOWN)
        + ",\"take_profit\":"
        + takeProfit.setScale(1, RoundingMode.DOWN)
        + ",\"rationale\":\"monitoring kit test\",\"timeframe_alignment\":\"4H\",\"notes\":null,\"tags\":[]}";
  }

  private static JsonNode execute(HttpProbe http) {
    HttpResponse<String> r = http.postForm("/llm/execute?symbol=" + BTC, "", AUTH);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return HttpProbe.JSON.readTree(r.body());
  }
}
