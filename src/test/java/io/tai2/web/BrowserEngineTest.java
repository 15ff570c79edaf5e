package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.sim.FakeLlm;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.SimProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ENGINE page in Chromium against the service on the OKX simulator and the fake LLM. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=engine-token",
      "TAI2_ADMIN_PASSWORD=engine-pass", // the page buttons call the API, which is locked: the
      // operator logs in
      "DATABASE_URL=jdbc:h2:mem:browser-engine;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BrowserEngineTest extends BrowserTest {

  static final String BTC = "BTC-USDT-SWAP";
  static SimServer sim;
  static FakeLlm llm;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 9, 3_000, 1_440);
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

  private String text(String css) {
    Object r =
        ((JavascriptExecutor) driver)
            .executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';",
                css);
    return r == null ? "" : r.toString();
  }

  /** All the text, also inside closed details. */
  private String content(String css) {
    Object r =
        ((JavascriptExecutor) driver)
            .executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                css);
    return r == null ? "" : r.toString();
  }

  @Test
  void
      givenACycleSentFromTa_whenTheEnginePageIsUsed_thenTheDecisionItsChecksThePreviewTheChatAndTheSchedulerWork()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    String[] auth = {"Authorization", "Bearer engine-token"};
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (http.get("/llm/prompt?symbol=" + BTC, auth).statusCode() != 200
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    llm.enqueueReply(
        "{\"action\":\"HOLD\",\"confidence\":0.41,\"equity_pct\":null,\"position_size\":null,\"risk_score\":0.5,\"stop_loss\":null,"
            + "\"take_profit\":null,\"rationale\":\"range-bound, no edge\",\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}");
    driver.get("http://127.0.0.1:" + port + "/ta?symbol=" + BTC + "&timeframe=1H");
    wait.until(ExpectedConditions.urlContains("/login"));
    driver.findElement(By.id("password")).sendKeys("engine-pass");
    driver.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "TA"));
    wait.withTimeout(Duration.ofSeconds(30))
        .withMessage(
            () ->
                "chart status: "
                    + text("#chart-status")
                    + "; console: "
                    + driver.manage().logs().get(LogType.BROWSER).getAll())
        .until(d -> text("#chart-status").matches("\\d+ candles.*"));
    assertThat(text("#ta-signal")).isNotEmpty();
    wait.until(
        d ->
            "true"
                .equals(
                    String.valueOf(
                        ((JavascriptExecutor) d)
                            .executeScript(
                                "return document.querySelector('#chart-flow canvas') !== null && document.querySelector('#chart-panels canvas') !== null;"))));
    // what is drawn comes from the server's series catalogue (io.tai2.indicators.Series), panel by
    // panel
    Object drawn =
        ((JavascriptExecutor) driver)
            .executeScript(
                "const o = (id) => echarts.getInstanceByDom(document.getElementById(id)).getOption();"
                    + " return JSON.stringify({ titles: o('chart-panels').title.map(t => t.text), panels: o('chart-panels').series.map(s => s.name + '@' + s.xAxisIndex),"
                    + " price: o('chart-price').series.map(s => s.name + '@' + s.xAxisIndex), filled: o('chart-panels').series[0].data.filter(v => v !== null).length });");
    assertThat(String.valueOf(drawn))
        .contains("\"titles\":[\"RSI 14\",\"MACD\",\"Stoch RSI\",\"ADX 14\",\"OBV\",\"CMF 20\"]")
        .contains(
            "\"RSI@0\"",
            "\"MACD@1\"",
            "\"hist@1\"",
            "\"%K@2\"",
            "\"%D@2\"",
            "\"ADX@3\"",
            "\"+DI@3\"",
            "\"-DI@3\"",
            "\"OBV@4\"",
            "\"CMF@5\"")
        .contains(
            "\"EMA 50@0\"", "\"BB upper@0\"", "\"VWAP@0\"", "\"volume@1\"", "\"volume SMA 20@1\"")
        .doesNotContain("ATR 14", "volume RSI 14")
        .doesNotContain("\"filled\":0");
    driver.findElement(By.id("send-to-engine")).click(); // a real prompt cycle
    wait.withTimeout(Duration.ofSeconds(30))
        .withMessage(() -> "engine result: " + text("#engine-result"))
        .until(d -> text("#engine-result").startsWith("ACCEPTED HOLD"));
    screenshot("ta");

    driver.get("http://127.0.0.1:" + port + "/engine");
    wait.until(d -> text("#decisions tbody tr .action").equals("HOLD"));
    // a decision made elsewhere (here: over the API) appears without a reload, pushed over the live
    // stream (the fallback poll is 60 s)
    llm.enqueueReply(
        "{\"action\":\"HOLD\",\"confidence\":0.2,\"equity_pct\":null,\"position_size\":null,\"risk_score\":0.5,\"stop_loss\":null,"
            + "\"take_profit\":null,\"rationale\":\"second look\",\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}");
    assertThat(http.postJson("/llm/execute?symbol=" + BTC, "", auth).statusCode()).isEqualTo(200);
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .withMessage(
            () ->
                "rows: "
                    + driver.findElements(By.cssSelector("#decisions tbody tr")).size()
                    + "; console: "
                    + driver.manage().logs().get(LogType.BROWSER).getAll())
        .until(d -> d.findElements(By.cssSelector("#decisions tbody tr")).size() == 2);
    // the refresh waits for the burst (logged, verdict, execution status) to end, so the row is
    // complete
    wait.until(d -> text("#decisions tbody tr:first-child .execution").startsWith("nothing to do"));
    driver.findElement(By.cssSelector("#decisions tbody tr:nth-child(2)")).click();
    wait.until(d -> content("#decision-detail").contains("range-bound, no edge"));
    assertThat(text("#detail-verdict")).startsWith("nothing_to_do");
    assertThat(text("#decision-detail")).contains("openai/gpt-4o-mini");

    driver.findElement(By.cssSelector("#preview-card button")).click();
    wait.until(d -> text("#preview").startsWith("hash "));

    llm.enqueueReply("Holding because the 4H trend is flat and funding is neutral.");
    driver.findElement(By.id("chat-question")).sendKeys("Why hold?");
    driver.findElement(By.id("chat-send")).click();
    wait.withTimeout(Duration.ofSeconds(30))
        .until(d -> text("#chat-answer").contains("4H trend is flat"));
    screenshot("engine");

    clickWhenRendered("scheduler-toggle");
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(d -> text("#scheduler-state").startsWith("on, every 300 s"));
    // switching on runs a cycle at once: the card shows its outcome by itself (live stream), then
    // it is switched off
    wait.withTimeout(Duration.ofSeconds(30))
        .withMessage(
            () ->
                "scheduler card: "
                    + text("#scheduler-card")
                    + " / attrs: "
                    + ((JavascriptExecutor) driver)
                        .executeScript(
                            "return document.getElementById('scheduler-card').outerHTML.substring(0, 300);"))
        .until(d -> text("#scheduler-outcomes").contains(BTC));
    clickWhenRendered("scheduler-toggle");
    wait.until(d -> text("#scheduler-state").equals("off"));

    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .as("browser console errors")
        .isEmpty();
  }
}
