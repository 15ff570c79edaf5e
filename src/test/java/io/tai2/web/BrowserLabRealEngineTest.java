package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.CandleRepository;
import io.tai2.lab.CandleImport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The LAB page in Chromium on the service's real engine: freqtrade's UNITTEST/BTC one-minute file imported into the
 * candle store as BTC-USDT-SWAP, two runs started from the form (fake:alternate and heuristic, a decision every 15
 * minutes), both compared — two equity curves each with its buy-and-hold, the metrics side by side with the reports'
 * trade counts — and a trade opened to its entry decision with the guardrails' checks.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "TRADING_PAIRS=BTC-USDT-SWAP,ETH-USDT-SWAP",
      "DATABASE_URL=jdbc:h2:mem:browser-lab-real;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BrowserLabRealEngineTest extends BrowserTest {

  private static final Path CANDLES = Path.of("src/test/resources/data/unittest-btc-1m.json");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired CandleRepository candles;

  @BeforeEach
  void importCandles() {
    assertThat(CandleImport.importFile(candles, "BTC-USDT-SWAP", CANDLES)).isEqualTo(13_681);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private String text(String css) {
    Object r =
        js(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';",
            css);
    return r == null ? "" : r.toString();
  }

  /** Starts a run of {@code decider} on BTC-USDT-SWAP, 6–13 November 2017, and waits for it to finish; returns its id. */
  private String runToTheEnd(String decider) {
    new Select(driver.findElement(By.id("lab-symbols"))).deselectAll();
    new Select(driver.findElement(By.id("lab-symbols"))).selectByValue("BTC-USDT-SWAP");
    // a date input takes keys in the browser's locale; its value is ISO whatever the locale
    js(
        "document.getElementById('lab-from').value = '2017-11-06'; document.getElementById('lab-to').value = '2017-11-13';");
    new Select(driver.findElement(By.id("lab-every"))).selectByValue("15m");
    new Select(driver.findElement(By.id("lab-decider"))).selectByValue(decider);
    String before = text("#lab-message");
    driver.findElement(By.id("lab-run")).click();
    wait.until(
        d ->
            text("#lab-message").matches("backtest [0-9a-f]{8} queued")
                && !text("#lab-message").equals(before));
    String shortId = text("#lab-message").substring("backtest ".length(), "backtest ".length() + 8);
    new WebDriverWait(driver, Duration.ofSeconds(120))
        .until(
            d ->
                "done".equals(js("return document.getElementById('lab-progress').dataset.status;"))
                    || "failed"
                        .equals(
                            js("return document.getElementById('lab-progress').dataset.status;")));
    assertThat(text("#lab-progress-text")).as("the run of %s", decider).startsWith("done · 100 %");
    wait.until(
        d ->
            d.findElements(By.cssSelector("#lab-runs tbody tr[data-status=done]")).stream()
                .anyMatch(tr -> tr.getAttribute("data-id").startsWith(shortId)));
    return driver.findElements(By.cssSelector("#lab-runs tbody tr[data-status=done]")).stream()
        .map(tr -> tr.getAttribute("data-id"))
        .filter(id -> id.startsWith(shortId))
        .findFirst()
        .orElseThrow();
  }

  private JsonNode run(String id) throws Exception {
    var http = HttpClient.newHttpClient();
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/backtests/" + id))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void
      givenImportedBtcBars_whenTwoRealBacktestsRunAndAreCompared_thenBothAreDrawnWithTheirTradesAndDecisions()
          throws Exception {
    driver.get("http://127.0.0.1:" + port + "/lab");
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "LAB"));
    assertThat(driver.findElements(By.id("lab-no-engine")))
        .as("the service has its engine")
        .isEmpty();

    String alternate = runToTheEnd("fake:alternate");
    String heuristic = runToTheEnd("heuristic");

    JsonNode alternateRun = run(alternate);
    JsonNode heuristicRun = run(heuristic);
    long alternateTrades = alternateRun.get("report").get("metrics").get("trades").asLong();
    long heuristicTrades = heuristicRun.get("report").get("metrics").get("trades").asLong();
    assertThat(alternateTrades)
        .as("the alternating fake trades through a week of bars")
        .isGreaterThan(10);
    assertThat(heuristicRun.get("report").get("decisions").size())
        .as("a decision every 15 minutes of 8 days")
        .isGreaterThan(700);

    for (String id : List.of(alternate, heuristic)) {
      WebElement box =
          driver.findElement(
              By.cssSelector("#lab-runs tbody tr[data-id='" + id + "'] input.compare"));
      box.click();
    }
    wait.until(d -> d.findElements(By.cssSelector("#lab-metrics thead th")).size() == 3);

    List<String> columns =
        driver.findElements(By.cssSelector("#lab-metrics thead th")).stream()
            .map(e -> e.getDomAttribute("data-id"))
            .toList();
    assertThat(columns.subList(1, 3)).containsExactlyInAnyOrder(alternate, heuristic);
    Map<String, String> tradesShown = new HashMap<>();
    WebElement tradesRow =
        driver.findElements(By.cssSelector("#lab-metrics tbody tr")).stream()
            .filter(tr -> tr.findElements(By.tagName("td")).getFirst().getText().equals("Trades"))
            .findFirst()
            .orElseThrow();
    List<WebElement> cells = tradesRow.findElements(By.tagName("td"));
    assertThat(cells).hasSize(3);
    tradesShown.put(columns.get(1), cells.get(1).getText());
    tradesShown.put(columns.get(2), cells.get(2).getText());
    assertThat(tradesShown)
        .containsEntry(alternate, Long.toString(alternateTrades))
        .containsEntry(heuristic, Long.toString(heuristicTrades));

    Object equity =
        js(
            "const o = echarts.getInstanceByDom(document.getElementById('chart-equity')).getOption();"
                + "return o.series.map(s => s.name + '=' + s.data.length);");
    List<String> series =
        new ArrayList<>(((List<?>) equity).stream().map(String::valueOf).toList());
    assertThat(series).hasSize(4);
    int alternatePoints = alternateRun.get("report").get("equity_curve").size();
    assertThat(series.stream().filter(s -> !s.contains("buy & hold")))
        .as("two equity curves")
        .hasSize(2)
        .anyMatch(s -> s.startsWith("fake:alternate") && s.endsWith("=" + alternatePoints))
        .anyMatch(s -> s.startsWith("heuristic"));
    assertThat(series.stream().filter(s -> s.contains("buy & hold")))
        .as("each with its buy-and-hold")
        .hasSize(2)
        .allMatch(s -> !s.endsWith("=0"));
    Object drawdowns =
        js(
            "const o = echarts.getInstanceByDom(document.getElementById('chart-drawdown')).getOption();"
                + "return o.series.map(s => Math.min(...s.data.map(p => p[1])));");
    assertThat((List<?>) drawdowns).hasSize(2).allMatch(v -> ((Number) v).doubleValue() <= 0);
    js("document.getElementById('lab-compare').scrollIntoView();");
    screenshot("lab-real-charts");

    new Select(driver.findElement(By.id("lab-trades-run"))).selectByValue(alternate);
    wait.until(
        d ->
            d.findElements(By.cssSelector("#lab-trades tbody tr.clickable")).size()
                == alternateTrades);
    JsonNode firstTrade = alternateRun.get("report").get("trades").get(0);
    driver.findElements(By.cssSelector("#lab-trades tbody tr.clickable")).getFirst().click();
    wait.until(d -> !text("#decision-detail #detail-verdict").isEmpty());
    assertThat(text("#decision-detail #detail-verdict")).startsWith("approved");
    assertThat(text("#decision-detail table.checks"))
        .contains("size_budget", "position_cap", "stop_loss");
    assertThat(text("#decision-detail"))
        .as("the entry of the first trade")
        .contains(
            firstTrade.get("side").asString().equals("long")
                ? "\"action\":\"BUY\""
                : "\"action\":\"SELL\"")
        .contains(firstTrade.get("side").asString() + " ", " ct at ");
    js("document.getElementById('decision-detail').scrollIntoView();");
    screenshot("lab-real-decision");
    assertNoContentSecurityPolicyViolation();
  }
}
