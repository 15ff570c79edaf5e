package io.tai2.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.PaperRepository;
import io.tai2.history.PaperTrade;
import io.tai2.history.PromptVersion;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.scheduler.PromptScheduler;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.FakeLlmStrategy;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimJournal;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.SimProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 19's acceptance run, in the service against the OKX simulator and its fake LLM: the prompt scheduler with an A/B
 * split by cycle and one shadow model. With live execution on (the simulator is a demo account) only the live arms'
 * orders reach the simulator; the shadow trades its own paper account. With live execution off the same scheduler fills
 * the dry-run paper account, whose stops and take-profits fire on live prices, and nothing is sent. The leaderboard's
 * counts equal the decision log's. The fake LLM answers every prompt from the account it shows: BUY while flat, CLOSE
 * with a position, stop 1 % and take-profit 2 % away.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=test-token",
      "DATABASE_URL=jdbc:h2:mem:abshadowpaper;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbShadowPaperAppTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String ETH = "ETH-USDT-SWAP";
  static final String SHADOW_MODEL = "anthropic/claude-3.5-haiku";
  static final String[] AUTH = {"Authorization", "Bearer test-token"};
  static final JsonMapper JSON = HttpProbe.JSON;

  static SimServer sim;
  static SimMarket market;
  static SimRestApi api;
  static FakeLlm llm;

  @LocalServerPort int port;
  @Autowired PromptScheduler scheduler;
  @Autowired PromptVersions versions;
  @Autowired PaperDesk desk;
  @Autowired PaperRepository paper;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    market = SimMarket.randomWalk(Clock.systemUTC(), 7, 3_000, 1_440);
    SimAccount key = new SimAccount("k", "s", "p", true, false);
    llm = new FakeLlm(Clock.systemUTC(), "llm-key");
    llm.strategy(
        Optional.of(
            new FakeLlmStrategy(
                FakeLlmStrategy.Kind.LONG,
                BigDecimal.ONE,
                new BigDecimal("2"),
                new BigDecimal("0.05"))));
    api = new SimRestApi(Clock.systemUTC(), market, Map.of("k", key), new BigDecimal("10000"));
    sim = new SimServer(api, market, llm, 0);
    SimProperties.okxAndLlm(registry, sim.port());
    registry.add("TRADING_PAIRS", () -> BTC + "," + ETH);
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @Test
  @Order(1)
  void
      givenAnAbSplitAndAShadow_whenTheSchedulerRunsLive_thenOnlyTheLiveArmsSendOrdersAndTheLeaderboardCountsTheLog()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    http.awaitPromptReady(ETH, AUTH);
    PromptVersion a =
        versions.save(
            "arm A",
            "You trade swaps.",
            "Decide.",
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    PromptVersion b =
        versions.save(
            "arm B",
            "You trade swaps, carefully.",
            "Decide.",
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    settings(
        http,
        """
        {"guardrails":{"min_hold_seconds":0,"max_trades_per_hour":100,"wait_for_tp_sl":false},
         "execution":{"enabled":true},
         "reasoning":{"active_version":"%s","ab_split":{"version_a":"%s","version_b":"%s","mode":"by_cycle"},
                      "shadows":[{"model":"%s","prompt_version_id":"%s"}]}}"""
            .formatted(a.id(), a.id(), b.id(), SHADOW_MODEL, b.id()));
    Instant from = Instant.now().minusSeconds(1);

    for (int tick = 0; tick < 4; tick++) {
      scheduler.tick();
    }

    Instant to = Instant.now().plusSeconds(1);
    Map<String, Long> bySource =
        count(
            "SELECT source, COUNT(*) AS n FROM decisions WHERE created_at >= ? GROUP BY source",
            from);
    assertThat(bySource)
        .as("every tick asks the live arm and the shadow for both symbols")
        .containsEntry("live", 8L)
        .containsEntry("shadow", 8L);
    assertThat(bySource).doesNotContainKey("paper");

    // The simulator saw orders of live decisions only: every client order id it received belongs to
    // a live decision.
    List<String> sent = orderIdsSent();
    assertThat(sent).as("the live arms traded").isNotEmpty();
    Set<String> liveIds = clientOrderIds("live", from);
    Set<String> shadowIds = clientOrderIds("shadow", from);
    assertThat(sent).allSatisfy(id -> assertThat(id).startsWith("t2"));
    assertThat(sent.stream().filter(id -> !id.startsWith("t2k")).toList())
        .allSatisfy(id -> assertThat(liveIds).contains(id));
    assertThat(sent).noneMatch(shadowIds::contains);

    // The shadow traded its own paper account: BUY while flat, CLOSE the next cycle.
    List<PaperTrade> shadowTrades =
        paper.trades(
            Optional.of(PaperDesk.shadowBook(new ReasoningSettings.Shadow(SHADOW_MODEL, b.id()))),
            from,
            to);
    assertThat(shadowTrades).as("two round trips per symbol over four cycles").hasSize(4);
    assertThat(shadowTrades)
        .filteredOn(PaperTrade::closed)
        .extracting(t -> t.exitReason().orElseThrow())
        .containsOnly("close");

    // The leaderboard: rows for arm A and arm B (live) and the shadow, each counting what the
    // decision log holds.
    JsonNode board =
        JSON.readTree(
            http.get(
                    "/api/evaluation/leaderboard?group_by=version&source=all&from="
                        + from
                        + "&to="
                        + to,
                    AUTH)
                .body());
    Map<String, Long> logged =
        count(
            "SELECT source || ' ' || CAST(prompt_version_id AS VARCHAR) AS k, COUNT(*) AS n FROM decisions "
                + "WHERE created_at >= ? GROUP BY source, prompt_version_id",
            from);
    assertThat(board.path("rows").size()).isEqualTo(3);
    for (JsonNode row : board.path("rows")) {
      String arm = row.path("source").asString() + " " + row.path("key").asString();
      assertThat(row.path("decisions").asLong()).as(arm).isEqualTo(logged.get(arm));
    }
    assertThat(logged).containsOnlyKeys("live " + a.id(), "live " + b.id(), "shadow " + b.id());
    assertThat(board.path("comparisons").size())
        .as("the champion A against B and against the shadow")
        .isEqualTo(2);
    assertThat(board.path("comparisons").get(0).path("verdict").asString()).isNotBlank();

    // The dataset export: one line per decision of the range, the shadow's included on request.
    String export =
        http.get("/api/decisions/export.jsonl?include_shadow=true&from=" + from + "&to=" + to, AUTH)
            .body();
    assertThat(export.lines().count()).isEqualTo(16);
    assertThat(
            http.get("/api/decisions/export.jsonl?from=" + from + "&to=" + to, AUTH)
                .body()
                .lines()
                .count())
        .isEqualTo(8);
  }

  @Test
  @Order(3)
  void givenTheDaysLlmBudgetSpent_whenTheSchedulerTicks_thenTheShadowRecordsASkipAndNothingIsAsked()
      throws Exception {
    HttpProbe http = new HttpProbe(port);
    PromptVersion v = versions.find(versions.active().version().id()).orElseThrow();
    settings(
        http,
        "{\"reasoning\":{\"daily_cost_budget_usd\":0.000001,\"shadows\":[{\"model\":\"%s\",\"prompt_version_id\":\"%s\"}]}}"
            .formatted(SHADOW_MODEL, v.id()));
    int callsBefore = llm.requests().size();
    Instant from = Instant.now();

    scheduler.tick();

    List<Map.Entry<String, String>> skipped =
        jdbc.sql(
                "SELECT source, rejection_reason FROM decisions WHERE created_at >= ? AND outcome = 'SKIPPED'")
            .param(Timestamp.from(from))
            .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
            .list();
    assertThat(skipped)
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.getKey()).isEqualTo("shadow");
              assertThat(e.getValue()).contains("LLM budget");
            });
    assertThat(llm.requests()).as("no LLM was asked, live or shadow").hasSize(callsBefore);
    settings(http, "{\"reasoning\":{\"daily_cost_budget_usd\":0,\"shadows\":[]}}");
  }

  @Test
  @Order(2)
  void
      givenLiveExecutionOff_whenTheSchedulerRuns_thenThePaperAccountFillsItsStopsAndTakesFireOnLivePricesAndNothingIsSent()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    settings(
        http,
        "{\"execution\":{\"enabled\":false},\"reasoning\":{\"ab_split\":null,\"shadows\":[]}}");
    desk.reset(PaperDesk.PAPER, new BigDecimal("5000"));
    int ordersBefore = orderIdsSent().size();
    Instant from = Instant.now();

    scheduler.tick();

    List<PaperTrade> open =
        paper.trades(Optional.of(PaperDesk.PAPER), from, Instant.now().plusSeconds(1));
    assertThat(open)
        .as("a BUY on each symbol filled in the paper account")
        .hasSize(2)
        .noneMatch(PaperTrade::closed);
    assertThat(
            count(
                "SELECT source, COUNT(*) AS n FROM decisions WHERE created_at >= ? GROUP BY source",
                from))
        .containsOnlyKeys("paper");
    PaperTrade btc = open.stream().filter(t -> t.symbol().equals(BTC)).findFirst().orElseThrow();
    PaperTrade eth = open.stream().filter(t -> t.symbol().equals(ETH)).findFirst().orElseThrow();

    // BTC falls through its stop, ETH rises through its take-profit: the paper desk sees it on the
    // live feed.
    market.setPrice(
        BTC,
        btc.stopLoss()
            .orElseThrow()
            .multiply(new BigDecimal("0.995"))
            .setScale(1, RoundingMode.DOWN));
    market.setPrice(
        ETH,
        eth.takeProfit()
            .orElseThrow()
            .multiply(new BigDecimal("1.005"))
            .setScale(2, RoundingMode.UP));
    List<PaperTrade> closed = awaitClosed(from, 2);

    PaperTrade stopped =
        closed.stream().filter(t -> t.symbol().equals(BTC)).findFirst().orElseThrow();
    PaperTrade taken =
        closed.stream().filter(t -> t.symbol().equals(ETH)).findFirst().orElseThrow();
    assertThat(stopped.exitReason()).contains("stop");
    assertThat(stopped.pnl().orElseThrow()).isNegative();
    assertThat(taken.exitReason()).contains("take");
    assertThat(taken.pnl().orElseThrow()).isPositive();
    BigDecimal expectedEquity =
        new BigDecimal("5000").add(stopped.pnl().orElseThrow()).add(taken.pnl().orElseThrow());
    assertThat(desk.paper().summary("cross").equity()).isEqualByComparingTo(expectedEquity);
    assertThat(orderIdsSent())
        .as("nothing reached the exchange")
        .hasSize(ordersBefore)
        .noneMatch(clientOrderIds("paper", from)::contains);
    assertThat(
            count(
                "SELECT source, COUNT(*) AS n FROM decisions WHERE created_at >= ? GROUP BY source",
                from))
        .as("the paper decisions' round trips are in the leaderboard's paper source")
        .containsEntry("paper", 2L);
    JsonNode board =
        JSON.readTree(
            http.get(
                    "/api/evaluation/leaderboard?group_by=model&source=paper&from="
                        + from
                        + "&to="
                        + Instant.now().plusSeconds(1),
                    AUTH)
                .body());
    assertThat(board.path("rows").get(0).path("closed_trades").asInt()).isEqualTo(2);
    assertThat(board.path("rows").get(0).path("pnl_usdt").decimalValue())
        .isEqualByComparingTo(expectedEquity.subtract(new BigDecimal("5000")));
  }

  private List<PaperTrade> awaitClosed(Instant from, int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<PaperTrade> closed = List.of();
    while (System.nanoTime() < deadline) {
      closed =
          paper.trades(Optional.of(PaperDesk.PAPER), from, Instant.now().plusSeconds(1)).stream()
              .filter(PaperTrade::closed)
              .toList();
      if (closed.size() >= n) {
        return closed;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "the paper positions did not close on the new prices within 20 s: " + closed);
  }

  private void settings(HttpProbe http, String json) throws Exception {
    HttpResponse<String> r = http.putJson("/api/settings", json, AUTH);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private Map<String, Long> count(String sql, Instant from) {
    return jdbc
        .sql(sql)
        .param(Timestamp.from(from))
        .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private Set<String> clientOrderIds(String source, Instant from) {
    return jdbc
        .sql("SELECT id FROM decisions WHERE source = ? AND created_at >= ?")
        .params(source, Timestamp.from(from))
        .query(UUID.class)
        .list()
        .stream()
        .map(id -> "t2" + id.toString().replace("-", "").substring(0, 30))
        .collect(Collectors.toSet());
  }

  /** The client order ids of every order the simulator was asked to place. */
  private static List<String> orderIdsSent() {
    return api.journal().entries().stream()
        .filter(
            e ->
                e.method().equals("POST")
                    && (e.target().equals("/api/v5/trade/order")
                        || e.target().equals("/api/v5/trade/batch-orders")))
        .map(SimJournal.Entry::body)
        .flatMap(
            body -> {
              JsonNode n = JSON.readTree(body);
              return (n.isArray() ? n.valueStream() : Stream.of(n))
                  .map(o -> o.path("clOrdId").asString(""));
            })
        .filter(id -> !id.isEmpty())
        .toList();
  }
}
