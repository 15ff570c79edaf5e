package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.RawHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Open loopback mode (no password, no token): which hosts and origins are served, and how scripts write. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:host-check;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "TAI2_ALLOWED_HOSTS=tai2.example",
    })
class HostCheckAppTest {

  @LocalServerPort int port;

  @Test
  void givenAForeignHost_whenAnyPathIsAsked_then421ProblemNamingTheSetting() {
    for (String path : new String[] {"/api/settings", "/", "/health"}) {
      RawHttp.Answer r = RawHttp.send(port, "GET", path, null, "Host", "evil.example:" + port);

      assertThat(r.status()).as(path).isEqualTo(421);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(Json.parse(r.body()).path("detail").asString())
          .contains("\"evil.example\"", "TAI2_ALLOWED_HOSTS");
    }
  }

  @Test
  void givenAnAllowedHostsEntry_whenItIsTheHost_thenServed() {
    assertThat(RawHttp.send(port, "GET", "/health", null, "Host", "TAI2.example:" + port).status())
        .isEqualTo(200);
    assertThat(RawHttp.send(port, "GET", "/health", null, "Host", "localhost").status())
        .isEqualTo(200);
  }

  @Test
  void givenNoHostHeader_whenAsked_thenRefused() {
    // HTTP/1.1 requires Host; Tomcat itself answers 400 before tai2 sees it — either way nothing is
    // served.
    assertThat(RawHttp.send(port, "GET", "/health", null).status()).isIn(400, 421);
  }

  @Test
  void givenAForeignOrigin_whenWriting_then403AndNothingChanges() {
    String before = new HttpProbe(port).get("/api/settings").body();

    RawHttp.Answer r =
        RawHttp.send(
            port,
            "PUT",
            "/api/settings",
            "{\"scheduler\":{\"enabled\":true}}",
            "Host",
            "127.0.0.1:" + port,
            "Origin",
            "http://evil.example:" + port,
            "Content-Type",
            "application/json");

    assertThat(r.status()).isEqualTo(403);
    assertThat(Json.parse(r.body()).path("title").asString())
        .isEqualTo("cross-origin request refused");
    assertThat(new HttpProbe(port).get("/api/settings").body()).isEqualTo(before);
  }

  @Test
  void givenANullOrigin_whenTheEventStreamIsOpened_then403() {
    RawHttp.Answer r =
        RawHttp.send(port, "GET", "/events", null, "Host", "127.0.0.1:" + port, "Origin", "null");

    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void givenAScriptWithoutBrowserHeaders_whenItPullsTheKillSwitch_thenNoCsrfTokenIsNeeded() {
    HttpProbe script = new HttpProbe(port);

    HttpResponse<String> kill = script.postForm("/execution/kill?flatten=false", "");
    HttpResponse<String> settings = script.putJson("/api/settings", "{}");

    // This test app runs without the market engine, so the kill switch itself answers 503 once past
    // security.
    assertThat(kill.statusCode()).as(kill.body()).isEqualTo(503);
    assertThat(Json.parse(kill.body()).path("title").asString()).isEqualTo("market engine off");
    assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
  }

  @Test
  void givenABrowserWriteWithoutCsrfToken_whenSent_then403ProblemNamingTheCsrfToken() {
    HttpResponse<String> r =
        new HttpProbe(port)
            .postForm(
                "/execution/kill/release",
                "",
                "Origin",
                "http://127.0.0.1:" + port,
                "Sec-Fetch-Site",
                "same-origin");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(Json.parse(r.body()).path("title").asString()).isEqualTo("CSRF token missing");
    assertThat(Json.parse(r.body()).path("detail").asString())
        .contains("X-CSRF-TOKEN", "csrf-token", "scripts (curl) need no token");
  }

  @Test
  void givenASessionCookie_whenWritingWithoutCsrfToken_then403() {
    HttpProbe browser = new HttpProbe(port);
    String csrf =
        HttpProbe.csrfToken(browser.get("/cfg").body()); // the page's visit starts a session

    assertThat(browser.putJson("/api/settings", "{}").statusCode()).isEqualTo(403);
    assertThat(browser.putJson("/api/settings", "{}", "X-CSRF-TOKEN", csrf).statusCode())
        .isEqualTo(200);
  }
}
