package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.reasoning.ReasoningSettingsStore;
import io.tai2.testsupport.HttpProbe;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With a login, promoting the challenger from a browser session needs the operator password typed again (in the body's
 * {@code password}), as every risky settings change does; a script with the API token is not asked.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:champion-password;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "TAI2_ADMIN_PASSWORD=correct horse",
      "TAI2_API_TOKEN=api-token-123",
    })
class ChampionPasswordTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ReasoningSettingsStore reasoning;
  HttpProbe http;
  ChampionApiTest.Arms arms;
  String csrf;

  @BeforeEach
  void setUp() {
    arms = ChampionApiTest.seed(jdbc, reasoning, ChampionApiTest.DAY);
    http = new HttpProbe(port);
    http.postForm(
        "/login",
        "username=admin&password=correct+horse&_csrf="
            + HttpProbe.csrfToken(http.get("/login").body()));
    csrf = HttpProbe.csrfToken(http.get("/engine").body());
  }

  HttpResponse<String> promote(String password) {
    String body =
        "{\"version_id\":\""
            + arms.challenger().id()
            + "\""
            + (password == null ? "" : ",\"password\":\"" + password + "\"")
            + "}";
    return http.postJson("/api/evaluation/promote", body, "X-CSRF-TOKEN", csrf);
  }

  long audits() {
    return jdbc.sql("SELECT COUNT(*) FROM settings_audit").query(Long.class).single();
  }

  @Test
  void
      givenALogin_whenPromotedWithoutOrWithAWrongPassword_then403NamesThePasswordAndNothingChanges() {
    long before = audits();

    HttpResponse<String> missing = promote(null);
    HttpResponse<String> wrong = promote("wrong");

    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(Json.parse(missing.body()).path("title").asString()).isEqualTo("password needed");
    assertThat(Json.parse(missing.body()).path("field").asString()).isEqualTo("password");
    assertThat(Json.parse(missing.body()).path("detail").asString())
        .contains("needs the operator password again (" + ChampionController.PROMOTE + ")");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(Json.parse(wrong.body()).path("detail").asString())
        .contains("the password was wrong");
    assertThat(reasoning.current().activeVersion()).contains(arms.champion().id());
    assertThat(reasoning.current().challengerVersion()).contains(arms.challenger().id());
    assertThat(audits()).isEqualTo(before);
  }

  @Test
  void
      givenALogin_whenPromotedWithThePassword_thenTheChallengerIsTheChampionAndTheAuditNamesTheOperator() {
    HttpResponse<String> r = promote("correct horse");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(reasoning.current().activeVersion()).contains(arms.challenger().id());
    assertThat(reasoning.current().challengerVersion()).isEmpty();
    assertThat(
            Json.parse(http.get("/api/settings/audit?limit=1").body())
                .get(0)
                .path("actor")
                .asString())
        .isEqualTo("promote by admin");
  }

  @Test
  void givenALogin_whenTheCardIsShown_thenItAsksForThePasswordAgain() {
    assertThat(http.get("/engine").body()).contains("id=\"promote-password\"");
    assertThat(http.get("/lab/champion").body()).contains("id=\"promote-password\"");
  }

  @Test
  void givenTheApiToken_whenAScriptPromotes_thenNoPasswordIsAsked() {
    HttpResponse<String> r =
        new HttpProbe(port)
            .postJson(
                "/api/evaluation/promote",
                "{\"version_id\":\"" + arms.challenger().id() + "\"}",
                "Authorization",
                "Bearer api-token-123");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(reasoning.current().activeVersion()).contains(arms.challenger().id());
  }
}
