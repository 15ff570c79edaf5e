package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.okx.OrderDetails;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar end to end, as separate processes: {@code tai2 sim} (OKX simulator + fake LLM deriving decisions from
 * the prompt) and {@code tai2 serve} on a fresh PostgreSQL database and Redis. Market data flows for three symbols; the
 * scheduler runs a cycle for each; BUY/SELL decisions pass the guardrails and fill with their stop-loss; CLOSE decisions
 * record realised PnL; HISTORY and LIVE show it in Chromium. Then the app is killed with SIGKILL while an order is at
 * the exchange without an answer, restarted on the same database, and reconciliation must find exactly what the
 * exchange holds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class E2eIT {

  static final String BTC = "BTC-USDT-SWAP";
  static final String ETH = "ETH-USDT-SWAP";
  static final String SOL = "SOL-USDT-SWAP";
  static final List<String> SYMBOLS = List.of(BTC, ETH, SOL);
  static Stack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = new Stack("e2e");
    stack.startSim(
        "--seed",
        "11",
        "--speed",
        "5",
        "--llm-strategy",
        "alternate",
        "--llm-stop-pct",
        "4",
        "--llm-take-pct",
        "8");
    // The service runs as scripts/tai2 and the Docker image run it: in Spring AOT mode (bean
    // definitions from build
    // time); the SpringBootTests and the other process-level runs cover the plain start.
    stack.startApp(SYMBOLS, "-Dspring.aot.enabled=true");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  static JsonNode execute(String symbol) {
    return stack.apiJson("POST", "/llm/execute?symbol=" + symbol, "");
  }

  @Test
  @Order(1)
  void givenTheSimulator_whenTheAppRuns_thenFreshSnapshotsFlowForEveryTrackedSymbol()
      throws Exception {
    stack.awaitSnapshots(SYMBOLS, Duration.ofSeconds(90));

    JsonNode view = stack.apiJson("GET", "/state/latest", null);
    assertThat(view.path("symbols").toString()).contains(BTC, ETH, SOL);
    for (String symbol : SYMBOLS) {
      JsonNode snapshot = stack.apiJson("GET", "/state/latest?symbol=" + symbol, null);
      Instant generated = Instant.parse(snapshot.path("generated_at").asString());
      assertThat(Duration.between(generated, Instant.now()))
          .as("%s snapshot age", symbol)
          .isLessThan(Duration.ofSeconds(60));
      assertThat(snapshot.path("ticker").path("last").decimalValue()).isPositive();
    }
  }

  @Test
  @Order(2)
  void
      givenLiveExecution_whenTheSchedulerIsSwitchedOn_thenItRunsACycleForEverySymbolAndEachEntryFillsWithItsStop()
          throws Exception {
    stack.liveExecutionForTests(BTC);

    stack.apiJson("POST", "/scheduler/enable", "");

    Processes.await(
        "a scheduler outcome for every symbol",
        Duration.ofSeconds(90),
        stack.app,
        () -> {
          JsonNode outcomes = stack.apiJson("GET", "/scheduler", null).path("outcomes");
          return SYMBOLS.stream()
              .allMatch(
                  s ->
                      outcomes
                          .valueStream()
                          .anyMatch(
                              o ->
                                  o.path("symbol").asString().equals(s)
                                      && o.path("outcome").asString().equals("ran")));
        });
    stack.apiJson("POST", "/scheduler/disable", "");
    List<Map<String, Object>> decisions =
        stack.query(
            "select symbol, decision, snapshot_price, guardrail_verdict, execution_status from decisions");
    assertThat(decisions)
        .as("one decision per symbol from the tick")
        .hasSize(3)
        .allSatisfy(
            d -> {
              JsonNode decision = Stack.JSON.readTree(d.get("decision").toString());
              BigDecimal price = (BigDecimal) d.get("snapshot_price");
              BigDecimal sl = decision.path("stop_loss").decimalValue();
              BigDecimal tp = decision.path("take_profit").decimalValue();
              assertThat(decision.path("action").asString()).as("%s", d).isIn("BUY", "SELL");
              if (decision.path("action").asString().equals("BUY")) {
                assertThat(sl).as("BUY stop below the price %s", d).isLessThan(price);
                assertThat(tp).as("BUY target above the price %s", d).isGreaterThan(price);
              } else {
                assertThat(sl).as("SELL stop above the price %s", d).isGreaterThan(price);
                assertThat(tp).as("SELL target below the price %s", d).isLessThan(price);
              }
              assertThat(
                      Stack.JSON
                          .readTree(d.get("guardrail_verdict").toString())
                          .path("verdict")
                          .asString())
                  .as("%s", d)
                  .isEqualToIgnoringCase("approved");
              assertThat((String) d.get("execution_status")).startsWith("filled");
            });
    List<Map<String, Object>> orders =
        stack.query(
            "select client_order_id, symbol, side, status, stop_loss from orders order by created_at");
    assertThat(orders)
        .hasSize(3)
        .allSatisfy(
            o -> {
              assertThat(o.get("status")).isEqualTo("FILLED");
              assertThat(o.get("stop_loss")).isNotNull();
            });
    assertThat(orders.stream().map(o -> o.get("symbol")).toList())
        .containsExactlyInAnyOrderElementsOf(SYMBOLS);
    assertThat(
            stack.okx().positions(Optional.empty()).stream()
                .filter(p -> p.pos().signum() != 0)
                .map(p -> p.instId())
                .toList())
        .containsExactlyInAnyOrderElementsOf(SYMBOLS);
    ExchangeAudit.verify(stack);
  }

  @Test
  @Order(3)
  void givenOpenPositions_whenTheLlmClosesThemAndOpensAgain_thenTradesWithRealisedPnlAreRecorded()
      throws Exception {
    for (String symbol : SYMBOLS) {
      awaitAccountShows(symbol, true);
      JsonNode close = execute(symbol);
      assertThat(close.path("execution").path("kind").asString())
          .as(close.toString())
          .isEqualTo("filled");
      assertThat(close.path("execution").path("guardrail_verdict").path("verdict").asString())
          .isEqualToIgnoringCase("approved");
    }
    for (String symbol : List.of(ETH, SOL)) { // BTC stays flat for the crash test
      awaitAccountShows(symbol, false);
      JsonNode entry = execute(symbol);
      assertThat(entry.path("execution").path("kind").asString())
          .as(entry.toString())
          .isEqualTo("filled");
      JsonNode plan = entry.path("execution").path("guardrail_verdict").path("plan");
      assertThat(plan.path("side").asString())
          .as("the second entry of the alternate strategy is a SELL: %s", plan)
          .isEqualTo("sell");
    }

    JsonNode trades = stack.apiJson("GET", "/trades?size=50", null);
    assertThat(trades.path("total").asLong()).isEqualTo(8);
    List<JsonNode> withPnl =
        trades
            .path("rows")
            .valueStream()
            .filter(t -> !t.path("pnl").isNull() && !t.path("pnl").isMissingNode())
            .toList();
    assertThat(withPnl).as("the three closes carry realised PnL: %s", trades).hasSize(3);
    assertThat(trades.path("realised_pnl").decimalValue())
        .isEqualByComparingTo(
            withPnl.stream()
                .map(t -> t.path("pnl").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add));
    assertThat(trades.path("rows").valueStream().map(t -> t.path("fee").decimalValue().abs()))
        .allSatisfy(f -> assertThat(f).isPositive());
    ExchangeAudit.verify(stack);
  }

  @Test
  @Order(4)
  void
      givenTheTrades_whenHistoryAndLiveAreOpenInChromium_thenTheRowsAndThePositionsWithTheirStopsShow()
          throws Exception {
    Map<String, BigDecimal> stops = new HashMap<>();
    stack
        .okx()
        .pendingAlgos()
        .forEach(a -> a.stopLossTrigger().ifPresent(sl -> stops.put(a.instId(), sl)));
    assertThat(stops).containsKeys(ETH, SOL);
    try (Browser browser = new Browser()) {
      browser.driver.get(stack.appUrl("/history"));
      browser.wait.until(d -> browser.count("#history-table tbody tr[data-symbol]") == 8);
      assertThat(browser.text("#history-table")).contains(BTC, ETH, SOL);
      browser.screenshot("e2e-history");

      browser.driver.get(stack.appUrl("/"));
      for (String symbol : List.of(ETH, SOL)) {
        String row = "#positions tr[data-symbol='" + symbol + "']";
        browser.wait.until(
            d ->
                browser
                    .text(row)
                    .replace(",", "")
                    .contains(stops.get(symbol).stripTrailingZeros().toPlainString()));
        assertThat(browser.text(row)).contains("short");
      }
      assertThat(browser.count("#positions tr[data-symbol='" + BTC + "']"))
          .as("BTC is flat")
          .isZero();
      browser.screenshot("e2e-live");
    }
  }

  @Test
  @Order(5)
  void
      givenAnOrderAtTheExchangeWithoutAnAnswer_whenTheAppIsKilledAndRestarted_thenReconciliationRecordsExactlyWhatTheExchangeHolds()
          throws Exception {
    awaitAccountShows(BTC, false);
    int ordersBefore =
        (int)
            stack.journal().stream()
                .filter(e -> e.path("target").asString().equals("/api/v5/trade/order"))
                .count();
    stack.control(
        "POST",
        "/__sim/faults",
        "{\"method\":\"POST\",\"path\":\"/api/v5/trade/order\",\"kind\":\"DELAY\",\"delay_ms\":120000,\"count\":1}");

    CompletableFuture<HttpResponse<String>> hanging =
        CompletableFuture.supplyAsync(() -> stack.api("POST", "/llm/execute?symbol=" + BTC, ""));
    Processes.await(
        "the order reaches the exchange",
        Duration.ofSeconds(60),
        stack.app,
        () ->
            stack.journal().stream()
                    .filter(e -> e.path("target").asString().equals("/api/v5/trade/order"))
                    .count()
                > ordersBefore);
    JsonNode inFlight =
        stack.journal().stream()
            .filter(e -> e.path("target").asString().equals("/api/v5/trade/order"))
            .toList()
            .getLast();
    String clOrdId =
        Stack.JSON.readTree(inFlight.path("body").asString()).path("clOrdId").asString();
    assertThat(stack.query("select status from orders where client_order_id = '" + clOrdId + "'"))
        .as("the order was stored before it was sent and has no answer yet")
        .singleElement()
        .satisfies(r -> assertThat(r.get("status")).isEqualTo("SENT"));

    Processes.killHard(stack.app);
    assertThat(hanging.handle((r, e) -> e != null || r.statusCode() >= 500).get())
        .as("the cycle died with the app")
        .isTrue();
    Optional<OrderDetails> atExchange = stack.okx().order(BTC, clOrdId);
    assertThat(atExchange)
        .as("the exchange filled it")
        .hasValueSatisfying(o -> assertThat(o.isFilled()).isTrue());

    stack.startApp(SYMBOLS, "-Dspring.aot.enabled=true");

    Processes.await(
        "reconciliation settles the in-flight order",
        Duration.ofSeconds(90),
        stack.app,
        () ->
            stack
                .query("select status from orders where client_order_id = '" + clOrdId + "'")
                .getFirst()
                .get("status")
                .equals("FILLED"));
    assertThat(
            stack.query(
                "select size, price from executed_trades where client_order_id = '"
                    + clOrdId
                    + "'"))
        .singleElement()
        .satisfies(
            t -> {
              assertThat((BigDecimal) t.get("size"))
                  .isEqualByComparingTo(atExchange.get().accFillSz());
              assertThat((BigDecimal) t.get("price"))
                  .isEqualByComparingTo(atExchange.get().avgPx().orElseThrow());
            });
    // the reconciler marks the order FILLED first and writes its feedback just after: wait for it,
    // don't race it
    Processes.await(
        "reconciliation reports the settled order in the execution feedback",
        Duration.ofSeconds(30),
        stack.app,
        () -> stack.apiJson("GET", "/execution/feedback", null).toString().contains(clOrdId));
    ExchangeAudit.Counts counts = ExchangeAudit.verify(stack);
    assertThat(counts.orderRequests()).isEqualTo(9);
    assertThat(counts.filled()).isEqualTo(9);
    assertThat(counts.openPositions()).isEqualTo(3);
  }

  /** Waits until the app's account view (what the prompt shows) has, or no longer has, a position on the symbol. */
  static void awaitAccountShows(String symbol, boolean open) throws InterruptedException {
    Processes.await(
        symbol + (open ? " open" : " flat") + " in the prompt",
        Duration.ofSeconds(40),
        stack.app,
        () -> {
          JsonNode prompt = stack.apiJson("GET", "/llm/prompt?symbol=" + symbol, null);
          boolean has =
              prompt
                  .path("context")
                  .path("positions")
                  .valueStream()
                  .anyMatch(p -> p.path("symbol").asString().equals(symbol));
          return has == open;
        });
  }
}
