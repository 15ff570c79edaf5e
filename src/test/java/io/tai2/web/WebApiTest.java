package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.ExecutedTrade;
import io.tai2.history.TradeRepository;
import io.tai2.state.StateStore;
import io.tai2.testsupport.HttpProbe;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:webapi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class WebApiTest {

  @LocalServerPort int port;
  @Autowired StateStore store;
  @Autowired TradeRepository trades;
  @Autowired ObjectMapper json;
  HttpProbe http;

  @BeforeEach
  void setUp() {
    http = new HttpProbe(port);
  }

  @Test
  void
      givenNoMarketEngine_whenPaperBooksAreAsked_thenA503SaysWhyAndLiveStillShowsThePaperCardWithoutAReset() {
    var books = http.get("/api/paper");
    assertThat(books.statusCode()).isEqualTo(503);
    assertThat(json.readTree(books.body()).path("detail").asString())
        .contains("tai2.market.enabled=false");
    assertThat(http.postJson("/api/paper/reset", "{\"book\":\"paper\"}").statusCode())
        .isEqualTo(503);
    assertThat(http.get("/api/paper/trades").statusCode())
        .as("the round trips are in the database")
        .isEqualTo(200);
    String live = http.get("/").body();
    assertThat(live)
        .contains("id=\"paper-card\"", "paper trading follows the market engine")
        .doesNotContain("id=\"paper-reset\"");
  }

  @Test
  void
      givenTrades_whenTheHistoryIsFilteredSortedPagedAndExported_thenTheSelectionAndTotalsAreRight() {
    Instant day = Instant.parse("2026-10-01T10:00:00Z");
    List<ExecutedTrade> mine =
        List.of(
            historyTrade(day, "ADA-USDT-SWAP", "buy", "5", null, "-0.10", "open, \"quoted\""),
            historyTrade(
                day.plusSeconds(3600),
                "ADA-USDT-SWAP",
                "sell",
                "5",
                "2.50",
                "-0.11",
                "=take profit"),
            historyTrade(
                day.plusSeconds(86_400), "ADA-USDT-SWAP", "sell", "2", "-1.25", "-0.05", "stop"));
    mine.forEach(trades::insert);

    JsonNode page =
        json.readTree(http.get("/trades?symbol=ada-usdt-swap&sort=pnl&dir=asc&size=2").body());
    assertThat(page.path("total").asLong()).isEqualTo(3);
    assertThat(page.path("realised_pnl").decimalValue()).isEqualByComparingTo("1.25");
    assertThat(page.path("fees").decimalValue()).isEqualByComparingTo("-0.26");
    assertThat(page.path("rows").size()).isEqualTo(2);
    assertThat(page.path("rows").get(0).path("pnl").decimalValue()).isEqualByComparingTo("-1.25");

    JsonNode oneDay =
        json.readTree(
            http.get("/trades?symbol=ADA-USDT-SWAP&from=2026-10-01&to=2026-10-01").body());
    assertThat(oneDay.path("total").asLong()).as("to is inclusive of its day").isEqualTo(2);
    assertThat(http.get("/trades?sort=price;drop").statusCode()).isEqualTo(400);
    assertThat(http.get("/trades?from=yesterday").body())
        .contains("from must be a date like 2026-12-04");

    HttpResponse<String> csv =
        http.get("/trades/export.csv?symbol=ADA-USDT-SWAP&side=sell&sort=time&dir=asc");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.body().split("\r\n"))
        .containsExactly(
            "executed_at,symbol,side,contracts,price,amount,fee_usdt,realised_pnl_usdt,client_order_id,reasoning",
            "2026-10-01T11:00:00Z,ADA-USDT-SWAP,sell,5,0.5,50,-0.11,2.5,,'=take profit",
            "2026-10-02T10:00:00Z,ADA-USDT-SWAP,sell,2,0.5,20,-0.05,-1.25,,stop");
    assertThat(http.get("/trades/export.csv?symbol=ADA-USDT-SWAP&side=buy").body())
        .contains(",\"open, \"\"quoted\"\"\"");

    String html = http.get("/history?symbol=ADA-USDT-SWAP").body();
    assertThat(html)
        .contains(
            "3 trades",
            "1.25 USDT",
            "id=\"csv-export\"",
            "/trades/export.csv?symbol=ADA-USDT-SWAP");
    assertThat(http.get("/history?from=soon").body())
        .as("a bad filter is said on the page")
        .contains("from must be a date like 2026-12-04");
  }

  static ExecutedTrade historyTrade(
      Instant at,
      String symbol,
      String side,
      String size,
      String pnl,
      String fee,
      String reasoning) {
    return new ExecutedTrade(
        UUID.randomUUID(),
        at,
        symbol,
        symbol,
        side,
        new BigDecimal(size),
        new BigDecimal("0.5"),
        new BigDecimal(size).multiply(BigDecimal.TEN),
        Optional.empty(),
        Optional.of(reasoning),
        Optional.ofNullable(pnl).map(BigDecimal::new),
        Optional.of(new BigDecimal(fee)));
  }

  @Test
  void givenRunningService_whenHealthIsAsked_thenItIsOk() {
    HttpResponse<String> r = http.get("/health");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(r.body());
    assertThat(body.get("status").asString()).isEqualTo("ok");
    assertThat(body.get("ws_interval").asString()).isEqualTo("180");
    assertThat(body.get("environment").asString()).isEqualTo("DEMO");
  }

  @Test
  void givenRunningService_whenActuatorHealthIsAsked_thenDatabaseAndStateStoreAreComponents() {
    HttpResponse<String> r = http.get("/actuator/health");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode components = json.readTree(r.body()).get("components");
    assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
    assertThat(components.get("redis").get("status").asString()).isEqualTo("UP");
  }

  @Test
  void givenRunningService_whenPrometheusScrapes_thenJvmAndHttpMetricsAreThere() {
    http.get("/health");
    HttpResponse<String> r = http.get("/actuator/prometheus");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count");
  }

  @Test
  void givenNoSnapshotYet_whenStateIsAsked_then503WithJsonError_andOnceStoredItIsServed() {
    HttpResponse<String> missing = http.get("/state/latest?symbol=DOGE-USDT-SWAP");
    assertThat(missing.statusCode()).isEqualTo(503);
    assertThat(missing.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).contains("json"));
    JsonNode problem = json.readTree(missing.body());
    assertThat(problem.get("title").asString()).isEqualTo("snapshot unavailable");
    assertThat(problem.get("status").asInt()).isEqualTo(503);
    assertThat(problem.get("detail").asString()).contains("DOGE-USDT-SWAP");

    store.putSnapshot("DOGE-USDT-SWAP", "{\"symbol\":\"DOGE-USDT-SWAP\",\"last\":\"0.1\"}");
    HttpResponse<String> found = http.get("/state/latest?symbol=doge-usdt-swap");
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body()).isEqualTo("{\"symbol\":\"DOGE-USDT-SWAP\",\"last\":\"0.1\"}");
  }

  @Test
  void givenMarketView_whenStateIsAsked_thenTheViewIsServed() {
    store.putMarketView("{\"symbols\":[\"BTC-USDT-SWAP\"]}");

    HttpResponse<String> r = http.get("/state/latest");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"symbols\":[\"BTC-USDT-SWAP\"]}");
  }

  @Test
  void givenTrades_whenRecentAreAsked_thenNewestComeFirstInSnakeCase() {
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    for (int i = 0; i < 3; i++) {
      trades.insert(
          new ExecutedTrade(
              UUID.randomUUID(),
              t0.plusSeconds(i),
              "BTC-USDT-SWAP",
              "BTC-USDT-SWAP",
              "buy",
              new BigDecimal("2"),
              new BigDecimal("90000.5"),
              new BigDecimal("0.02"),
              Optional.of("t" + i),
              Optional.of("reason " + i),
              Optional.empty(),
              Optional.of(new BigDecimal("-0.9"))));
    }

    HttpResponse<String> r = http.get("/trades/recent?limit=2");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode items = json.readTree(r.body()).get("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).get("client_order_id").asString()).isEqualTo("t2");
    assertThat(items.get(1).get("client_order_id").asString()).isEqualTo("t1");
    assertThat(items.get(0).get("llm_reasoning").asString()).isEqualTo("reason 2");
    assertThat(items.get(0).get("price").decimalValue()).isEqualByComparingTo("90000.5");
    assertThat(items.get(0).get("fee").decimalValue()).isEqualByComparingTo("-0.9");
    assertThat(items.get(0).get("timestamp").asString()).isEqualTo("2026-11-01T00:00:02Z");
  }

  @Test
  void givenLimitOutOfRange_whenRecentAreAsked_then400() {
    HttpResponse<String> r = http.get("/trades/recent?limit=0");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json.readTree(r.body()).get("detail").asString())
        .contains("limit must be between 1 and 1000");
  }

  @Test
  void givenRunningService_whenDocsAreOpened_thenSwaggerUiAndTheApiDescriptionAreServed() {
    HttpResponse<String> docs = http.get("/docs");
    assertThat(docs.statusCode()).isIn(200, 302);
    String location =
        docs.statusCode() == 302 ? docs.headers().firstValue("Location").orElseThrow() : "/docs";
    HttpResponse<String> ui = http.get(URI.create(http.base()).resolve(location).getPath());
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).containsIgnoringCase("swagger");

    HttpResponse<String> api = http.get("/v3/api-docs");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(json.readTree(api.body()).get("paths").propertyNames())
        .contains(
            "/health", "/state/latest", "/trades/recent", "/api/backtests", "/api/backtests/{id}");
  }

  @Test
  void givenEveryPage_whenOpened_thenItHasTheSharedHeaderBadgeAndAnHonestState() {
    Stream.of("/", "/ta", "/engine", "/history", "/debug", "/cfg", "/lab")
        .forEach(
            path -> {
              HttpResponse<String> r = http.get(path);
              assertThat(r.statusCode()).as(path).isEqualTo(200);
              assertThat(r.body())
                  .as(path)
                  .contains(
                      ">LIVE</a>",
                      ">TA</a>",
                      ">ENGINE</a>",
                      ">HISTORY</a>",
                      ">DEBUG</a>",
                      ">CFG</a>",
                      ">LAB</a>")
                  .contains(
                      "id=\"env-badge\"",
                      ">DEMO<",
                      "id=\"clock\"",
                      switch (path) {
                        case "/" -> "the market engine is off in this process";
                        case "/history" -> "no trades match";
                        case "/engine" -> "no decisions yet";
                        case "/cfg" -> "name=\"guardrails.max_leverage\"";
                        case "/debug" -> "Backend events";
                        case "/lab" -> "id=\"lab-form\"";
                        default -> "no tracked symbols"; // TA
                      })
                  .containsPattern("/webjars/htmx.org/[0-9.]+/dist/htmx.min.js");
            });
    assertThat(http.get("/live/panel").body())
        .as("the LIVE cards alone, for live refresh")
        .contains("id=\"live-panel\"")
        .doesNotContain("<header");
    assertThat(http.get("/live/equity").body())
        .as("the equity chart's samples through the page's path")
        .startsWith("{\"items\":[");
    assertThat(http.get("/ta/flow?symbol=BTC-USDT-SWAP").body())
        .as("no engine here: empty series")
        .contains("\"cvd\":[]");
    assertThat(http.get("/").body())
        .contains("/_static/echarts/", "/js/live.js", "id=\"equity-chart\"");
  }

  @Test
  void givenStaticAssets_whenRequested_thenHtmxAndEchartsComeFromMavenArtifacts() {
    assertThat(http.get("/webjars/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
    String page = http.get("/").body();
    assertThat(http.get("/css/tai2.css").statusCode()).isEqualTo(200);
    assertThat(http.get("/_static/echarts/6.0.0/dist/echarts.min.js").statusCode()).isEqualTo(200);
    assertThat(page).contains("/js/tai2.js");
  }

  @Test
  void givenBrowserConnected_whenEventsStreamOpens_thenHelloArrivesAndStateUpdatesFollow()
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(http.base() + "/events"))
            .header("Accept", "text/event-stream")
            .build();
    var lines = new LinkedBlockingQueue<String>();
    var future =
        http.client()
            .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
            .thenAccept(resp -> resp.body().forEach(lines::add));

    assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("event:hello");
    store.putMarketView("{\"symbols\":[\"ETH-USDT-SWAP\"]}");
    String line;
    boolean sawMarket = false;
    while ((line = lines.poll(10, TimeUnit.SECONDS)) != null) {
      if (line.equals("event:market")) {
        sawMarket = true;
        assertThat(lines.poll(10, TimeUnit.SECONDS))
            .isEqualTo("data:{\"symbols\":[\"ETH-USDT-SWAP\"]}");
        break;
      }
    }
    assertThat(sawMarket).isTrue();
    future.cancel(true);
  }

  @Test
  void
      givenAStateWebSocketReader_whenSnapshotsArePublished_thenItGetsTheCurrentOneThenOnlyItsSymbolsChanges()
          throws Exception {
    String symbol =
        "WS" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-USDT-SWAP";
    store.putSnapshot(symbol, "{\"symbol\":\"" + symbol + "\",\"n\":1}");
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/ws/state?symbol=" + symbol.toLowerCase()),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(
                      WebSocket socket, CharSequence data, boolean last) {
                    received.add(data.toString());
                    socket.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    try {
      JsonNode first = json.readTree(received.poll(10, TimeUnit.SECONDS));
      assertThat(first.path("type").asString()).isEqualTo("snapshot");
      assertThat(first.path("symbol").asString()).isEqualTo(symbol);
      assertThat(first.path("data").path("n").asInt()).isEqualTo(1);

      store.putSnapshot("OTHER-USDT-SWAP", "{\"n\":99}");
      store.putSnapshot(symbol, "{\"symbol\":\"" + symbol + "\",\"n\":2}");
      JsonNode next = json.readTree(received.poll(10, TimeUnit.SECONDS));
      assertThat(next.path("data").path("n").asInt()).isEqualTo(2);
      assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
    } finally {
      ws.abort();
    }
  }
}
