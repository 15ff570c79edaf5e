package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.testsupport.HttpProbe;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every settings write endpoint over HTTP: a refused change is a 400 problem document naming the field(s) and changes
 * nothing; each risky change from a browser session asks for the password again, a token call is not asked.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:settings-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "TAI2_ADMIN_PASSWORD=correct horse",
      "TAI2_API_TOKEN=api-token-123",
      "TAI2_SECRET_KEY=settings-api-test-secret-key",
      "TRADING_PAIRS=BTC-USDT-SWAP",
    })
class SettingsApiTest {

  static final String[] TOKEN = {"Authorization", "Bearer api-token-123"};

  @LocalServerPort int port;
  @Autowired RiskLockRepository locks;
  HttpProbe session;
  String csrf;

  @BeforeEach
  void logIn() {
    session = new HttpProbe(port);
    String token = HttpProbe.csrfToken(session.get("/login").body());
    session.postForm(
        "/login",
        "username=admin&password="
            + URLEncoder.encode("correct horse", StandardCharsets.UTF_8)
            + "&_csrf="
            + token);
    csrf = HttpProbe.csrfToken(session.get("/cfg").body());
  }

  private HttpProbe script() {
    return new HttpProbe(port);
  }

  private String everything() {
    return script().get("/api/settings", TOKEN).body()
        + script().get("/api/settings/audit", TOKEN).body();
  }

  private JsonNode problem(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode p = Json.parse(r.body());
    assertThat(p.path("title").asString()).isEqualTo("invalid settings");
    assertThat(p.path("status").asInt()).isEqualTo(400);
    assertThat(p.path("detail").asString()).isNotBlank();
    assertThat(p.path("errors").get(0).path("field").asString())
        .isEqualTo(p.path("field").asString());
    return p;
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "/api/settings       | {\"guardrails\":{\"max_trade_per_hour\":5}}          | guardrails.max_trade_per_hour",
        "/api/settings       | {\"guardrails\":{\"symbol_position_caps\":{\"../../etc/passwd\":0.1}}} | guardrails.symbol_position_caps.../../etc/passwd",
        "/api/settings       | {\"reasoning\":{\"active_version\":null}}            | reasoning.active_version",
        "/api/settings       | {\"guardrails\":{\"max_leverage\":3,\"max_leverage\":4}} | guardrails.max_leverage",
        "/api/settings       | {\"ui\":{\"timezone\":\"Mars/Olympus_Mons\"}}        | ui.timezone",
        "/execution/settings | {\"guardrails\":{\"max_trades_per_hour\":2.9}}       | guardrails.max_trades_per_hour",
        "/execution/settings | {\"execution\":{\"isolated_seed\":{\"pct\":\"0.1\"}}} | execution.isolated_seed.pct",
        "/execution/settings | {\"market\":{\"fee_window_hours\":2}}                | market",
        "/llm/settings       | {\"model\":\"a model with spaces\"}                  | model",
        "/llm/settings       | {\"active_version\":null}                            | active_version",
        "/llm/settings       | {\"llm_timeout_seconds\":1e309}                      | llm_timeout_seconds",
        "/scheduler          | {\"max_concurrent\":\"2\"}                           | max_concurrent",
        "/scheduler          | {\"interval_seconds\":29}                            | interval_seconds",
      })
  void givenABadChange_whenPutToASettingsEndpoint_thenAProblemNamesTheFieldAndNothingChanges(
      String path, String body, String field) {
    String before = everything();

    JsonNode p = problem(script().putJson(path, body, TOKEN));

    assertThat(p.path("field").asString()).isEqualTo(field);
    assertThat(everything()).as("nothing saved, nothing audited").isEqualTo(before);
  }

  @Test
  void givenSeveralBadFields_whenPut_thenEveryOneIsInTheProblem() {
    JsonNode p =
        problem(
            script()
                .putJson(
                    "/api/settings",
                    "{\"guardrails\":{\"max_trades_per_hour\":5000,\"snapshot_max_age_seconds\":86401},\"scheduler\":{\"max_concurrent\":0}}",
                    TOKEN));

    assertThat(p.path("errors").valueStream().map(e -> e.path("field").asString()).toList())
        .containsExactlyInAnyOrder(
            "guardrails.max_trades_per_hour",
            "guardrails.snapshot_max_age_seconds",
            "scheduler.max_concurrent");
  }

  @Test
  void
      givenAnActiveVersion_whenAPartialLlmSettingsChangeLeavesItOut_thenItAndTheOtherFieldsAreKept() {
    String id =
        Json.parse(
                script()
                    .postJson(
                        "/llm/versions",
                        "{\"name\":\"kept\",\"system_prompt\":\"S\",\"decision_prompt\":\"D\"}",
                        TOKEN)
                    .body())
            .path("id")
            .asString();
    assertThat(
            script()
                .putJson(
                    "/llm/settings",
                    "{\"active_version\":\"" + id + "\",\"llm_timeout_seconds\":200}",
                    TOKEN)
                .statusCode())
        .isEqualTo(200);

    HttpResponse<String> r =
        script().putJson("/llm/settings", "{\"decision_retention_days\":45}", TOKEN);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode after = Json.parse(r.body());
    assertThat(after.path("active_version").asString()).isEqualTo(id);
    assertThat(after.path("llm_timeout_seconds").asInt())
        .as("not reset to its default")
        .isEqualTo(200);
    assertThat(after.path("decision_retention_days").asInt()).isEqualTo(45);
    problem(script().putJson("/llm/settings", "{\"active_version\":null}", TOKEN));
    assertThat(
            Json.parse(script().get("/llm/settings", TOKEN).body())
                .path("active_version")
                .asString())
        .isEqualTo(id);
  }

  /**
   * Each guardrail/execution rule: from {@code setup} (saved by a script), {@code riskier} from a session is asked for
   * the password and saves with it, {@code safer} after it is not asked, and a script is never asked.
   */
  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "live execution on                    | {}                                            | {\"execution\":{\"enabled\":true}}           | {\"execution\":{\"enabled\":false}}",
        "max leverage up                      | {}                                            | {\"guardrails\":{\"max_leverage\":6}}        | {\"guardrails\":{\"max_leverage\":5}}",
        "max position up                      | {}                                            | {\"guardrails\":{\"max_position_pct\":0.3}}  | {\"guardrails\":{\"max_position_pct\":0.2}}",
        "a symbol position cap raised or removed | {\"guardrails\":{\"symbol_position_caps\":{\"BTC-USDT-SWAP\":0.1}}} | {\"guardrails\":{\"symbol_position_caps\":{\"BTC-USDT-SWAP\":0.15}}} | {\"guardrails\":{\"symbol_position_caps\":{\"BTC-USDT-SWAP\":0.05}}}",
        "a symbol position cap raised or removed | {\"guardrails\":{\"symbol_position_caps\":{\"BTC-USDT-SWAP\":0.1}}} | {\"guardrails\":{\"symbol_position_caps\":{}}} | {\"guardrails\":{\"symbol_position_caps\":{\"BTC-USDT-SWAP\":0.1}}}",
        "more trades per hour (0 = unlimited) | {}                                            | {\"guardrails\":{\"max_trades_per_hour\":0}} | {\"guardrails\":{\"max_trades_per_hour\":2}}",
        "more trades per hour (0 = unlimited) | {}                                            | {\"guardrails\":{\"max_trades_per_hour\":3}} | {\"guardrails\":{\"max_trades_per_hour\":1}}",
        "daily loss limit up or off           | {}                                            | {\"guardrails\":{\"daily_loss_limit_pct\":0}} | {\"guardrails\":{\"daily_loss_limit_pct\":0.03}}",
        "daily loss limit up or off           | {}                                            | {\"guardrails\":{\"daily_loss_limit_pct\":0.05}} | {\"guardrails\":{\"daily_loss_limit_pct\":0.04}}",
        "protection (TP/SL) no longer required | {}                                           | {\"guardrails\":{\"require_protection\":false}} | {\"guardrails\":{\"require_protection\":true}}",
        "price-drift gate loosened or off     | {}                                            | {\"guardrails\":{\"max_price_drift_bps\":0}} | {\"guardrails\":{\"max_price_drift_bps\":50}}",
        "price-drift gate loosened or off     | {}                                            | {\"guardrails\":{\"max_price_drift_bps\":80}} | {\"guardrails\":{\"max_price_drift_bps\":60}}",
        "price-drift gate loosened or off     | {\"guardrails\":{\"max_price_drift_atr\":1}} | {\"guardrails\":{\"max_price_drift_atr\":0}} | {\"guardrails\":{\"max_price_drift_atr\":1}}",
        "minimum hold shortened               | {}                                            | {\"guardrails\":{\"min_hold_seconds\":60}}   | {\"guardrails\":{\"min_hold_seconds\":180}}",
      })
  void givenARiskyChange_whenSentFromASession_thenThePasswordIsAskedAgain(
      String phrase, String setup, String riskier, String safer) {
    JsonNode original = Json.parse(script().get("/api/settings", TOKEN).body());
    assertThat(script().putJson("/api/settings", setup, TOKEN).statusCode()).isEqualTo(200);
    try {
      String before = everything();
      HttpResponse<String> refused =
          session.putJson("/api/settings", riskier, "X-CSRF-TOKEN", csrf);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(Json.parse(refused.body()).path("detail").asString()).contains(phrase);
      assertThat(everything()).as("nothing saved").isEqualTo(before);

      HttpResponse<String> confirmed =
          session.putJson(
              "/api/settings",
              riskier,
              "X-CSRF-TOKEN",
              csrf,
              RiskyChanges.CONFIRM_HEADER,
              "correct horse");
      assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
      HttpResponse<String> back = session.putJson("/api/settings", safer, "X-CSRF-TOKEN", csrf);
      assertThat(back.statusCode())
          .as("towards less risk: not asked " + back.body())
          .isEqualTo(200);
      assertThat(script().putJson("/api/settings", riskier, TOKEN).statusCode())
          .as("a script with the API token is not asked")
          .isEqualTo(200);
    } finally {
      script()
          .putJson(
              "/api/settings",
              "{\"guardrails\":"
                  + original.path("guardrails")
                  + ",\"execution\":"
                  + original.path("execution")
                  + "}",
              TOKEN);
    }
  }

  @Test
  void givenOkxToLive_whenSentFromASession_thenThePasswordIsAskedBeforeAnythingIsSealedOrSaved() {
    String before = everything();
    String live =
        "{\"okx\":{\"demo\":false,\"confirm_live\":\"LIVE\",\"api_key\":\"ak\",\"secret_key\":\"sk\",\"passphrase\":\"pp\"}}";

    HttpResponse<String> refused = session.putJson("/api/settings", live, "X-CSRF-TOKEN", csrf);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("OKX to live trading");
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void givenLiveExecutionOn_whenTheSchedulerIsSwitchedOnFromASession_thenThePasswordIsAsked() {
    assertThat(
            script()
                .putJson("/api/settings", "{\"execution\":{\"enabled\":true}}", TOKEN)
                .statusCode())
        .isEqualTo(200);
    try {
      String before = everything();
      HttpResponse<String> refused =
          session.postForm("/scheduler/enable", "", "X-CSRF-TOKEN", csrf);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("scheduler placing live orders unattended");
      assertThat(
              session
                  .putJson("/scheduler", "{\"enabled\":true}", "X-CSRF-TOKEN", csrf)
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              session
                  .putJson(
                      "/api/settings", "{\"scheduler\":{\"enabled\":true}}", "X-CSRF-TOKEN", csrf)
                  .statusCode())
          .isEqualTo(403);
      assertThat(everything()).isEqualTo(before);
      assertThat(
              session
                  .putJson(
                      "/api/settings",
                      "{\"scheduler\":{\"enabled\":true}}",
                      "X-CSRF-TOKEN",
                      csrf,
                      RiskyChanges.CONFIRM_HEADER,
                      "correct horse")
                  .statusCode())
          .isEqualTo(200);
    } finally {
      script()
          .putJson(
              "/api/settings",
              "{\"scheduler\":{\"enabled\":false},\"execution\":{\"enabled\":false}}",
              TOKEN);
    }
    assertThat(
            session
                .putJson(
                    "/api/settings", "{\"scheduler\":{\"enabled\":true}}", "X-CSRF-TOKEN", csrf)
                .statusCode())
        .as("paper only: not asked")
        .isEqualTo(200);
    script().putJson("/api/settings", "{\"scheduler\":{\"enabled\":false}}", TOKEN);
  }

  @Test
  void
      givenNoMarketEngine_whenTheSchedulerEndpointGetsAValidChange_then503AndNothingSaved_andABadOneIs400() {
    String before = everything();
    assertThat(script().putJson("/scheduler", "{\"interval_seconds\":600}", TOKEN).statusCode())
        .isEqualTo(503);
    assertThat(everything()).isEqualTo(before);
    assertThat(
            problem(script().putJson("/scheduler", "{\"interval_seconds\":29}", TOKEN))
                .path("field")
                .asString())
        .isEqualTo("interval_seconds");
  }

  @Test
  void givenTheDailyLossLockOn_whenResetFromASession_thenThePasswordIsAsked_andWhileOffItIsNot() {
    Instant now = Instant.now();
    locks.save(
        new RiskLock(
            RiskLock.DAILY_LOSS,
            true,
            Optional.empty(),
            Optional.empty(),
            Optional.of(now),
            Optional.of("test: loss limit hit"),
            now));
    try {
      HttpResponse<String> refused =
          session.postForm("/execution/locks/daily-loss/reset", "", "X-CSRF-TOKEN", csrf);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("daily-loss lock reset while locked");
      assertThat(
              session
                  .postForm(
                      "/execution/locks/daily-loss/reset",
                      "",
                      "X-CSRF-TOKEN",
                      csrf,
                      RiskyChanges.CONFIRM_HEADER,
                      "correct horse")
                  .statusCode())
          .as("past the password: the reset itself runs (no equity known here → 503)")
          .isNotEqualTo(403);
    } finally {
      locks.save(
          new RiskLock(
              RiskLock.DAILY_LOSS,
              false,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              now));
    }
    assertThat(
            session
                .postForm("/execution/locks/daily-loss/reset", "", "X-CSRF-TOKEN", csrf)
                .statusCode())
        .isNotEqualTo(403);
  }
}
