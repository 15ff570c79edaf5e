package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.execution.OrderPlan;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.paper.PaperBook;
import io.tai2.paper.PaperDesk;
import io.tai2.reasoning.ReasoningSettings;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The LIVE page in Chromium against the service on the OKX simulator: account, position with its stop, tickers moving live. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "DATABASE_URL=jdbc:h2:mem:browser-live;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BrowserLiveTest extends BrowserTest {

  static final String BTC = "BTC-USDT-SWAP";
  static SimServer sim;
  static SimMarket market;

  @LocalServerPort int port;
  @Autowired RiskLockRepository locks;
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
            0);
    SimProperties.okx(registry, sim.port());
    registry.add("TRADING_PAIRS", () -> BTC + ",ETH-USDT-SWAP");
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  /** The element's text read in one script call (the panel is re-rendered live, so a held element goes stale); "" when absent. */
  private String text(String css) {
    return js(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';", css);
  }

  private String js(String script, Object... args) {
    Object result = ((JavascriptExecutor) driver).executeScript(script, args);
    return result == null ? "" : result.toString();
  }

  @Test
  void
      givenTheSimulator_whenTheLivePageIsOpen_thenAccountPositionAndTickersShowPricesMoveWithoutReloadAndALockCanBeReset()
          throws IOException {
    BigDecimal stop = SimOrders.openLongWithStop(sim.port(), market, BTC, "3", "live1");

    driver.get("http://127.0.0.1:" + port + "/");
    ((JavascriptExecutor) driver).executeScript("window.__sameDocument = true;");

    String position = "#positions tr[data-symbol='" + BTC + "']";
    wait.withTimeout(Duration.ofSeconds(40)).until(d -> text(position).contains(Fmt.num(stop)));
    assertThat(text(position)).contains("long", "3 ct", "0.03 BTC", Fmt.num(stop), "10×");
    assertThat(text("#equity")).endsWith(" USDT");
    assertThat(text("#env-badge")).isEqualTo("DEMO");
    wait.until(
        d ->
            js("const e = document.getElementById('light-okx-ws-public'); return e ? e.className : '';")
                .contains("up"));

    String btcLast = "#tickers tr[data-symbol='" + BTC + "'] .last";
    wait.until(d -> !text(btcLast).isEmpty() && !text(btcLast).equals("loading…"));
    String before = text(btcLast);
    market.setPrice(
        BTC, market.last(BTC).multiply(new BigDecimal("1.01")).setScale(1, RoundingMode.DOWN));
    wait.until(d -> !text(btcLast).equals(before));
    assertThat(js("return String(window.__sameDocument === true);"))
        .as("updated without a reload")
        .isEqualTo("true");
    screenshot("live-simulator");

    driver.manage().window().setSize(new Dimension(390, 844)); // a phone
    assertThat(js("return String(document.getElementById('positions-card').offsetWidth > 0);"))
        .isEqualTo("true");
    screenshot("live-phone");

    driver.manage().window().setSize(new Dimension(1280, 800));
    Instant now = Instant.now();
    locks.save(
        new RiskLock(
            RiskLock.DAILY_LOSS,
            true,
            Optional.of(new BigDecimal("10500")),
            Optional.of(now),
            Optional.of(now),
            Optional.of("equity 4.8 % below 10,500 USDT"),
            now));
    wait.until(d -> text("#risk-state").startsWith("LOCKED"));
    screenshot("live-locked");
    clickWhenRendered("reset-lock");
    wait.until(ExpectedConditions.alertIsPresent()).accept(); // "Reset the daily-loss lock? …"
    wait.until(d -> text("#risk-state").equals("unlocked"));
    assertThat(locks.find(RiskLock.DAILY_LOSS).orElseThrow().locked()).isFalse();

    // the kill switch from the page: engaged with a confirmation (resting orders canceled, the
    // position keeps its stop), then released
    clickWhenRendered("kill");
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(d -> text("#live-result").startsWith("Kill switch engaged."));
    wait.until(d -> text("#kill-switch").startsWith("Kill switch engaged"));
    assertThat(locks.find(RiskLock.KILL_SWITCH).orElseThrow().locked()).isTrue();
    assertThat(text(position)).as("not flattened").contains("long", "3 ct");
    clickWhenRendered("kill-release");
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(d -> text("#kill-switch").isEmpty() && !text("#kill").isEmpty());
    assertThat(locks.find(RiskLock.KILL_SWITCH).orElseThrow().locked()).isFalse();

    List<LogEntry> errors =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertThat(errors).as("browser console errors").isEmpty();
  }

  @Test
  void
      givenTheSimulator_whenTheTaPageIsOpen_thenThePriceMovesWithoutReloadAndFundingAndOpenInterestAreCharted()
          throws IOException {
    driver.get("http://127.0.0.1:" + port + "/ta?symbol=" + BTC + "&timeframe=15m");
    ((JavascriptExecutor) driver).executeScript("window.__sameDocument = true;");
    wait.withTimeout(Duration.ofSeconds(40))
        .until(d -> text("#chart-status").matches("\\d+ candles.*"));
    wait.until(d -> !text("#ta-last").isEmpty() && !text("#ta-last").equals("–"));
    String before = text("#ta-last");
    market.setPrice(
        BTC, market.last(BTC).multiply(new BigDecimal("0.99")).setScale(1, RoundingMode.DOWN));
    wait.until(d -> !text("#ta-last").equals(before));
    assertThat(js("return String(window.__sameDocument === true);"))
        .as("updated without a reload")
        .isEqualTo("true");

    var flow = Json.parse(new HttpProbe(port).get("/ta/flow?symbol=" + BTC).body());
    assertThat(flow.path("funding_pct").size()).as("funding by minute").isPositive();
    assertThat(flow.path("open_interest_contracts").size())
        .as("open interest by minute")
        .isPositive();
    assertThat(flow.path("open_interest_contracts").get(0).get(1).decimalValue()).isPositive();
    assertThat(js("return String(document.querySelector('#chart-flow canvas') !== null);"))
        .isEqualTo("true");
    screenshot("ta-live");

    // DEBUG shows the market data arriving (a row per symbol at most every 5 s) beside the log
    // lines
    driver.get("http://127.0.0.1:" + port + "/debug");
    wait.withTimeout(Duration.ofSeconds(20))
        .until(d -> text("#backend").contains("market " + BTC + " last "));
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .as("browser console errors")
        .isEmpty();
  }

  @Test
  void givenTheSimulator_whenAnyOtherPageIsOpen_thenTheHeaderPricesMoveWithoutReload()
      throws IOException {
    String btc = "#ticker-strip li[data-symbol='" + BTC + "'] .last";
    for (String page : List.of("engine", "history", "debug", "cfg")) {
      driver.get("http://127.0.0.1:" + port + "/" + page);
      ((JavascriptExecutor) driver).executeScript("window.__sameDocument = true;");
      wait.withTimeout(Duration.ofSeconds(30)).until(d -> !text(btc).isEmpty());
      String before = text(btc);
      market.setPrice(
          BTC,
          market
              .last(BTC)
              .multiply(new BigDecimal(page.length() % 2 == 0 ? "1.005" : "0.995"))
              .setScale(1, RoundingMode.DOWN));
      wait.until(d -> !text(btc).equals(before));
      assertThat(js("return String(window.__sameDocument === true);"))
          .as("%s updated without a reload", page)
          .isEqualTo("true");
      assertThat(text("#ticker-strip")).contains("ETH ");
    }
    screenshot("header-prices");
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .as("browser console errors")
        .isEmpty();
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
            "browser test");
    book.fill(plan, market.instrument(BTC).orElseThrow(), last, Instant.now());
  }

  @Test
  void
      givenPaperPositions_whenLiveIsOpen_thenThePaperCardShowsThemMarkedPaperMovingLiveAndAResetFlattensThemIntoHistory()
          throws IOException {
    desk.books().forEach(b -> desk.reset(b.name(), PaperBook.DEFAULT_EQUITY));
    paperBuy(desk.paper(), "50"); // 0.5 BTC on 10,000 USDT of cross margin
    ReasoningSettings.Shadow shadow =
        new ReasoningSettings.Shadow(
            "anthropic/claude-haiku", UUID.fromString("22222222-2222-4222-8222-222222222222"));
    paperBuy(desk.shadow(shadow), "10");
    String stop = Fmt.num(desk.paper().summary("cross").positions().getFirst().stopLoss());

    driver.get("http://127.0.0.1:" + port + "/");
    ((JavascriptExecutor) driver).executeScript("window.__sameDocument = true;");
    String paperRow =
        "#paper-panel article[data-book='paper'] .paper-positions tr[data-symbol='" + BTC + "']";
    wait.withTimeout(Duration.ofSeconds(30)).until(d -> text(paperRow).contains(stop));
    assertThat(text("#paper-badge")).isEqualTo("PAPER · not sent to OKX");
    assertThat(text("#paper-panel article[data-book='paper'] h3")).startsWith("PAPER");
    assertThat(text("#paper-note")).contains("live execution is off");
    assertThat(text(paperRow)).contains("long", "50 ct", "10×", " USDT");
    assertThat(
            js("return document.querySelector(arguments[0]).cells[7].innerText.trim();", paperRow))
        .as("liquidation price")
        .matches("[0-9,.]+");
    assertThat(text("#positions-card"))
        .as("never among the exchange's positions")
        .doesNotContain("50 ct");
    String shadowRow = "#paper-shadows tr[data-book='" + PaperDesk.shadowBook(shadow) + "']";
    assertThat(text(shadowRow))
        .contains("SHADOW", "anthropic/claude-haiku @ 22222222", "USDT")
        .endsWith("1");

    String mark = paperRow + " .mark";
    String before = text(mark);
    market.setPrice(
        BTC, market.last(BTC).multiply(new BigDecimal("1.003")).setScale(1, RoundingMode.DOWN));
    wait.until(d -> !text(mark).isEmpty() && !text(mark).equals(before));
    assertThat(js("return String(window.__sameDocument === true);"))
        .as("updated without a reload")
        .isEqualTo("true");
    screenshot("live-paper");

    new Select(driver.findElement(By.id("paper-reset-book"))).selectByValue("paper");
    WebElement equity = driver.findElement(By.id("paper-reset-equity"));
    equity.clear();
    equity.sendKeys("5000");
    driver.findElement(By.id("paper-reset-button")).click();
    assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText())
        .contains("paper", "5,000 USDT", "Nothing is sent to OKX");
    driver.switchTo().alert().accept();
    wait.until(d -> text("#paper-reset-result").contains("restarted with 5,000 USDT"));
    wait.until(
        d -> text("#paper-panel article[data-book='paper']").contains("no open paper positions"));
    assertThat(text("#paper-panel article[data-book='paper'] .paper-equity"))
        .isEqualTo("5,000.00 USDT");
    assertThat(desk.paper().heldSymbols()).isEmpty();
    assertThat(desk.shadow(shadow).heldSymbols()).as("only the chosen book").containsExactly(BTC);

    driver.get("http://127.0.0.1:" + port + "/history");
    String resetRow = "#paper-trades tr[data-book='paper']";
    wait.until(d -> !text(resetRow).isEmpty());
    assertThat(text(resetRow))
        .startsWith("PAPER")
        .contains(BTC, "long", "50 ct", "reset", " USDT", " %");
    assertThat(text("#paper-trades tr[data-book='" + PaperDesk.shadowBook(shadow) + "']"))
        .startsWith("SHADOW")
        .contains("open");
    assertThat(text("#trades")).as("not among the exchange trades").doesNotContain("reset");
    screenshot("history-paper");
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .as("browser console errors")
        .isEmpty();
  }
}
