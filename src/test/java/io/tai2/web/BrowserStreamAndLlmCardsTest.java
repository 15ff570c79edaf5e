package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.sim.FakeLlm;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.SimProperties;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In Chromium against the OKX simulator and its fake OpenRouter: DEBUG's live-stream pane (events arrive, pause counts
 * them, filters hide the others), CFG's model list with prices (a listed model saves, an unlisted one is refused), and
 * LIVE's OpenRouter credits card.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "DATABASE_URL=jdbc:h2:mem:browser-stream-llm;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BrowserStreamAndLlmCardsTest extends BrowserTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String ETH = "ETH-USDT-SWAP";
  static final String LLM_KEY = "browser-management-key";
  static SimServer sim;
  static FakeLlm llm;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 5, 3_000, 1_440);
    llm = new FakeLlm(Clock.systemUTC()).managementKey(LLM_KEY);
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
    SimProperties.okx(registry, sim.port());
    registry.add("OPENROUTER_BASE_URL", () -> "http://127.0.0.1:" + sim.port() + "/api/v1");
    registry.add("OPENROUTER_API_KEY", () -> LLM_KEY);
    registry.add("TRADING_PAIRS", () -> BTC + "," + ETH);
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  private String js(String script, Object... args) {
    Object result = ((JavascriptExecutor) driver).executeScript(script, args);
    return result == null ? "" : result.toString();
  }

  private String text(String css) {
    return js(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';",
        css);
  }

  private int rows() {
    return Integer.parseInt(js("return String(document.querySelectorAll('#stream li').length);"));
  }

  private void assertNoConsoleErrors() {
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .as("browser console errors")
        .isEmpty();
  }

  @Test
  void givenTheMarketStream_whenDebugIsOpen_thenEventsArrivePauseCountsThemAndFiltersHideTheOthers()
      throws IOException {
    driver.get("http://127.0.0.1:" + port + "/debug");

    wait.withTimeout(Duration.ofSeconds(30))
        .until(
            d ->
                !js("return document.querySelector('#stream li[data-type=snapshot]') ? 'y' : '';")
                    .isEmpty());
    assertThat(js("return document.querySelector('#stream li[data-type=hello]') ? 'y' : 'n';"))
        .as("the stream's greeting")
        .isEqualTo("y");
    String snapshot = "#stream li[data-type=snapshot]";
    assertThat(text(snapshot + " .symbol")).isIn(BTC, ETH);
    assertThat(text(snapshot + " time")).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
    assertThat(text(snapshot + " .msg")).startsWith("last ").contains(" bid ", " ask ");
    js("const s = document.querySelector(arguments[0] + ' summary'); s.click();", snapshot);
    assertThat(text(snapshot + " pre"))
        .as("the event's JSON on expand")
        .contains("\"symbol\": \"" + text(snapshot + " .symbol") + "\"", "\"ticker\"");

    driver.findElement(By.id("stream-pause")).click();
    int kept = rows();
    wait.until(d -> text("#stream-status").matches("paused: [1-9]\\d* new event\\(s\\) not shown"));
    assertThat(rows()).as("nothing is shown while paused").isEqualTo(kept);
    assertThat(driver.findElement(By.id("stream-pause")).getText()).isEqualTo("resume");
    screenshot("debug-stream-paused");
    driver.findElement(By.id("stream-pause")).click();
    wait.until(d -> rows() > kept || rows() == 500);
    assertThat(text("#stream-status")).matches("\\d+ received · \\d+ kept · \\d+ shown");

    new Select(driver.findElement(By.id("stream-type"))).selectByValue("snapshot");
    driver.findElement(By.id("stream-text")).sendKeys(ETH);
    wait.until(
        d ->
            js(
                    """
        const shown = Array.from(document.querySelectorAll('#stream li')).filter(li => !li.hidden);
        return shown.length > 0 && shown.every(li => li.dataset.type === 'snapshot' && li.querySelector('.symbol').textContent === arguments[0])
          && document.querySelectorAll('#stream li[data-type=hello], #stream li[data-type=market]').length > 0
          && Array.from(document.querySelectorAll('#stream li[data-type=hello], #stream li[data-type=market]')).every(li => li.hidden) ? 'y' : '';""",
                    ETH)
                .equals("y"));
    assertThat(
            js(
                "return String(Array.from(document.querySelectorAll('#stream li')).some(li => !li.hidden && li.textContent.includes(arguments[0])));",
                BTC))
        .as("BTC's events are hidden by the text filter")
        .isEqualTo("false");
    screenshot("debug-stream-filtered");

    assertThat(
            js(
                "document.getElementById('stream-clear').click(); return String(document.querySelectorAll('#stream li').length);"))
        .isEqualTo("0");
    assertNoContentSecurityPolicyViolation();
    assertNoConsoleErrors();
  }

  @Test
  void
      givenTheFakeLlmsModels_whenCfgIsOpen_thenTheModelListShowsPricesAListedModelSavesAndAnUnlistedOneIsRefused()
          throws IOException {
    driver.get("http://127.0.0.1:" + port + "/cfg");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("model-select")));

    Select models = new Select(driver.findElement(By.id("model-select")));
    List<String> options = models.getOptions().stream().map(o -> o.getAttribute("value")).toList();
    assertThat(options)
        .containsExactlyInAnyOrder(
            "anthropic/claude-3.5-haiku",
            "meta-llama/llama-3.1-8b-instruct",
            "meta-llama/llama-3.3-70b-instruct:free",
            "openai/gpt-4o-mini");
    assertThat(models.getFirstSelectedOption().getAttribute("value"))
        .isEqualTo(FakeLlm.DEFAULT_MODEL);
    assertThat(text("#model-select option[value='anthropic/claude-3.5-haiku']"))
        .isEqualTo(
            "anthropic/claude-3.5-haiku — 200k ctx · $0.8 / $4 per M tokens · structured outputs yes");
    assertThat(text("#model-select option[value='meta-llama/llama-3.1-8b-instruct']"))
        .contains("131k ctx", "$0.02 / $0.05", "structured outputs no");
    assertThat(
            js(
                "return String(document.querySelector(\"[name='reasoning.model']\").closest('.control').hidden);"))
        .as("no free text")
        .isEqualTo("true");

    driver.findElement(By.id("model-search")).sendKeys("llama 8b");
    assertThat(
            js(
                "return Array.from(document.querySelectorAll('#model-select option')).filter(o => !o.hidden).map(o => o.value).join(',');"))
        .as("the search keeps the matches and the selected model")
        .isEqualTo("meta-llama/llama-3.1-8b-instruct,openai/gpt-4o-mini");

    models.selectByValue("anthropic/claude-3.5-haiku");
    assertThat(text("#model-details"))
        .contains("context 200,000 tokens", "prompt $0.8 and completion $4 per million tokens");
    assertThat(text("#changes")).isEqualTo("1 unsaved change(s)");
    screenshot("cfg-model-select");
    driver.findElement(By.id("save")).click();
    assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText())
        .contains("reasoning.model: openai/gpt-4o-mini → anthropic/claude-3.5-haiku");
    driver.switchTo().alert().accept();
    wait.until(d -> text("#save-result").startsWith("saved:"));
    assertThat(Json.parse(new HttpProbe(port).get("/llm/settings").body()).path("model").asString())
        .isEqualTo("anthropic/claude-3.5-haiku");

    // a model the endpoint does not list (typed around the list, as a script could) is refused by
    // the server, next to the list
    js(
        "const i = document.querySelector(\"[name='reasoning.model']\"); i.value = 'openai/gpt-5-imaginary';"
            + "i.dispatchEvent(new Event('input', { bubbles: true }));");
    driver.findElement(By.id("save")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(
        d ->
            text("#model-picker .field-error")
                .contains("does not list the model openai/gpt-5-imaginary"));
    assertThat(Json.parse(new HttpProbe(port).get("/llm/settings").body()).path("model").asString())
        .isEqualTo("anthropic/claude-3.5-haiku");
    assertNoContentSecurityPolicyViolation();
    assertNoConsoleErrors();
  }

  @Test
  void
      givenAManagementKeyWithALimit_whenLiveIsOpen_thenTheCreditsCardShowsTheKeyTheAccountAndTodaysSpend()
          throws IOException {
    llm.creditLimit(LLM_KEY, new BigDecimal("10"));
    driver.get("http://127.0.0.1:" + port + "/");

    wait.until(d -> text("#credits-key-limit").equals("10.00 USD"));
    assertThat(text("#credits-key-remaining")).isEqualTo("10.00 USD");
    assertThat(text("#credits-total")).isEqualTo("100.00 USD");
    assertThat(text("#credits-remaining")).isEqualTo("100.00 USD");
    assertThat(text("#credits-today")).matches("[0-9.,]+ USD");
    assertThat(text("#credits-notes")).contains("no daily LLM budget set");
    assertThat(driver.getPageSource()).doesNotContain(LLM_KEY);
    assertThat(text("#paper-card")).as("the PAPER card is still there").contains("PAPER");
    screenshot("live-credits");
    assertNoContentSecurityPolicyViolation();
    assertNoConsoleErrors();
  }
}
