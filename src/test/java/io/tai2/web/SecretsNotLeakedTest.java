package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.testsupport.HttpProbe;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With every secret set, none of them shows up in the log, a page or an API response. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:secrets;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "OKX_API_KEY=okx-key-SECRET1",
      "OKX_SECRET_KEY=okx-secret-SECRET2",
      "OKX_PASSPHRASE=okx-pass-SECRET3",
      "OPENROUTER_API_KEY=sk-or-SECRET4",
      "TAI2_ADMIN_PASSWORD=admin-SECRET5",
      "TAI2_API_TOKEN=token-SECRET6",
      "TAI2_TELEGRAM_BOT_TOKEN=123:bot-SECRET7",
      "TAI2_TELEGRAM_CHAT_ID=42",
      "TAI2_WEBHOOK_URLS=http://127.0.0.1:9/hooks/SECRET8",
      "TELEGRAM_API_URL=http://127.0.0.1:9",
      "logging.level.io.tai2=DEBUG",
    })
class SecretsNotLeakedTest {

  static final List<String> SECRETS =
      List.of(
          "SECRET1", "SECRET2", "SECRET3", "SECRET4", "SECRET5", "SECRET6", "SECRET7", "SECRET8");

  @LocalServerPort int port;

  @Test
  void givenEverySecretSet_whenTheAppStartsAndServes_thenNoSecretAppearsAnywhere(
      CapturedOutput output) {
    HttpProbe http = new HttpProbe(port);
    String login = http.get("/login").body();
    http.postForm(
        "/login", "username=admin&password=admin-SECRET5&_csrf=" + HttpProbe.csrfToken(login));
    StringBuilder served = new StringBuilder(login);
    for (String path :
        List.of(
            "/",
            "/ta",
            "/engine",
            "/history",
            "/debug",
            "/cfg",
            "/health",
            "/actuator/health",
            "/v3/api-docs")) {
      var r = http.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      served.append(r.body()).append(r.headers().map());
    }

    var api = http.get("/trades/recent", "Authorization", "Bearer token-SECRET6");
    assertThat(api.statusCode()).isEqualTo(200);
    served.append(api.body()).append(api.headers().map());

    assertThat(served.toString()).doesNotContain(SECRETS);
    assertThat(output.getAll())
        .contains(
            "event=ready",
            "okx_keys=set",
            "llm_key=set",
            "event=notifier_ready",
            "event=telegram_commands_started")
        .doesNotContain(SECRETS);
  }
}
