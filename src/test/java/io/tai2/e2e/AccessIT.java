package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.RawHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The access rules on the packaged jar: only our host names are served (DNS rebinding), foreign origins cannot write or
 * open the live streams, the effective bind address is checked whatever set it, scripts reach the kill switch on a
 * default install, and password guessing is throttled and logged.
 */
class AccessIT {

  static final String PASSWORD = "correct-horse-battery";
  static final String TOKEN = "api-token-0123456789";
  static final String GUESS = "guess-Zq81-never-logged";

  /** A default install (loopback, no password, no token) with OKX keys on the simulator, plus one allowed host name. */
  static EmbeddedApp open;

  /** Password + token on loopback. */
  static EmbeddedApp locked;

  @BeforeAll
  static void start() throws Exception {
    open =
        new EmbeddedApp("access-open")
            .startSim()
            .start(Map.of("TAI2_ALLOWED_HOSTS", "tai2.example"));
    locked =
        new EmbeddedApp("access-locked")
            .start(Map.of("TAI2_ADMIN_PASSWORD", PASSWORD, "TAI2_API_TOKEN", TOKEN));
  }

  @AfterAll
  static void stop() {
    if (open != null) {
      open.close();
    }
    if (locked != null) {
      locked.close();
    }
  }

  static JsonNode json(String body) {
    return HttpProbe.JSON.readTree(body);
  }

  /** This run's part of the app's log (the file is appended to across runs; each start begins with "=== "). */
  static String log(EmbeddedApp app, String suffix) throws Exception {
    String all = Files.readString(Processes.LOGS.resolve(app.name + "-app" + suffix + ".log"));
    int start = all.lastIndexOf("=== ");
    return start < 0 ? all : all.substring(start);
  }

  // 1. DNS rebinding and foreign origins

  @Test
  void givenAForeignHost_whenTheApiOrAPageIsAsked_then421ProblemAndNoCsrfToken() {
    for (String path : List.of("/api/settings", "/")) {
      RawHttp.Answer r =
          RawHttp.send(open.appPort, "GET", path, null, "Host", "evil.example:" + open.appPort);

      assertThat(r.status()).as(path).isEqualTo(421);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(json(r.body()).path("detail").asString())
          .contains("\"evil.example\"", "TAI2_ALLOWED_HOSTS");
      assertThat(r.body()).doesNotContain("csrf");
    }
  }

  @Test
  void givenTheAllowedHostsSetting_whenItsHostIsUsed_thenServed() {
    RawHttp.Answer r =
        RawHttp.send(
            open.appPort, "GET", "/api/settings", null, "Host", "tai2.example:" + open.appPort);

    assertThat(r.status()).isEqualTo(200);
    assertThat(json(r.body()).has("guardrails")).isTrue();
  }

  @Test
  void givenAForeignOrigin_whenSettingsArePut_then403AndNothingChanges() {
    String before = new HttpProbe(open.appPort).get("/api/settings").body();

    HttpResponse<String> r =
        new HttpProbe(open.appPort)
            .putJson(
                "/api/settings",
                "{\"scheduler\":{\"enabled\":true}}",
                "Origin",
                "http://evil.example:" + open.appPort);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r.body()).path("title").asString()).isEqualTo("cross-origin request refused");
    assertThat(new HttpProbe(open.appPort).get("/api/settings").body()).isEqualTo(before);
  }

  @Test
  void givenAForeignOrigin_whenTheStateWebSocketIsOpened_thenRefusedButOurOriginIsUpgraded()
      throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + open.appPort + "/ws/state");
    WebSocket.Listener ignore = new WebSocket.Listener() {};
    HttpClient client = HttpClient.newHttpClient();

    assertThatThrownBy(
            () ->
                client
                    .newWebSocketBuilder()
                    .header("Origin", "http://evil.example:" + open.appPort)
                    .buildAsync(uri, ignore)
                    .get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    WebSocket ws =
        client
            .newWebSocketBuilder()
            .header("Origin", "http://127.0.0.1:" + open.appPort)
            .buildAsync(uri, ignore)
            .get(10, TimeUnit.SECONDS);
    ws.abort();
  }

  // 3. Scripts on a default install

  @Test
  void
      givenADefaultInstall_whenAScriptPullsAndReleasesTheKillSwitch_thenBothAnswer200WithoutAnyToken() {
    // What `curl -X POST http://127.0.0.1:8000/execution/kill?flatten=true` sends: no Origin, no
    // Sec-Fetch-*, no cookie.
    HttpResponse<String> kill = open.request("POST", "/execution/kill?flatten=true", null);
    HttpResponse<String> release = open.request("POST", "/execution/kill/release", null);

    assertThat(kill.statusCode()).as(kill.body()).isEqualTo(200);
    assertThat(json(kill.body()).path("locked").asBoolean()).isTrue();
    assertThat(json(kill.body()).path("failures").isEmpty()).as(kill.body()).isTrue();
    assertThat(release.statusCode()).as(release.body()).isEqualTo(200);
  }

  @Test
  void givenADefaultInstall_whenABrowserWritesWithoutTheCsrfToken_then403ProblemNamingIt() {
    HttpResponse<String> r =
        open.request(
            "POST",
            "/execution/kill/release",
            null,
            "Origin",
            "http://127.0.0.1:" + open.appPort,
            "Sec-Fetch-Site",
            "same-origin");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(json(r.body()).path("title").asString()).isEqualTo("CSRF token missing");
    assertThat(json(r.body()).path("detail").asString())
        .contains("X-CSRF-TOKEN", "<meta name=\"csrf-token\">");
  }

  @Test
  void givenAToken_whenAScriptSendsNoneOrTheRightOne_then401WithChallengeOr200() {
    HttpResponse<String> none = locked.request("POST", "/execution/kill/release", null);
    HttpResponse<String> right =
        locked.request("POST", "/execution/kill/release", null, "Authorization", "Bearer " + TOKEN);

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"tai2\"");
    assertThat(json(none.body()).path("detail").asString())
        .contains("Authorization: Bearer", "TAI2_API_TOKEN");
    assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
  }

  @Test
  void givenAToken_whenHealthIsAskedWithAWrongBearer_thenItAnswers200() {
    assertThat(locked.request("GET", "/health", null, "Authorization", "Bearer stale").statusCode())
        .isEqualTo(200);
  }

  // 4. Password guessing

  @Test
  void
      givenAHundredWrongLogins_whenSentInARow_thenAfterTheFifthTheyAreRefusedUncheckedAndEachCheckedOneIsLogged()
          throws Exception {
    HttpProbe browser = new HttpProbe(locked.appPort);
    String csrf = HttpProbe.csrfToken(browser.get("/login").body());
    List<HttpResponse<String>> answers = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      answers.add(
          browser.postForm("/login", "username=admin&password=" + GUESS + "&_csrf=" + csrf));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

    for (HttpResponse<String> r : answers.subList(0, 5)) {
      assertThat(r.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }
    assertThat(answers.get(5).statusCode()).isEqualTo(429);
    long refused = answers.stream().filter(r -> r.statusCode() == 429).count();
    long checked = answers.stream().filter(r -> r.statusCode() == 302).count();
    assertThat(refused + checked).isEqualTo(100);
    assertThat(refused).isGreaterThanOrEqualTo(90);
    HttpResponse<String> last = answers.getLast();
    assertThat(json(answers.get(5).body()).path("title").asString())
        .isEqualTo("too many failed attempts");
    assertThat(browser.get("/login").body()).contains("Too many failed logins, try again in");
    HttpResponse<String> page =
        browser.postForm(
            "/login",
            "username=admin&password=" + GUESS + "&_csrf=" + csrf,
            "Accept",
            "text/html,application/xhtml+xml");
    assertThat(page.statusCode()).isEqualTo(429);
    assertThat(page.body())
        .contains("Too many failed logins, try again in")
        .contains("href=\"/login\"");

    String log = log(locked, "");
    assertThat(
            log.lines()
                .filter(l -> l.contains("event=login_failed client=127.0.0.1 kind=form"))
                .count())
        .isEqualTo(checked);
    assertThat(log).doesNotContain(GUESS);

    long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
    Thread.sleep(retryAfter * 1000 + 300);
    String fresh = HttpProbe.csrfToken(browser.get("/login").body());
    HttpResponse<String> in =
        browser.postForm(
            "/login",
            "username=admin&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf="
                + fresh);
    assertThat(in.statusCode()).isEqualTo(302);
    assertThat(in.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    assertThat(browser.get("/cfg").statusCode()).isEqualTo(200);
  }

  // 2. The bind address, whatever set it

  static void assertRefused(EmbeddedApp app, Process p, String suffix, String... expected)
      throws Exception {
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the app exits").isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    String log = log(app, suffix);
    assertThat(log).contains("tai2: cannot start: ").contains(expected);
    assertThat(log).as("no stack trace").doesNotContain("\tat ");
    assertThat(log)
        .as("the port never answered")
        .doesNotContain("event=ready")
        .doesNotContain("Tomcat started");
  }

  @Test
  void givenServerAddressAsASystemProperty_whenNoPasswordOrToken_thenExit2() throws Exception {
    try (EmbeddedApp app = new EmbeddedApp("access-bind-sysprop")) {
      Process p = app.launch(Map.of(), "-Dserver.address=0.0.0.0");

      assertRefused(
          app, p, "", "server.address=\"0.0.0.0\"", "TAI2_ADMIN_PASSWORD and TAI2_API_TOKEN");
    }
  }

  @Test
  void givenServerAddressInSpringApplicationJson_whenNoPasswordOrToken_thenExit2()
      throws Exception {
    try (EmbeddedApp app = new EmbeddedApp("access-bind-json")) {
      Process p =
          app.launch(Map.of("SPRING_APPLICATION_JSON", "{\"server\":{\"address\":\"0.0.0.0\"}}"));

      assertRefused(app, p, "", "server.address=\"0.0.0.0\"", "TAI2_ALLOWED_HOSTS");
    }
  }

  @Test
  void
      givenServerAddressInAnApplicationPropertiesInTheWorkingDirectory_whenNoPasswordOrToken_thenExit2()
          throws Exception {
    try (EmbeddedApp app = new EmbeddedApp("access-bind-file")) {
      Files.writeString(app.workDir.resolve("application.properties"), "server.address=0.0.0.0\n");
      Process p = app.launch(Map.of());

      assertRefused(app, p, "", "server.address=\"0.0.0.0\"");
    }
  }

  @Test
  void givenAllInterfaces_whenThePasswordIsShort_thenExit2SayingWhy() throws Exception {
    try (EmbeddedApp app = new EmbeddedApp("access-bind-short")) {
      Process p =
          app.launch(
              Map.of(
                  "TAI2_ADMIN_PASSWORD",
                  "short-pw",
                  "TAI2_API_TOKEN",
                  TOKEN,
                  "TAI2_ALLOWED_HOSTS",
                  "tai2.example"),
              "-Dserver.address=0.0.0.0");

      assertRefused(
          app,
          p,
          "",
          "TAI2_ADMIN_PASSWORD: shorter than 12 characters, which can be guessed over the network");
      assertThat(log(app, "")).doesNotContain("short-pw");
    }
  }

  @Test
  void
      givenAllInterfacesWithPasswordTokenAndAllowedHosts_whenStarted_thenTheReadyLineShowsTheRealBind()
          throws Exception {
    try (EmbeddedApp app = new EmbeddedApp("access-bind-ok")) {
      app.start(
          Map.of(
              "TAI2_ADMIN_PASSWORD",
              PASSWORD,
              "TAI2_API_TOKEN",
              TOKEN,
              "TAI2_ALLOWED_HOSTS",
              "tai2.example"),
          "-Dserver.address=0.0.0.0");

      Processes.await(
          "the ready line",
          Duration.ofSeconds(30),
          app.app,
          () -> {
            try {
              return log(app, "").contains("event=ready");
            } catch (Exception e) {
              return false;
            }
          });
      assertThat(log(app, "")).contains("url=http://0.0.0.0:" + app.appPort + "/");
    }
  }

  @Test
  void givenTheEmbeddedDatabase_whenTheAppHasStarted_thenItsDirectoryAndFilesAreOwnerOnly()
      throws Exception {
    Path data = open.workDir.resolve("data");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
    try (var files = Files.list(data)) {
      assertThat(files.toList())
          .isNotEmpty()
          .allSatisfy(
              f ->
                  assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                      .as(f.toString())
                      .isEqualTo("rw-------"));
    }
  }
}
