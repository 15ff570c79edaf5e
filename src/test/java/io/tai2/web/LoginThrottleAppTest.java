package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.testsupport.HttpProbe;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Guessing the bearer token or the re-typed password is throttled like the login form, and logged without the value. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:throttle;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "TAI2_ADMIN_PASSWORD=throttle-password",
      "TAI2_API_TOKEN=throttle-token-0123",
    })
class LoginThrottleAppTest {

  @LocalServerPort int port;
  @Autowired LoginThrottle throttle;

  @BeforeEach
  void freshClient() {
    throttle.succeeded("127.0.0.1");
  }

  @Test
  void givenFiveWrongBearerTokens_whenTheSixthComes_thenItIs429UncheckedEvenIfRight(
      CapturedOutput output) {
    HttpProbe script = new HttpProbe(port);
    for (int i = 0; i < 5; i++) {
      assertThat(
              script.get("/trades/recent", "Authorization", "Bearer wrong-token-" + i).statusCode())
          .isEqualTo(401);
    }

    HttpResponse<String> r =
        script.get("/trades/recent", "Authorization", "Bearer throttle-token-0123");

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).contains("1");
    assertThat(Json.parse(r.body()).path("title").asString()).isEqualTo("too many failed attempts");
    assertThat(output.getOut())
        .contains("event=login_failed client=127.0.0.1 kind=bearer failures=5")
        .doesNotContain("wrong-token-");
  }

  @Test
  void givenFiveWrongRetypedPasswords_whenTheSixthComes_thenItIs429ForTheConfirmField(
      CapturedOutput output) {
    HttpProbe browser = new HttpProbe(port);
    String login = HttpProbe.csrfToken(browser.get("/login").body());
    browser.postForm(
        "/login",
        "username=admin&password="
            + URLEncoder.encode("throttle-password", StandardCharsets.UTF_8)
            + "&_csrf="
            + login);
    String csrf = HttpProbe.csrfToken(browser.get("/cfg").body());
    int current =
        Json.parse(browser.get("/api/settings").body())
            .path("guardrails")
            .path("max_leverage")
            .asInt();
    String up = "{\"guardrails\":{\"max_leverage\":" + (current + 1) + "}}";
    for (int i = 0; i < 5; i++) {
      assertThat(
              browser
                  .putJson(
                      "/api/settings",
                      up,
                      "X-CSRF-TOKEN",
                      csrf,
                      RiskyChanges.CONFIRM_HEADER,
                      "guess-" + i)
                  .statusCode())
          .isEqualTo(403);
    }

    HttpResponse<String> r =
        browser.putJson(
            "/api/settings",
            up,
            "X-CSRF-TOKEN",
            csrf,
            RiskyChanges.CONFIRM_HEADER,
            "throttle-password");

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(Json.parse(r.body()).path("field").asString()).isEqualTo("confirm_password");
    assertThat(
            Json.parse(browser.get("/api/settings").body())
                .path("guardrails")
                .path("max_leverage")
                .asInt())
        .isEqualTo(current);
    assertThat(output.getOut())
        .contains("event=login_failed client=127.0.0.1 kind=confirm_password failures=5")
        .doesNotContain("guess-");
  }
}
