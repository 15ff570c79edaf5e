package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.DecisionRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
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
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * The analysis timeframe as a saved setting ({@code reasoning.timeframe}) in the running service, against the OKX
 * simulator and the fake LLM: the prompt preview, {@code /llm/execute} and the scheduler's cycles analyse the saved
 * timeframe when none is asked for; a timeframe the market engine does not compute cannot be saved.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=test-token",
      "DATABASE_URL=jdbc:h2:mem:analysistimeframe;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class AnalysisTimeframeAppTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String[] AUTH = {"Authorization", "Bearer test-token"};
  static final JsonMapper JSON = HttpProbe.JSON;
  static final String HOLD =
      "{\"action\":\"HOLD\",\"confidence\":0.4,\"equity_pct\":null,\"position_size\":null,\"risk_score\":0.5,"
          + "\"stop_loss\":null,\"take_profit\":null,\"rationale\":\"wait\",\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}";

  static SimServer sim;
  static FakeLlm llm;

  @LocalServerPort int port;
  @Autowired DecisionRepository decisions;
  @Autowired RiskLockRepository locks;
  @Autowired ReasoningSettingsStore settings;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 11, 3_000, 1_440);
    llm = new FakeLlm(Clock.systemUTC(), "llm-key");
    sim =
        new SimServer(
            new SimRestApi(
                Clock.systemUTC(),
                market,
                Map.of("k", new SimAccount("k", "s", "p", true, false)),
                new BigDecimal("10000")),
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

  @AfterEach
  void defaults() {
    settings.update(s -> ReasoningSettings.defaults(), "test");
  }

  /** The context JSON the LLM received in {@code call}'s user message. */
  static JsonNode context(FakeLlmCall call) {
    String user = call.json().path("messages").get(1).path("content").asString();
    return JSON.readTree(user.substring(user.indexOf("```json\n") + 8, user.lastIndexOf("\n```")));
  }

  @Test
  void givenNoSavedTimeframe_whenPreviewed_thenTheDefault4HIsAnalysed() throws Exception {
    HttpProbe http = new HttpProbe(port);

    JsonNode preview = http.awaitPromptReady(BTC, AUTH);

    assertThat(JSON.readTree(http.get("/llm/settings", AUTH).body()).path("timeframe").asString())
        .isEqualTo("4H");
    assertThat(preview.path("timeframe").asString()).isEqualTo("4H");
    assertThat(preview.path("context").path("timeframe").asString()).isEqualTo("4H");
  }

  @Test
  void
      givenA1HTimeframeSaved_whenPreviewedAndExecutedWithoutOne_thenBothAnalyse1H_andAnAskedTimeframeStillWins()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);

    HttpResponse<String> saved =
        http.putJson("/api/settings", "{\"reasoning\":{\"timeframe\":\"1H\"}}", AUTH);

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(JSON.readTree(saved.body()).path("reasoning").path("timeframe").asString())
        .isEqualTo("1H");
    JsonNode preview = JSON.readTree(http.get("/llm/prompt?symbol=" + BTC, AUTH).body());
    assertThat(preview.path("timeframe").asString()).isEqualTo("1H");
    assertThat(preview.path("context").path("timeframe").asString()).isEqualTo("1H");
    assertThat(preview.path("context").path("other_timeframes").has("1H"))
        .as("1H is the analysed one, not another")
        .isFalse();
    assertThat(preview.path("context").path("other_timeframes").has("4H")).isTrue();

    int before = llm.requests().size();
    llm.enqueueReply(HOLD);
    HttpResponse<String> executed = http.postForm("/llm/execute?symbol=" + BTC, "", AUTH);
    assertThat(executed.statusCode()).as(executed.body()).isEqualTo(200);
    assertThat(context(llm.requests().get(before)).path("timeframe").asString()).isEqualTo("1H");
    var stored =
        decisions
            .find(UUID.fromString(JSON.readTree(executed.body()).path("decision_id").asString()))
            .orElseThrow();
    assertThat(stored.timeframe()).contains("1H");

    JsonNode asked =
        JSON.readTree(http.get("/llm/prompt?symbol=" + BTC + "&timeframe=15m", AUTH).body());
    assertThat(asked.path("context").path("timeframe").asString()).isEqualTo("15m");
  }

  @Test
  void givenA1DTimeframeSaved_whenTheSchedulerRuns_thenItsCycleAnalyses1D() throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    HttpResponse<String> saved = http.putJson("/llm/settings", "{\"timeframe\":\"1D\"}", AUTH);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(JSON.readTree(saved.body()).path("timeframe").asString()).isEqualTo("1D");
    assertThat(
            http.putJson("/scheduler", "{\"interval_seconds\":600,\"max_concurrent\":1}", AUTH)
                .statusCode())
        .isEqualTo(200);
    int before = llm.requests().size();
    llm.enqueueReply(HOLD);

    HttpResponse<String> on = http.postForm("/scheduler/enable", "", AUTH);

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
      JsonNode outcome = status.path("outcomes").get(0);
      assertThat(outcome.path("outcome").asString()).as(outcome.toString()).isEqualTo("ran");
      var decision =
          decisions.find(UUID.fromString(outcome.path("decision_id").asString())).orElseThrow();
      assertThat(decision.timeframe()).contains("1D");
      assertThat(context(llm.requests().get(before)).path("timeframe").asString()).isEqualTo("1D");
    } finally {
      assertThat(http.postForm("/scheduler/disable", "", AUTH).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void givenATimeframeTheEngineDoesNotCompute_whenSaved_thenRefusedNamingTheFieldAndNothingChanges()
      throws Exception {
    HttpProbe http = new HttpProbe(port);

    HttpResponse<String> all =
        http.putJson("/api/settings", "{\"reasoning\":{\"timeframe\":\"5m\"}}", AUTH);
    HttpResponse<String> group = http.putJson("/llm/settings", "{\"timeframe\":\"4h\"}", AUTH);

    assertThat(all.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(all.body()).path("field").asString()).isEqualTo("reasoning.timeframe");
    assertThat(all.body()).contains("15m, 1H, 4H, 1D");
    assertThat(group.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(group.body()).path("field").asString()).isEqualTo("timeframe");
    assertThat(settings.current().timeframe()).isEqualTo("4H");
  }
}
