package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.PromptVersionRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.SimProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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

/**
 * Bad requests get a 4xx problem naming the field or parameter, never a 5xx, and change nothing: bodies that are not
 * JSON, too large, of the wrong type or with unknown fields; parameters out of range; untracked symbols; a reset with
 * nothing to reset. Against the running service on the OKX simulator (one tracked pair, BTC-USDT-SWAP).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=test-token",
      "DATABASE_URL=jdbc:h2:mem:badrequests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BadRequestsTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String[] AUTH = {"Authorization", "Bearer test-token"};

  static SimServer sim;

  @LocalServerPort int port;
  @Autowired PromptVersionRepository versions;
  @Autowired RiskLockRepository locks;
  @Autowired ExecutionFeedbackRepository feedback;
  HttpProbe http;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 3, 3_000, 1_440);
    sim =
        new SimServer(
            new SimRestApi(
                Clock.systemUTC(),
                market,
                Map.of("k", new SimAccount("k", "s", "p", true, false)),
                new BigDecimal("10000")),
            market,
            new FakeLlm(Clock.systemUTC(), "llm-key"),
            0);
    SimProperties.okxAndLlm(registry, sim.port());
    registry.add("TRADING_PAIRS", () -> BTC);
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void setUp() {
    http = new HttpProbe(port);
  }

  // --- parameters
  // -------------------------------------------------------------------------------------------------

  @Test
  void aDateBeyondTheYear2100IsA400NamingItOnTheTradesAndTheCsv() {
    assertProblem(http.get("/trades?to=+999999999-12-31", AUTH), 400, "to");
    assertProblem(http.get("/trades/export.csv?to=+999999999-12-31", AUTH), 400, "to");
    assertProblem(http.get("/trades?from=1999-12-31", AUTH), 400, "from");
  }

  @Test
  void aBrokenPercentEscapeIsA400Problem() throws Exception {
    // Java's HTTP client refuses to send such a URI, so this one goes over a plain socket, as curl
    // would send it.
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket
          .getOutputStream()
          .write(
              ("GET /trades?symbol=%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + AUTH[0]
                      + ": "
                      + AUTH[1]
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer)
          .startsWith("HTTP/1.1 400")
          .contains("application/problem+json")
          .contains("could not be decoded");
    }
  }

  @Test
  void aNumberThatOverflowsIsA400NamingTheParameter() {
    assertProblem(http.get("/trades/recent?limit=99999999999", AUTH), 400, "limit");
    assertProblem(http.get("/llm/decisions?limit=1e999", AUTH), 400, "limit");
    assertProblem(http.get("/trades?page=99999999999", AUTH), 400, "page");
  }

  @Test
  void aParameterOutOfItsRangeIsA400NamingIt() {
    assertProblem(http.get("/llm/versions?limit=0", AUTH), 400, "limit");
    assertProblem(http.get("/trades/recent?limit=-1", AUTH), 400, "limit");
    assertProblem(http.get("/trades?size=201", AUTH), 400, "size");
    assertProblem(http.get("/trades?dir=sideways", AUTH), 400, "dir");
  }

  @Test
  void aMissingParameterIsA400NamingIt() {
    assertProblem(http.get("/state/series", AUTH), 400, "symbol");
  }

  @Test
  void theErrorPathAskedForDirectlyIsA404() {
    HttpResponse<String> error = http.get("/error", AUTH);

    assertThat(error.statusCode()).as(error.body()).isEqualTo(404);
    assertThat(error.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  @Test
  void aWrongMethodIsA405() {
    HttpResponse<String> wrong = http.putJson("/trades/recent", "{}", AUTH);

    assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(405);
  }

  @Test
  void anUntrackedSymbolOrTimeframeOnTheStateEndpointsIsA404NamingIt() {
    assertProblem(http.get("/state/latest?symbol=DOGE-USDT-SWAP", AUTH), 404, "symbol");
    assertProblem(
        http.get("/state/series?symbol=DOGE-USDT-SWAP&timeframe=4H", AUTH), 404, "symbol");
    assertProblem(
        http.get("/state/series?symbol=" + BTC + "&timeframe=7X", AUTH), 404, "timeframe");
  }

  // --- bodies
  // -----------------------------------------------------------------------------------------------------

  @Test
  void anUnknownFieldIsA400NamingItAndNothingIsSaved() {
    int before = versions.list(500).size();

    HttpResponse<String> r =
        http.postJson(
            "/llm/versions", "{\"name\":\"x\",\"system_prompt\":\"s\",\"activte\":true}", AUTH);

    assertProblem(r, 400, "activte");
    assertThat(versions.list(500)).hasSize(before);
  }

  @Test
  void aStringForABooleanIsA400NamingTheField() {
    assertProblem(
        http.postJson("/llm/versions", "{\"name\":\"x\",\"activate\":\"yes\"}", AUTH),
        400,
        "activate");
  }

  @Test
  void aDecimalForAWholeNumberIsA400NamingTheField() {
    assertProblem(
        http.putJson("/llm/settings", "{\"decision_retention_days\":30.5}", AUTH),
        400,
        "decision_retention_days");
    assertProblem(
        http.putJson("/llm/settings", "{\"decision_retention_days\":\"30\"}", AUTH),
        400,
        "decision_retention_days");
  }

  @Test
  void invalidJsonIsA400SayingSoWithoutEchoingTheInput() {
    String garbage = "{\"name\": \"" + "A".repeat(50_000);

    HttpResponse<String> r = http.postJson("/llm/versions", garbage, AUTH);

    JsonNode problem = assertProblem(r, 400, null);
    assertThat(problem.path("detail").asString()).startsWith("the body is not valid JSON: ");
    assertThat(r.body().length()).as("the input is not echoed").isLessThan(1_000);
  }

  @Test
  void aMissingBodyIsA400() {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/llm/versions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(assertProblem(r, 400, null).path("detail").asString())
        .isEqualTo("this request needs a JSON body");
  }

  @Test
  void aWrongContentTypeIsA415() {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/llm/versions"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));

    assertProblem(r, 415, null);
  }

  @Test
  void aBodyDeclaredOverOneMegabyteIsA413() {
    HttpResponse<String> r =
        http.postJson("/llm/versions", "{\"name\":\"" + "x".repeat(1_100_000) + "\"}", AUTH);

    assertProblem(r, 413, null);
  }

  @Test
  void aChunkedBodyOverOneMegabyteIsA413AndNothingIsSaved() {
    int before = versions.list(500).size();
    byte[] body =
        ("{\"name\":\"big\",\"system_prompt\":\"" + "x".repeat(1_100_000) + "\"}").getBytes();

    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/llm/versions"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body))));

    assertProblem(r, 413, null);
    assertThat(versions.list(500)).hasSize(before);
  }

  @Test
  void aPromptTextOver64KbIsA400NamingItAndNothingIsSaved() {
    int before = versions.list(500).size();

    HttpResponse<String> r =
        http.postJson(
            "/llm/versions",
            "{\"name\":\"huge\",\"decision_prompt\":\"" + "d".repeat(70_000) + "\"}",
            AUTH);

    assertProblem(r, 400, "decision_prompt");
    assertThat(versions.list(500)).hasSize(before);
  }

  @Test
  void aVersionNameOver200BytesIsA400NamingIt() {
    assertProblem(
        http.postJson("/llm/versions", "{\"name\":\"" + "n".repeat(201) + "\"}", AUTH),
        400,
        "name");
  }

  @Test
  void aChatQuestionOver4KbIsA400NamingIt() {
    assertProblem(
        http.postJson(
            "/llm/chat",
            "{\"symbol\":\"" + BTC + "\",\"question\":\"" + "q".repeat(5_000) + "\"}",
            AUTH),
        400,
        "question");
  }

  @Test
  void aChatAboutAnUntrackedSymbolIsA404() {
    assertProblem(
        http.postJson("/llm/chat", "{\"symbol\":\"DOGE-USDT-SWAP\",\"question\":\"why?\"}", AUTH),
        404,
        null);
  }

  @Test
  void aChatModelThatIsNoModelIdIsA400NamingIt() {
    assertProblem(
        http.postJson(
            "/llm/chat",
            "{\"symbol\":\"" + BTC + "\",\"question\":\"why?\",\"model\":\"a b\\nc\"}",
            AUTH),
        400,
        "model");
  }

  // --- versions, feedback, the daily-loss lock
  // ------------------------------------------------------------------

  @Test
  void aSavedDraftDoesNotChangeThePromptInUse() throws Exception {
    http.awaitPromptReady(BTC, AUTH);
    String active = json(http.get("/llm/versions", AUTH)).path("active_id").asString();
    assertThat(active).as("a version is pinned at start").isNotBlank();

    HttpResponse<String> saved =
        http.postJson(
            "/llm/versions", "{\"name\":\"draft\",\"system_prompt\":\"be careful\"}", AUTH);

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(json(http.get("/llm/versions", AUTH)).path("active_id").asString())
        .isEqualTo(active);
    assertThat(
            json(http.get("/llm/prompt?symbol=" + BTC, AUTH)).path("prompt_version_id").asString())
        .isEqualTo(active);
  }

  @Test
  void theVersionPinnedAtStartIsAuditedAsTheSystems() {
    JsonNode audit = json(http.get("/api/settings/audit?limit=500", AUTH));

    assertThat(
            audit.valueStream().filter(e -> e.path("actor").asString().equals("system")).toList())
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.toString()).contains("active_version"));
  }

  @Test
  void clearingTheFeedbackOfAnEmptyOrUntrackedSymbolIsA400AndClearsNothing() {
    feedback.insert(
        new ExecutionFeedback(
            UUID.randomUUID(),
            Instant.now(),
            BTC,
            "error",
            "keep me",
            Optional.empty(),
            Optional.empty()));
    int before = feedback.active(Instant.now()).size();

    assertProblem(http.postForm("/execution/feedback/clear?symbol=", "", AUTH), 400, "symbol");
    assertProblem(
        http.postForm("/execution/feedback/clear?symbol=DOGE-USDT-SWAP", "", AUTH), 400, "symbol");

    assertThat(feedback.active(Instant.now())).hasSize(before);
  }

  @Test
  void resettingTheDailyLossLockWhileItIsNotEngagedIsA409AndChangesNothing() {
    RiskLock unlocked =
        new RiskLock(
            RiskLock.DAILY_LOSS,
            false,
            Optional.of(new BigDecimal("10000")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Instant.parse("2026-12-01T00:00:00Z"));
    locks.save(unlocked);

    JsonNode problem =
        assertProblem(http.postForm("/execution/locks/daily-loss/reset", "", AUTH), 409, null);

    assertThat(problem.path("detail").asString())
        .isEqualTo("nothing to reset: the daily-loss lock is not engaged");
    assertThat(locks.find(RiskLock.DAILY_LOSS))
        .hasValueSatisfying(
            l -> {
              assertThat(l.locked()).isFalse();
              assertThat(l.referenceEquity()).isEqualTo(unlocked.referenceEquity());
              assertThat(l.updatedAt()).isEqualTo(unlocked.updatedAt());
            });
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** Asserts a problem document with {@code status} (and {@code field} when not null); returns it. */
  private static JsonNode assertProblem(HttpResponse<String> r, int status, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .as(r.body())
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = json(r);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asString()).isNotBlank();
    assertThat(problem.path("detail").asString()).isNotBlank();
    if (field != null) {
      assertThat(problem.path("field").asString()).as(r.body()).isEqualTo(field);
    }
    return problem;
  }

  private static JsonNode json(HttpResponse<String> r) {
    return HttpProbe.JSON.readTree(r.body());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      return client.send(
          request.header(AUTH[0], AUTH[1]).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
