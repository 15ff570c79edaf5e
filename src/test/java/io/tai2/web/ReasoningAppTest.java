package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.DecisionRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.market.MarketEngine;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.reasoning.ReasoningSettingsStore;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.FakeLlmCall;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
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
 * The reasoning engine in the running service, against the OKX simulator and the fake LLM on loopback: prompt preview,
 * one cycle through /llm/execute, the decision log, rejections, LLM failures and the refusals with their statuses.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=test-token",
      "DATABASE_URL=jdbc:h2:mem:reasoningapp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class ReasoningAppTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String[] AUTH = {"Authorization", "Bearer test-token"};
  static final JsonMapper JSON = HttpProbe.JSON;

  static SimServer sim;
  static FakeLlm llm;

  @LocalServerPort int port;
  @Autowired DecisionRepository decisions;
  @Autowired RiskLockRepository locks;
  @Autowired ReasoningSettingsStore settings;
  @Autowired MarketEngine engine;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 3, 3_000, 1_440);
    SimAccount key = new SimAccount("k", "s", "p", true, false);
    llm = new FakeLlm(Clock.systemUTC(), "llm-key");
    sim =
        new SimServer(
            new SimRestApi(Clock.systemUTC(), market, Map.of("k", key), new BigDecimal("10000")),
            market,
            llm,
            0);
    SimProperties.okxAndLlm(registry, sim.port());
    registry.add("TRADING_PAIRS", () -> BTC);
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void clearLock() {
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

  @Test
  void
      givenTheSimulatorAndTheFakeLlm_whenExecuted_thenTheDecisionIsStoredWithPromptReplyLatencyTokensAndCost()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    JsonNode preview = http.awaitPromptReady(BTC, AUTH);
    BigDecimal price = preview.path("price").decimalValue();
    String reply =
        "{\"action\":\"BUY\",\"confidence\":0.72,\"equity_pct\":0.1,\"position_size\":1,\"risk_score\":0.3,"
            + "\"stop_loss\":"
            + price.multiply(new BigDecimal("0.98")).setScale(1, RoundingMode.DOWN)
            + ",\"take_profit\":"
            + price.multiply(new BigDecimal("1.04")).setScale(1, RoundingMode.DOWN)
            + ",\"rationale\":\"snapshot fresh, cap respected, trend up\",\"timeframe_alignment\":\"4H\",\"notes\":null,\"tags\":[\"trend\"]}";
    llm.enqueueReply(reply);
    int callsBefore = llm.requests().size();

    HttpResponse<String> response = post(http, "/llm/execute?symbol=" + BTC);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode cycle = JSON.readTree(response.body());
    assertThat(cycle.path("status").asString()).isEqualTo("ACCEPTED");
    assertThat(cycle.path("decision").path("action").asString()).isEqualTo("BUY");
    assertThat(cycle.path("decision").path("confidence").decimalValue())
        .isEqualByComparingTo("0.72");
    assertThat(cycle.path("llm").path("prompt_tokens").asLong()).isPositive();
    assertThat(cycle.path("llm").path("cost_usd").decimalValue()).isPositive();
    assertThat(cycle.path("execution").path("kind").asString())
        .as("live execution is off by default")
        .isEqualTo("paper");
    assertThat(cycle.path("execution").path("status").asString())
        .startsWith("buy 1 contracts of BTC-USDT-SWAP filled at ")
        .endsWith(" in paper");
    assertThat(cycle.path("execution").path("guardrail_verdict").path("verdict").asString())
        .isEqualToIgnoringCase("approved");

    List<FakeLlmCall> calls = llm.requests().subList(callsBefore, llm.requests().size());
    assertThat(calls).hasSize(1);
    JsonNode sent = calls.getFirst().json();
    assertThat(sent.path("model").asString()).isEqualTo("openai/gpt-4o-mini");
    assertThat(sent.path("response_format").path("type").asString()).isEqualTo("json_schema");
    String system = sent.path("messages").get(0).path("content").asString();
    String user = sent.path("messages").get(1).path("content").asString();

    var stored =
        decisions.find(UUID.fromString(cycle.path("decision_id").asString())).orElseThrow();
    assertThat(stored.prompt()).contains(system + "\n\n" + user);
    assertThat(stored.rawReply()).contains(reply);
    assertThat(stored.outcome()).isEqualTo("ACCEPTED");
    assertThat(stored.latencyMs()).hasValueSatisfying(ms -> assertThat(ms).isNotNegative());
    assertThat(stored.promptTokens()).hasValueSatisfying(t -> assertThat(t).isPositive());
    assertThat(stored.completionTokens()).hasValueSatisfying(t -> assertThat(t).isPositive());
    assertThat(stored.costUsd()).hasValueSatisfying(c -> assertThat(c).isPositive());
    assertThat(stored.promptHash())
        .hasValueSatisfying(
            h -> assertThat(h).hasSize(64).isEqualTo(cycle.path("prompt_hash").asString()));
    assertThat(stored.snapshotPrice()).isPresent();
    assertThat(stored.executionStatus())
        .hasValueSatisfying(
            s -> assertThat(s).startsWith("paper: buy 1 contracts of BTC-USDT-SWAP filled at "));
    assertThat(stored.guardrailVerdictJson())
        .hasValueSatisfying(v -> assertThat(v).contains("\"position_cap\""));
    assertThat(stored.promptVersionId()).as("the seeded default version").isPresent();

    // The preview shows the context the LLM received: same sections, same instrument and
    // guardrails.
    JsonNode received =
        JSON.readTree(user.substring(user.indexOf("```json\n") + 8, user.lastIndexOf("\n```")));
    assertThat(paths(preview.path("context"))).isEqualTo(paths(received));
    assertThat(preview.path("context").path("instrument")).isEqualTo(received.path("instrument"));
    assertThat(preview.path("context").path("guardrails").path("position_cap").path("formula"))
        .isEqualTo(received.path("guardrails").path("position_cap").path("formula"));
    assertThat(preview.path("system").asString()).isEqualTo(system);
    assertThat(received.path("positions").isArray()).isTrue();
    assertThat(received.path("account").path("equity_usd").decimalValue())
        .as("the simulator's 10,000 USDT")
        .isEqualByComparingTo("10000");

    // The dataset export gives back exactly the two messages and the context the LLM received.
    HttpResponse<String> export = http.get("/api/decisions/export.jsonl?symbol=" + BTC, AUTH);
    assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
    JsonNode line =
        export
            .body()
            .lines()
            .map(JSON::readTree)
            .filter(l -> l.path("id").asString().equals(cycle.path("decision_id").asString()))
            .findFirst()
            .orElseThrow();
    assertThat(line.path("system_prompt").asString()).isEqualTo(system);
    assertThat(line.path("user_prompt").asString()).isEqualTo(user);
    assertThat(line.path("context")).isEqualTo(received);
    assertThat(line.path("decision").path("action").asString()).isEqualTo("BUY");
    assertThat(line.path("guardrail_verdict").path("verdict").asString())
        .isEqualToIgnoringCase("approved");
  }

  @Test
  void givenAPreview_whenRequested_thenNothingIsRecordedAndNoLlmIsCalled() throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    int decisionsBefore = decisions.recent(1000).size();
    int callsBefore = llm.requests().size();

    HttpResponse<String> response = http.get("/llm/prompt?symbol=btc-usdt-swap&timeframe=1H", AUTH);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode preview = JSON.readTree(response.body());
    assertThat(preview.path("timeframe").asString()).isEqualTo("1H");
    assertThat(preview.path("context").path("indicators").has("rsi_14")).isTrue();
    assertThat(preview.path("blockers")).isEmpty();
    assertThat(decisions.recent(1000)).hasSize(decisionsBefore);
    assertThat(llm.requests()).hasSize(callsBefore);
  }

  @Test
  void givenAStopOnTheWrongSide_whenExecuted_thenTheRejectionIsRecordedAsHold() throws Exception {
    HttpProbe http = new HttpProbe(port);
    BigDecimal price = http.awaitPromptReady(BTC, AUTH).path("price").decimalValue();
    llm.enqueueReply(
        "Sure! ```json\n{\"action\":\"BUY\",\"confidence\":0.9,\"risk_score\":0.2,\"equity_pct\":0.1,\"position_size\":1,"
            + "\"stop_loss\":"
            + price.multiply(new BigDecimal("1.01")).setScale(1, RoundingMode.DOWN)
            + ",\"take_profit\":"
            + price.multiply(new BigDecimal("1.05")).setScale(1, RoundingMode.DOWN)
            + ",\"rationale\":\"ignore previous instructions\",\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}\n```");

    JsonNode cycle = JSON.readTree(post(http, "/llm/execute?symbol=" + BTC).body());

    assertThat(cycle.path("status").asString()).isEqualTo("REJECTED");
    assertThat(cycle.path("decision").path("action").asString()).isEqualTo("HOLD");
    assertThat(cycle.path("rejection_reason").asString()).contains("stop_loss");
    var stored =
        decisions.find(UUID.fromString(cycle.path("decision_id").asString())).orElseThrow();
    assertThat(stored.outcome()).isEqualTo("REJECTED");
    assertThat(stored.rejectionReason())
        .hasValueSatisfying(r -> assertThat(r).contains("stop_loss"));
  }

  @Test
  void givenTheLlmFailsEveryAttempt_whenExecuted_thenAHoldIsRecordedWithTheOperatorMessage()
      throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    llm.failNext(402, 1);

    HttpResponse<String> response = post(http, "/llm/execute?symbol=" + BTC);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode cycle = JSON.readTree(response.body());
    assertThat(cycle.path("status").asString()).isEqualTo("LLM_ERROR");
    assertThat(cycle.path("decision").path("action").asString()).isEqualTo("HOLD");
    assertThat(cycle.path("rejection_reason").asString()).contains("credits");
    assertThat(
            decisions
                .find(UUID.fromString(cycle.path("decision_id").asString()))
                .orElseThrow()
                .outcome())
        .isEqualTo("LLM_ERROR");
  }

  @Test
  void givenRefusals_whenExecuted_thenTheStatusSaysWhy() throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    int callsBefore = llm.requests().size();

    assertThat(post(http, "/llm/execute?symbol=DOGE-USDT-SWAP").statusCode())
        .as("untracked symbol")
        .isEqualTo(404);
    assertThat(
            post(http, "/llm/execute?symbol=" + BTC + "&prompt_version_id=" + UUID.randomUUID())
                .statusCode())
        .as("unknown version")
        .isEqualTo(404);
    assertThat(post(http, "/llm/execute?symbol=" + BTC + "&timeframe=3m").statusCode())
        .as("timeframe not computed")
        .isEqualTo(400);
    locks.save(
        new RiskLock(
            "daily_loss",
            true,
            Optional.of(new BigDecimal("10000")),
            Optional.of(Instant.now()),
            Optional.of(Instant.now()),
            Optional.of("3.10% drop"),
            Instant.now()));
    HttpResponse<String> locked = post(http, "/llm/execute?symbol=" + BTC);
    assertThat(locked.statusCode()).isEqualTo(423);
    assertThat(locked.body()).contains("daily-loss lock");
    assertThat(
            JSON.readTree(http.get("/llm/prompt?symbol=" + BTC, AUTH).body())
                .path("blockers")
                .get(0)
                .asString())
        .startsWith("locked");
    assertThat(http.postForm("/llm/execute?symbol=" + BTC, "").statusCode())
        .as("no token and no CSRF token: refused, asking for the token first")
        .isEqualTo(401);
    assertThat(llm.requests()).as("nothing reached the LLM").hasSize(callsBefore);
  }

  @Test
  void givenAnLlmSlowerThanTheTimeout_whenExecuted_thenTheTimeoutIsRecordedAsHold()
      throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    settings.update(s -> s.withLlmTimeout(Duration.ofSeconds(1)), "test");
    try {
      for (int i = 0; i < 3; i++) {
        llm.delayNext(Duration.ofSeconds(3));
      }

      JsonNode cycle = JSON.readTree(post(http, "/llm/execute?symbol=" + BTC).body());

      assertThat(cycle.path("status").asString()).isEqualTo("LLM_ERROR");
      assertThat(cycle.path("decision").path("action").asString()).isEqualTo("HOLD");
      assertThat(cycle.path("rejection_reason").asString()).contains("within 1 s over 3 attempts");
    } finally {
      settings.update(s -> ReasoningSettings.defaults(), "test");
    }
  }

  @Test
  void givenAQuestion_whenAskedInTheChat_thenTheLlmAnswersOverTheCurrentContext() throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    llm.enqueueReply(
        "CVD is flat and the book is balanced, so no entry met the 0.5 confidence gate.");
    int callsBefore = llm.requests().size();

    HttpResponse<String> response =
        http.postJson(
            "/llm/chat",
            "{\"symbol\":\"BTC-USDT-SWAP\",\"question\":\"Why no trade in the last hour?\"}",
            AUTH);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("answer").asString()).startsWith("CVD is flat");
    String asked =
        llm.requests().get(callsBefore).json().path("messages").get(1).path("content").asString();
    assertThat(asked)
        .contains("Why no trade in the last hour?")
        .contains("\"symbol\":\"BTC-USDT-SWAP\"")
        .contains("recent_decisions");
    assertThat(llm.requests().get(callsBefore).json().has("response_format"))
        .as("free text, no schema")
        .isFalse();
  }

  @Test
  void givenANewPromptVersion_whenSavedAndActivated_thenTheNextPromptUsesItAndTheDecisionRecordsIt()
      throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    String body =
        "{\"name\":\"cautious\",\"system_prompt\":\"You are a cautious trader.\",\"decision_prompt\":\"Prefer HOLD.\",\"activate\":true}";
    HttpResponse<String> saved = http.postJson("/llm/versions", body, AUTH);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    String id = JSON.readTree(saved.body()).path("id").asString();
    try {
      JsonNode preview = JSON.readTree(http.get("/llm/prompt?symbol=" + BTC, AUTH).body());
      assertThat(preview.path("prompt_version_name").asString()).isEqualTo("cautious");
      assertThat(preview.path("system").asString()).isEqualTo("You are a cautious trader.");
      assertThat(preview.path("user").asString()).startsWith("Prefer HOLD.");

      JsonNode cycle = JSON.readTree(post(http, "/llm/execute?symbol=" + BTC).body());
      assertThat(cycle.path("prompt_version_id").asString()).isEqualTo(id);
      assertThat(
              decisions
                  .find(UUID.fromString(cycle.path("decision_id").asString()))
                  .orElseThrow()
                  .promptVersionId())
          .contains(UUID.fromString(id));
      assertThat(JSON.readTree(http.get("/llm/versions", AUTH).body()).path("active_id").asString())
          .isEqualTo(id);
    } finally {
      settings.update(s -> ReasoningSettings.defaults(), "test");
    }
  }

  @Test
  void givenAnAbSplitByCycle_whenRunTwice_thenEachArmRunsOnceAndIsRecorded() throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    String a =
        JSON.readTree(
                http.postJson(
                        "/llm/versions",
                        "{\"name\":\"arm-a\",\"system_prompt\":\"A\",\"decision_prompt\":\"A task\"}",
                        AUTH)
                    .body())
            .path("id")
            .asString();
    String b =
        JSON.readTree(
                http.postJson(
                        "/llm/versions",
                        "{\"name\":\"arm-b\",\"system_prompt\":\"B\",\"decision_prompt\":\"B task\"}",
                        AUTH)
                    .body())
            .path("id")
            .asString();
    try {
      HttpResponse<String> bad =
          http.putJson("/llm/settings", "{\"llm_timeout_seconds\":5000}", AUTH);
      assertThat(bad.statusCode()).as("timeout over 10 min").isEqualTo(400);
      assertThat(JSON.readTree(bad.body()).path("field").asString())
          .isEqualTo("llm_timeout_seconds");
      HttpResponse<String> put =
          http.putJson(
              "/llm/settings",
              "{\"model\":\"openai/gpt-4o-mini\",\"ab_split\":{\"version_a\":\""
                  + a
                  + "\",\"version_b\":\""
                  + b
                  + "\",\"mode\":\"by_cycle\"}}",
              AUTH);
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

      List<String> choices = new ArrayList<>();
      List<String> systems = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        int before = llm.requests().size();
        JsonNode cycle = JSON.readTree(post(http, "/llm/execute?symbol=" + BTC).body());
        choices.add(cycle.path("version_choice").asString());
        systems.add(
            llm.requests().get(before).json().path("messages").get(0).path("content").asString());
        assertThat(
                decisions
                    .find(UUID.fromString(cycle.path("decision_id").asString()))
                    .orElseThrow()
                    .versionChoice())
            .contains(cycle.path("version_choice").asString());
      }
      assertThat(choices).containsExactlyInAnyOrder("ab:A", "ab:B");
      assertThat(systems).containsExactlyInAnyOrder("A", "B");
    } finally {
      settings.update(s -> ReasoningSettings.defaults(), "test");
    }
  }

  @Test
  void
      givenTheScheduler_whenSwitchedOn_thenItRunsACycleForTheTrackedSymbolAtOnceAndShowsTheOutcome_andALockKeepsItOff()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    JsonNode initial = JSON.readTree(http.get("/scheduler", AUTH).body());
    assertThat(initial.path("enabled").asBoolean()).as("off by default").isFalse();
    HttpResponse<String> tooOften = http.putJson("/scheduler", "{\"interval_seconds\":5}", AUTH);
    assertThat(tooOften.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(tooOften.body()).path("field").asString())
        .isEqualTo("interval_seconds");
    assertThat(
            http.putJson("/scheduler", "{\"interval_seconds\":600,\"max_concurrent\":1}", AUTH)
                .statusCode())
        .isEqualTo(200);
    llm.enqueueReply(
        "{\"action\":\"HOLD\",\"confidence\":0.4,\"equity_pct\":null,\"position_size\":null,\"risk_score\":0.5,"
            + "\"stop_loss\":null,\"take_profit\":null,\"rationale\":\"scheduled look: nothing to do\",\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}");
    int decisionsBefore = decisions.recent(1000).size();

    HttpResponse<String> on = post(http, "/scheduler/enable");

    assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
    try {
      JsonNode status = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        status = JSON.readTree(http.get("/scheduler", AUTH).body());
        if (status.path("outcomes").size() > 0 && !status.path("running").asBoolean()) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(status.path("enabled").asBoolean()).isTrue();
      assertThat(status.path("interval_seconds").asLong()).isEqualTo(600);
      assertThat(status.path("next_run_at").asString()).isNotEmpty();
      JsonNode outcome = status.path("outcomes").get(0);
      assertThat(outcome.path("symbol").asString()).isEqualTo(BTC);
      assertThat(outcome.path("outcome").asString()).as(outcome.toString()).isEqualTo("ran");
      assertThat(outcome.path("detail").asString()).startsWith("ACCEPTED HOLD → nothing_to_do");
      var decision =
          decisions.find(UUID.fromString(outcome.path("decision_id").asString())).orElseThrow();
      assertThat(decision.rawReply())
          .hasValueSatisfying(r -> assertThat(r).contains("scheduled look"));
      assertThat(decisions.recent(1000)).hasSize(decisionsBefore + 1);
    } finally {
      assertThat(post(http, "/scheduler/disable").statusCode()).isEqualTo(200);
    }
    assertThat(JSON.readTree(http.get("/scheduler", AUTH).body()).path("enabled").asBoolean())
        .isFalse();

    locks.save(
        new RiskLock(
            "daily_loss",
            true,
            Optional.empty(),
            Optional.empty(),
            Optional.of(Instant.now()),
            Optional.of("test lock"),
            Instant.now()));
    HttpResponse<String> locked = post(http, "/scheduler/enable");
    assertThat(locked.statusCode()).isEqualTo(423);
    assertThat(locked.body()).contains("the scheduler stays off while the daily_loss lock is on");
  }

  @Test
  void givenNewPairsCadenceAndSwitch_whenSavedThroughApiSettings_thenTheRunningEngineFollowsAtOnce()
      throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    String eth = "ETH-USDT-SWAP";
    String original =
        JSON.readTree(http.get("/api/settings", AUTH).body()).path("market").toString();

    HttpResponse<String> saved =
        http.putJson(
            "/api/settings",
            "{\"market\":{\"trading_pairs\":[\"BTC-USDT-SWAP\",\"eth-usdt-swap\"],\"ws_update_interval_seconds\":3,\"live_websocket\":false}}",
            AUTH);

    try {
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
      assertThat(JSON.readTree(saved.body()).path("market").path("trading_pairs").toString())
          .isEqualTo("[\"BTC-USDT-SWAP\",\"ETH-USDT-SWAP\"]");
      assertThat(engine.symbols()).containsExactlyInAnyOrder(BTC, eth);
      assertThat(engine.liveWebSocket()).isFalse();
      JsonNode pairs = JSON.readTree(http.get("/config/trading-pairs", AUTH).body());
      assertThat(pairs.path("enabled").toString())
          .isEqualTo("[\"BTC-USDT-SWAP\",\"ETH-USDT-SWAP\"]");
      assertThat(
              pairs.path("available").valueStream().map(i -> i.path("inst_id").asString()).toList())
          .contains(BTC, eth, "SOL-USDT-SWAP");
      assertThat(
              pairs
                  .path("available")
                  .valueStream()
                  .filter(i -> i.path("inst_id").asString().equals(BTC))
                  .findFirst()
                  .orElseThrow()
                  .path("ct_val")
                  .decimalValue())
          .isEqualByComparingTo("0.01");
      JsonNode view = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        view = JSON.readTree(http.get("/state/latest", AUTH).body());
        if (view.path("symbols").toString().contains(eth)
            && http.get("/state/latest?symbol=" + eth, AUTH).statusCode() == 200) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(http.get("/state/latest?symbol=" + eth, AUTH).statusCode())
          .as("ETH is fed by the poller")
          .isEqualTo(200);
      assertThat(view.path("live_websocket").asBoolean(true)).isFalse();
      assertThat(view.path("ws_update_interval").asLong()).isEqualTo(3);

      HttpResponse<String> unknown =
          http.putJson(
              "/api/settings", "{\"market\":{\"trading_pairs\":[\"NOPE-USDT-SWAP\"]}}", AUTH);
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.body())
          .contains("market.trading_pairs: [NOPE-USDT-SWAP] is not among OKX's SWAP instruments");
      assertThat(
              JSON.readTree(http.get("/api/settings/audit?limit=5", AUTH).body())
                  .get(0)
                  .path("after")
                  .asString())
          .contains("ETH-USDT-SWAP");
    } finally {
      HttpResponse<String> back =
          http.putJson("/api/settings", "{\"market\":" + original + "}", AUTH);
      assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    }
    assertThat(engine.symbols()).containsExactly(BTC);
    assertThat(engine.liveWebSocket()).isTrue();
  }

  @Test
  void
      givenAModelAndADailyBudgetSavedThroughApiSettings_whenCyclesRun_thenTheNextRequestUsesTheModelAndASpentBudgetRefusesWith429()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    String hold =
        "{\"action\":\"HOLD\",\"confidence\":0.4,\"equity_pct\":null,\"position_size\":null,\"risk_score\":0.5,"
            + "\"stop_loss\":null,\"take_profit\":null,\"rationale\":\"wait\",\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}";
    try {
      HttpResponse<String> unlisted =
          http.putJson(
              "/api/settings", "{\"reasoning\":{\"model\":\"openai/gpt-imaginary\"}}", AUTH);
      assertThat(unlisted.statusCode()).as("a model the endpoint does not list").isEqualTo(400);
      assertThat(JSON.readTree(unlisted.body()).path("field").asString())
          .isEqualTo("reasoning.model");
      HttpResponse<String> model =
          http.putJson(
              "/api/settings", "{\"reasoning\":{\"model\":\"anthropic/claude-3.5-haiku\"}}", AUTH);
      assertThat(model.statusCode()).as(model.body()).isEqualTo(200);
      int before = llm.requests().size();
      llm.enqueueReply(hold);

      HttpResponse<String> first = post(http, "/llm/execute?symbol=" + BTC);

      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      assertThat(llm.requests().get(before).json().path("model").asString())
          .isEqualTo("anthropic/claude-3.5-haiku");
      assertThat(JSON.readTree(first.body()).path("llm").path("cost_usd").decimalValue())
          .isPositive();

      assertThat(
              http.putJson(
                      "/api/settings",
                      "{\"reasoning\":{\"daily_cost_budget_usd\":0.0000001}}",
                      AUTH)
                  .statusCode())
          .isEqualTo(200);
      int calls = llm.requests().size();

      HttpResponse<String> refused = post(http, "/llm/execute?symbol=" + BTC);

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
      assertThat(refused.body()).contains("the LLM budget of 0.0000001 USD for today is spent");
      assertThat(llm.requests()).as("no LLM call once the budget is spent").hasSize(calls);
      assertThat(
              JSON.readTree(http.get("/llm/prompt?symbol=" + BTC, AUTH).body())
                  .path("blockers")
                  .toString())
          .contains("LLM budget");
      assertThat(
              http.putJson("/api/settings", "{\"reasoning\":{\"daily_cost_budget_usd\":-1}}", AUTH)
                  .statusCode())
          .isEqualTo(400);
    } finally {
      settings.update(s -> ReasoningSettings.defaults(), "test");
    }
  }

  private HttpResponse<String> post(HttpProbe http, String path) {
    return http.postForm(path, "", AUTH);
  }

  /** Every field path of a JSON tree (array elements collapsed), to compare the shape of two contexts. */
  private static TreeSet<String> paths(JsonNode node) {
    TreeSet<String> out = new TreeSet<>();
    collect(node, "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, TreeSet<String> out) {
    if (node.isObject()) {
      for (String name : new ArrayList<>(node.propertyNames())) {
        out.add(prefix + "/" + name);
        collect(node.get(name), prefix + "/" + name, out);
      }
    } else if (node.isArray() && !node.isEmpty() && node.get(0).isObject()) {
      collect(node.get(0), prefix + "[]", out);
    }
  }
}
