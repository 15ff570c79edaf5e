package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.execution.OrderPlan;
import io.tai2.market.AccountSnapshot;
import io.tai2.paper.PaperBook;
import io.tai2.paper.PaperDesk;
import io.tai2.reasoning.PromptText;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * In Chromium against the OKX simulator and its fake LLM: CFG's reasoning editors (A/B split from "off", shadow rows,
 * challenger, timeframe) saved through the page's Save flow, and LIVE's position chart (candles with the position's lines).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=abcfg-token",
      "TAI2_ADMIN_PASSWORD=abcfg-pass",
      "TAI2_SECRET_KEY=abcfg-test-sealing-key-0123456789",
      "DATABASE_URL=jdbc:h2:mem:browser-abcfg;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BrowserReasoningEditorsAndPositionChartTest extends BrowserTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String BEARER = "Bearer abcfg-token";
  static final String MODEL = "openai/gpt-4o-mini";
  static SimServer sim;
  static SimMarket market;

  @LocalServerPort int port;
  @Autowired PaperDesk desk;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    market = SimMarket.randomWalk(Clock.systemUTC(), 5, 3_000, 1_440);
    sim =
        new SimServer(
            new SimRestApi(
                Clock.systemUTC(),
                market,
                Map.of("k", new SimAccount("k", "s", "p", true, false)),
                new BigDecimal("10000")),
            market,
            new FakeLlm(Clock.systemUTC()),
            0);
    SimProperties.okxAndLlm(registry, sim.port());
    registry.add("TRADING_PAIRS", () -> BTC);
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  private String js(String script, Object... args) {
    Object r = ((JavascriptExecutor) driver).executeScript(script, args);
    return r == null ? "" : r.toString();
  }

  private String text(String css) {
    return js(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';",
        css);
  }

  private JsonNode reasoning(HttpProbe http) {
    return Json.parse(http.get("/api/settings", "Authorization", BEARER).body()).path("reasoning");
  }

  private void login(String page) {
    driver.get("http://127.0.0.1:" + port + page);
    wait.until(ExpectedConditions.urlContains("/login"));
    driver.findElement(By.id("password")).sendKeys("abcfg-pass");
    driver.findElement(By.id("login-submit")).click();
    driver.get("http://127.0.0.1:" + port + page);
  }

  /** Save, accept the confirmation (returned), and wait for the page's answer. */
  private String save(String expected) {
    driver.findElement(By.id("save")).click();
    String question = wait.until(ExpectedConditions.alertIsPresent()).getText();
    driver.switchTo().alert().accept();
    wait.withMessage(() -> "the page said: " + text("#save-result"))
        .until(d -> text("#save-result").startsWith(expected));
    return question;
  }

  private void noConsoleErrors() {
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .filteredOn(
            e ->
                !e.getMessage()
                    .contains(
                        "/api/settings - Failed to load resource: the server responded with a status of 400"))
        .as("browser console errors other than the refusal asked for")
        .isEmpty();
  }

  @Test
  void
      givenNoAbSplit_whenTheReasoningEditorsAreUsed_thenSplitShadowsChallengerAndTimeframeAreSavedAndRefusalsShowBesideTheField()
          throws IOException {
    HttpProbe http = new HttpProbe(port);
    PromptText d = PromptText.defaults();
    String versionB =
        Json.parse(
                http.postJson(
                        "/llm/versions",
                        Json.MAPPER.writeValueAsString(
                            Map.of(
                                "name",
                                "variant-b",
                                "system_prompt",
                                d.system(),
                                "decision_prompt",
                                d.decision() + "\nBe brief.",
                                "activate",
                                false)),
                        "Authorization",
                        BEARER)
                    .body())
            .path("id")
            .asString();
    String versionA =
        Json.parse(http.get("/llm/versions", "Authorization", BEARER).body())
            .path("active_id")
            .asString();
    assertThat(UUID.fromString(versionB)).isNotEqualTo(UUID.fromString(versionA));
    assertThat(
            reasoning(http).path("ab_split").isMissingNode()
                || reasoning(http).path("ab_split").isNull())
        .as("no split yet")
        .isTrue();

    login("/cfg");
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "CFG"));
    Select mode = new Select(driver.findElement(By.id("ab-mode")));
    Select a = new Select(driver.findElement(By.id("ab-version-a")));
    Select b = new Select(driver.findElement(By.id("ab-version-b")));
    assertThat(mode.getFirstSelectedOption().getAttribute("value")).isEqualTo("off");
    assertThat(driver.findElement(By.id("ab-version-a")).isEnabled())
        .as("off: the arms wait")
        .isFalse();
    assertThat(js("return document.querySelector(\"label[for='ab-version-b']\").textContent"))
        .startsWith("version B");

    // A = B is refused by the page itself, beside version B, without asking the server
    mode.selectByValue("BY_CYCLE");
    a.selectByValue(versionA);
    b.selectByValue(versionA);
    assertThat(text("#error-reasoning-ab_split-version_b"))
        .startsWith("version B must differ from version A");
    driver.findElement(By.id("save")).click();
    assertThat(ExpectedConditions.alertIsPresent().apply(driver))
        .as("no confirmation for a refused change")
        .isNull();
    assertThat(text("#save-result")).startsWith("version B must differ");

    b.selectByValue(versionB);
    assertThat(text("#error-reasoning-ab_split-version_b")).isEmpty();
    assertThat(save("saved: 1 change(s)"))
        .contains("reasoning.ab_split: null → ")
        .contains(versionB);
    JsonNode split = reasoning(http).path("ab_split");
    assertThat(split.path("version_a").asString()).isEqualTo(versionA);
    assertThat(split.path("version_b").asString()).isEqualTo(versionB);
    assertThat(split.path("mode").asString()).isEqualTo("BY_CYCLE");

    // shadows, by keyboard: the model list is the fake LLM's; two equal rows are refused by the
    // server beside the second row
    wait.until(d2 -> d2.findElements(By.cssSelector("#shadow-rows p.note")).size() == 1);
    wait.until(
        d2 ->
            !d2.findElements(By.id("model-picker"))
                .isEmpty()); // the endpoint's models have arrived (one request for both lists)
    driver.findElement(By.id("shadow-add")).sendKeys(Keys.ENTER);
    wait.until(
        d2 ->
            js("const e = document.getElementById('shadow-model-0'); return e ? e.tagName : '';")
                    .equals("SELECT")
                && d2.findElements(By.cssSelector("#shadow-model-0 option[value='" + MODEL + "']"))
                        .size()
                    == 1);
    assertThat(js("return document.activeElement.id"))
        .as("the new row takes the focus")
        .isEqualTo("shadow-model-0");
    new Select(driver.findElement(By.id("shadow-model-0"))).selectByValue(MODEL);
    new Select(driver.findElement(By.id("shadow-version-0"))).selectByValue(versionB);
    driver.findElement(By.id("shadow-add")).click();
    new Select(driver.findElement(By.id("shadow-model-1"))).selectByValue(MODEL);
    new Select(driver.findElement(By.id("shadow-version-1"))).selectByValue(versionB);
    save("reasoning.shadows.1: the same model and prompt version are listed twice");
    assertThat(text("#error-reasoning-shadows-1"))
        .as("beside the second row")
        .endsWith("the same model and prompt version are listed twice");
    assertThat(driver.findElement(By.id("error-reasoning-shadows-1")).isDisplayed()).isTrue();
    driver.findElements(By.cssSelector("#shadow-rows .shadow-remove")).get(1).click();
    assertThat(save("saved: 1 change(s)")).contains("reasoning.shadows: [] → ");
    JsonNode shadows = reasoning(http).path("shadows");
    assertThat(shadows.size()).isEqualTo(1);
    assertThat(shadows.get(0).path("model").asString()).isEqualTo(MODEL);
    assertThat(shadows.get(0).path("prompt_version_id").asString()).isEqualTo(versionB);

    // clear the shadow and the split; challenger and timeframe from their selects, all in one save
    driver.findElement(By.cssSelector("#shadow-rows .shadow-remove")).click();
    mode.selectByValue("off");
    new Select(driver.findElement(By.id("cfg-reasoning-challenger_version")))
        .selectByValue(versionB);
    new Select(driver.findElement(By.id("cfg-reasoning-timeframe"))).selectByValue("1H");
    assertThat(text("#changes")).isEqualTo("4 unsaved change(s)");
    save("saved: 4 change(s)");
    JsonNode after = reasoning(http);
    assertThat(after.path("shadows").size()).isZero();
    assertThat(after.path("ab_split").isMissingNode() || after.path("ab_split").isNull())
        .as("split off")
        .isTrue();
    assertThat(after.path("challenger_version").asString()).isEqualTo(versionB);
    assertThat(after.path("timeframe").asString()).isEqualTo("1H");

    // after a reload the editors show what is saved
    driver.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "CFG"));
    assertThat(
            new Select(driver.findElement(By.id("ab-mode")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("off");
    assertThat(
            new Select(driver.findElement(By.id("cfg-reasoning-challenger_version")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo(versionB);
    assertThat(
            new Select(driver.findElement(By.id("cfg-reasoning-timeframe")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("1H");
    assertThat(text("#changes")).isEqualTo("no changes");
    screenshot("cfg-reasoning-editors");
    noConsoleErrors();
  }

  /** The ECharts option of the position chart: the candle series' type and length, and its mark lines as name → value. */
  private JsonNode chart() {
    return Json.parse(
        js(
            "const c = echarts.getInstanceByDom(document.getElementById('position-chart'));"
                + " if (!c) return '{}'; const s = c.getOption().series[0];"
                + " return JSON.stringify({ type: s.type, candles: s.data.length, name: s.name,"
                + " lines: Object.fromEntries(((s.markLine || {}).data || []).map(l => [l.name, l.yAxis])) });"));
  }

  @Test
  void
      givenAnExchangeAndAPaperPosition_whenTheirRowsAreOpened_thenTheChartShowsTheCandlesWithEntryStopTakeProfitLiquidationAndMark()
          throws IOException {
    BigDecimal stop = SimOrders.openLongWithStop(sim.port(), market, BTC, "2", "chart1");
    desk.books().forEach(book -> desk.reset(book.name(), PaperBook.DEFAULT_EQUITY));
    BigDecimal last = market.last(BTC);
    BigDecimal paperStop = last.multiply(new BigDecimal("0.8")).setScale(1, RoundingMode.DOWN);
    BigDecimal paperTake = last.multiply(new BigDecimal("1.2")).setScale(1, RoundingMode.DOWN);
    desk.paper()
        .fill(
            new OrderPlan(
                UUID.randomUUID(),
                BTC,
                "buy",
                "net",
                "cross",
                "market",
                new BigDecimal("20"),
                false,
                Optional.of(paperStop),
                Optional.of(paperTake),
                BigDecimal.TEN,
                last,
                Instant.now(),
                "browser test"),
            market.instrument(BTC).orElseThrow(),
            last,
            Instant.now());
    AccountSnapshot.Position paper = desk.paper().summary("cross").positions().getFirst();

    login("/");
    String exchangeRow = "#positions tr.position-row[data-symbol='" + BTC + "']";
    String paperRow =
        "#paper-panel article[data-book='paper'] tr.position-row[data-symbol='" + BTC + "']";
    wait.withTimeout(Duration.ofSeconds(40))
        .until(d -> text(exchangeRow).contains(Fmt.num(stop)) && !text(paperRow).isEmpty());
    assertThat(driver.findElement(By.id("position-chart-card")).isDisplayed()).isFalse();

    // the paper position, by mouse: candles of its symbol with its entry, stop-loss, take-profit,
    // liquidation and mark
    js(
        "document.querySelector(arguments[0]).click();",
        paperRow); // in one call: the panel is re-rendered live, a held row goes stale
    wait.until(d -> chart().path("candles").asInt() > 0);
    JsonNode c = chart();
    assertThat(c.path("type").asString()).isEqualTo("candlestick");
    assertThat(c.path("name").asString()).isEqualTo(BTC + " 1H");
    assertThat(text("#position-chart-title")).isEqualTo(BTC + " · long · paper book paper");
    JsonNode lines = c.path("lines");
    assertThat(lines.path("entry").decimalValue()).isEqualByComparingTo(paper.avgPx());
    assertThat(lines.path("stop-loss").decimalValue()).isEqualByComparingTo(paperStop);
    assertThat(lines.path("take-profit").decimalValue()).isEqualByComparingTo(paperTake);
    assertThat(lines.path("liquidation").decimalValue()).isPositive();
    assertThat(lines.path("mark").decimalValue()).isPositive();
    assertThat(text("#position-chart-status"))
        .contains(
            "candles", "entry ", "stop-loss " + paperStop.stripTrailingZeros().toPlainString());
    screenshot("live-position-chart");

    // the exchange position, by keyboard: focus the row, Enter; its stop is OKX's, no take-profit;
    // another timeframe; close
    js("document.querySelector(arguments[0]).focus();", exchangeRow);
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    wait.until(
        d ->
            text("#position-chart-title").equals(BTC + " · long · exchange position")
                && chart().path("lines").has("stop-loss")
                && chart().path("lines").path("stop-loss").decimalValue().compareTo(stop) == 0);
    assertThat(chart().path("lines").has("take-profit")).isFalse();
    assertThat(chart().path("lines").has("entry")).isTrue();
    assertThat(js("return document.activeElement.id"))
        .as("the keyboard lands on the chart's close button")
        .isEqualTo("position-chart-close");
    new Select(driver.findElement(By.id("position-chart-timeframe"))).selectByValue("15m");
    wait.until(d -> chart().path("name").asString().equals(BTC + " 15m"));
    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    assertThat(driver.findElement(By.id("position-chart-card")).isDisplayed()).isFalse();
    assertThat(
            js(
                "return document.activeElement.matches(arguments[0]) ? 'row' : document.activeElement.tagName",
                exchangeRow))
        .isEqualTo("row");
    noConsoleErrors();
  }
}
