package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.tai2.execution.OrderPlan;
import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.TradeRepository;
import io.tai2.lab.BacktestRunner;
import io.tai2.lab.FakeBacktestRunner;
import io.tai2.paper.PaperBook;
import io.tai2.paper.PaperDesk;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.SimOrders;
import io.tai2.testsupport.SimProperties;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deque's axe-core rules (WCAG 2 A/AA and best practices) on the six pages and LAB in Chromium, each with data on it:
 * an exchange position with its stop, paper and shadow books, executed trades and a paper round trip, logged decisions,
 * an execution alert, a finished backtest, and the pages' opened states (the position chart, a decision's detail, the
 * guardrails preview, two backtests compared with a trade's decision). No violation of impact serious or critical may
 * remain; the failure lists each with its rule, impact, elements and help page.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "DATABASE_URL=jdbc:h2:mem:browser-a11y;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
@Import(AccessibilityBrowserTest.Backtests.class)
class AccessibilityBrowserTest extends BrowserTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final Set<String> BLOCKING = Set.of("serious", "critical");
  static SimServer sim;
  static SimMarket market;
  static FakeLlm llm;

  @TestConfiguration
  static class Backtests {
    @Bean
    @Primary // over the real engine: a plausible report with trades and their decisions, at once
    BacktestRunner fakeBacktestRunner() {
      return new FakeBacktestRunner(2, Duration.ofMillis(10));
    }
  }

  @LocalServerPort int port;
  @Autowired TradeRepository trades;
  @Autowired ExecutionFeedbackRepository feedback;
  @Autowired PaperDesk desk;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    market = SimMarket.randomWalk(Clock.systemUTC(), 11, 3_000, 1_440);
    llm = new FakeLlm(Clock.systemUTC(), "llm-key");
    sim =
        new SimServer(
            new SimRestApi(
                Clock.systemUTC(),
                market,
                Map.of("k", new SimAccount("k", "s", "p", true, false)),
                new BigDecimal("10000")),
            market,
            llm,
            0);
    SimProperties.okxAndLlm(registry, sim.port());
    registry.add("TRADING_PAIRS", () -> BTC);
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private String text(String css) {
    Object r =
        js(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';",
            css);
    return r == null ? "" : r.toString();
  }

  @Test
  void givenEveryPageWithData_whenAxeCoreChecksIt_thenNoSeriousOrCriticalViolationRemains()
      throws Exception {
    HttpProbe http = new HttpProbe(port);
    seed(http);
    List<String> found = new ArrayList<>();

    driver.get("http://127.0.0.1:" + port + "/");
    String position = "#positions tr[data-symbol='" + BTC + "']";
    wait.withTimeout(Duration.ofSeconds(40))
        .until(d -> !text(position).isEmpty() && !text("#paper-panel .paper-positions").isEmpty());
    wait.until(d -> !text("#credits-notes").equals("loading…"));
    driver.findElement(By.cssSelector(position)).click();
    wait.withTimeout(Duration.ofSeconds(20))
        .until(d -> text("#position-chart-status").matches("\\d+ candles.*"));
    found.addAll(audit("LIVE"));

    driver.get("http://127.0.0.1:" + port + "/ta?symbol=" + BTC + "&timeframe=1H");
    wait.withTimeout(Duration.ofSeconds(30))
        .until(d -> text("#chart-status").matches("\\d+ candles.*"));
    driver.findElement(By.id("gp-run")).click();
    wait.until(
        d -> !text("#gp-status").isEmpty() && !text("#gp-status").equals("asking the guardrails…"));
    found.addAll(audit("TA"));

    driver.get("http://127.0.0.1:" + port + "/engine");
    wait.until(d -> !driver.findElements(By.cssSelector("#decisions tbody tr")).isEmpty());
    driver.findElement(By.cssSelector("#decisions tbody tr")).click();
    wait.until(d -> !text("#detail-verdict").isEmpty());
    found.addAll(audit("ENGINE"));

    driver.get("http://127.0.0.1:" + port + "/history");
    wait.until(
        d -> text("#trade-count").matches("[1-9]\\d* trades") && !text("#paper-trades").isEmpty());
    found.addAll(audit("HISTORY"));

    driver.get("http://127.0.0.1:" + port + "/debug");
    wait.until(d -> d.findElement(By.id("stream-light")).getAttribute("class").contains("up"));
    wait.withTimeout(Duration.ofSeconds(20))
        .until(
            d ->
                !driver.findElements(By.cssSelector("#stream li")).isEmpty()
                    && !driver.findElements(By.cssSelector("#backend li")).isEmpty());
    found.addAll(audit("DEBUG"));

    driver.get("http://127.0.0.1:" + port + "/cfg");
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "CFG"));
    wait.withTimeout(Duration.ofSeconds(20)).until(d -> !text("#prompt-preview").isEmpty());
    found.addAll(audit("CFG"));

    driver.get("http://127.0.0.1:" + port + "/lab");
    wait.until(
        d ->
            driver
                    .findElements(
                        By.cssSelector("#lab-runs tbody tr[data-status=done] input.compare"))
                    .size()
                == 2);
    for (int i = 0; i < 2; i++) {
      driver
          .findElements(By.cssSelector("#lab-runs tbody tr[data-status=done] input.compare"))
          .get(i)
          .click();
    }
    wait.until(d -> d.findElements(By.cssSelector("#lab-metrics thead th")).size() == 3);
    wait.until(
        d -> { // the trades table is drawn again once both reports are in: click a row that stays
          try {
            d.findElements(By.cssSelector("#lab-trades tbody tr.clickable")).getFirst().click();
            return true;
          } catch (StaleElementReferenceException | NoSuchElementException e) {
            return false;
          }
        });
    wait.until(d -> !text("#decision-detail #detail-verdict").isEmpty());
    wait.withTimeout(Duration.ofSeconds(20))
        .until(d -> !text("#leaderboard tbody").isEmpty() || !text("#leaderboard-empty").isEmpty());
    found.addAll(audit("LAB"));

    assertThat(found)
        .as("axe-core violations of impact serious or critical:%n%s", String.join("\n", found))
        .isEmpty();
  }

  /** The page's serious and critical violations, one line each: page, rule, impact, the elements and the rule's help page. */
  private List<String> audit(String page) throws IOException {
    screenshot("a11y-" + page.toLowerCase());
    Results results = new AxeBuilder().analyze(driver);
    assertThat(results.isErrored())
        .as("axe-core ran on %s: %s", page, results.getErrorMessage())
        .isFalse();
    assertThat(results.getPasses()).as("axe-core checked %s", page).isNotEmpty();
    List<String> lines = new ArrayList<>();
    for (Rule rule : results.getViolations()) {
      if (BLOCKING.contains(rule.getImpact())) {
        String targets =
            rule.getNodes().stream()
                .map(CheckedNode::getTarget)
                .map(String::valueOf)
                .limit(12)
                .collect(Collectors.joining(", "));
        lines.add(
            page
                + ": "
                + rule.getId()
                + " ("
                + rule.getImpact()
                + ", "
                + rule.getNodes().size()
                + " element(s)) "
                + rule.getHelp()
                + " — "
                + targets
                + " — "
                + rule.getHelpUrl());
      }
    }
    return lines;
  }

  /** Everything the pages show with data: positions, paper books, trades, decisions, an alert and two backtests. */
  private void seed(HttpProbe http) throws InterruptedException {
    http.awaitPromptReady(BTC);
    SimOrders.openLongWithStop(sim.port(), market, BTC, "3", "a11y1");

    paperBuy(desk.paper(), "20");
    desk.reset(PaperDesk.PAPER, PaperBook.DEFAULT_EQUITY); // a closed round trip for HISTORY
    paperBuy(desk.paper(), "20");
    paperBuy(
        desk.shadow(
            new ReasoningSettings.Shadow(
                "anthropic/claude-haiku", UUID.fromString("22222222-2222-4222-8222-222222222222"))),
        "5");

    Instant t0 = Instant.now().minusSeconds(3_600);
    trades.insert(WebApiTest.historyTrade(t0, BTC, "buy", "3", null, "-0.02", "entry"));
    trades.insert(
        WebApiTest.historyTrade(
            t0.plusSeconds(600), BTC, "sell", "3", "-1.40", "-0.02", "stopped"));
    feedback.insert(
        new ExecutionFeedback(
            UUID.randomUUID(),
            Instant.now(),
            BTC,
            "margin",
            "51008 insufficient margin",
            Optional.of("{\"message\":\"reduce the size or add margin\"}"),
            Optional.empty()));

    llm.enqueueReply(
        "{\"action\":\"HOLD\",\"confidence\":0.41,\"equity_pct\":null,\"position_size\":null,\"risk_score\":0.5,\"stop_loss\":null,"
            + "\"take_profit\":null,\"rationale\":\"range-bound, no edge\",\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}");
    assertThat(http.postJson("/llm/execute?symbol=" + BTC, "").statusCode()).isEqualTo(200);

    for (String decider : List.of("fake:long", "fake:short")) {
      assertThat(
              http.postJson(
                      "/api/backtests",
                      "{\"symbols\":[\""
                          + BTC
                          + "\"],\"from\":\"2026-11-01\",\"to\":\"2026-11-03\",\"every\":\"15m\","
                          + "\"decider\":\""
                          + decider
                          + "\"}")
                  .statusCode())
          .isEqualTo(202);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (HttpProbe.JSON
            .readTree(http.get("/api/backtests").body())
            .valueStream()
            .filter(r -> r.path("status").asString().equals("done"))
            .count()
        < 2) {
      assertThat(System.nanoTime()).as("both backtests done within 30 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** A market order in a paper book as an approved plan fills it, with a stop and a take-profit 20 % away. */
  private void paperBuy(PaperBook book, String contracts) {
    BigDecimal last = market.last(BTC);
    OrderPlan plan =
        new OrderPlan(
            UUID.randomUUID(),
            BTC,
            "buy",
            "net",
            "cross",
            "market",
            new BigDecimal(contracts),
            false,
            Optional.of(last.multiply(new BigDecimal("0.8")).setScale(1, RoundingMode.DOWN)),
            Optional.of(last.multiply(new BigDecimal("1.2")).setScale(1, RoundingMode.DOWN)),
            BigDecimal.TEN,
            last,
            Instant.now(),
            "a11y test");
    book.fill(plan, market.instrument(BTC).orElseThrow(), last, Instant.now());
  }
}
