package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.SimProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The CFG page's helpers in Chromium against the service on the OKX simulator: pair picker, size helper, OKX keys, prompt editor. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=cfg-token",
      "TAI2_ADMIN_PASSWORD=cfg-pass",
      "TAI2_SECRET_KEY=cfg-test-sealing-key-0123456789",
      "DATABASE_URL=jdbc:h2:mem:browser-cfg;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BrowserCfgTest extends BrowserTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String SECOND_SECRET = "second-account-secret-value";
  static SimServer sim;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 5, 3_000, 1_440);
    sim =
        new SimServer(
            new SimRestApi(
                Clock.systemUTC(),
                market,
                Map.of(
                    "k", new SimAccount("k", "s", "p", true, false),
                    "k2", new SimAccount("k2", SECOND_SECRET, "p2", true, false)),
                new BigDecimal("10000")),
            market,
            0);
    SimProperties.okx(registry, sim.port());
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
                "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';",
                css);
    return r == null ? "" : r.toString();
  }

  private JsonNode settings(HttpProbe http) {
    return Json.parse(http.get("/api/settings", "Authorization", "Bearer cfg-token").body());
  }

  private void saveSettingsForm() {
    driver.findElement(By.id("save")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(d -> text("#save-result").startsWith("saved:"));
  }

  @Test
  void
      givenTheCfgPage_whenItsHelpersAreUsed_thenPairsSizesKeysAndPromptVersionsAreSavedThroughTheApi()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (!http.get("/config/trading-pairs", "Authorization", "Bearer cfg-token")
            .body()
            .contains("\"last\":")
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    driver.get("http://127.0.0.1:" + port + "/cfg");
    wait.until(ExpectedConditions.urlContains("/login"));
    driver.findElement(By.id("password")).sendKeys("cfg-pass");
    driver.findElement(By.id("login-submit")).click();
    driver.get("http://127.0.0.1:" + port + "/cfg");
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "CFG"));

    // the trading pairs as rows: BTC is one; ETH is added from OKX's list; an unknown swap is
    // refused beside its row before saving
    wait.until(
        d ->
            BTC.equals(
                d.findElement(By.id("cfg-market-trading_pairs-symbol-0")).getDomProperty("value")));
    wait.until(d -> d.findElements(By.cssSelector("#pair-options option")).size() > 3);
    driver.findElement(By.cssSelector(".add-row[data-for='cfg-market-trading_pairs']")).click();
    WebElement pair = driver.findElement(By.id("cfg-market-trading_pairs-symbol-1"));
    assertThat(driver.switchTo().activeElement()).as("the new row takes the focus").isEqualTo(pair);
    pair.sendKeys("NOPE-USDT-SWAP");
    driver.findElement(By.id("save")).click();
    assertThat(ExpectedConditions.alertIsPresent().apply(driver))
        .as("refused by the page: no confirmation")
        .isNull();
    assertThat(text("#error-market-trading_pairs-1"))
        .isEqualTo("NOPE-USDT-SWAP is not an OKX USDT swap (pick one from the list)");
    pair.clear();
    pair.sendKeys("eth-usdt-swap");
    assertThat(text("#changes")).isEqualTo("1 unsaved change(s)");

    // the size helper: 1,000 USDT of BTC in contracts at the last price, rounded down to the lot
    // size, into min_contracts
    JsonNode btc = null;
    for (JsonNode i :
        Json.parse(http.get("/config/trading-pairs", "Authorization", "Bearer cfg-token").body())
            .path("available")) {
      if (i.path("inst_id").asString().equals(BTC)) {
        btc = i;
      }
    }
    assertThat(btc).isNotNull();
    driver.findElement(By.id("size-usdt")).sendKeys("1000");
    wait.until(d -> text("#size-result").startsWith("1000 USDT = "));
    String contracts =
        text("#size-result").replaceFirst("^1000 USDT = ([0-9.]+) contracts.*$", "$1");
    BigDecimal perContract =
        btc.path("last").decimalValue().multiply(btc.path("ct_val").decimalValue());
    BigDecimal lot = btc.path("lot_sz").decimalValue();
    BigDecimal expected =
        new BigDecimal("1000")
            .divide(perContract.multiply(lot), 0, RoundingMode.DOWN)
            .multiply(lot);
    assertThat(new BigDecimal(contracts))
        .as(text("#size-result"))
        .isCloseTo(expected, Offset.offset(lot));
    driver.findElement(By.id("size-use")).click();
    assertThat(text("#changes")).isEqualTo("2 unsaved change(s)");
    saveSettingsForm();
    JsonNode saved = settings(http);
    assertThat(saved.path("market").path("trading_pairs").toString())
        .isEqualTo("[\"" + BTC + "\",\"ETH-USDT-SWAP\"]");
    assertThat(saved.path("execution").path("min_contracts").path(BTC).decimalValue())
        .isEqualByComparingTo(contracts);

    // OKX keys: going live without typing LIVE is refused with the reason; demo keys of a second
    // account are stored sealed
    driver.findElement(By.id("okx-api-key")).sendKeys("k2");
    driver.findElement(By.id("okx-secret-key")).sendKeys(SECOND_SECRET);
    driver.findElement(By.id("okx-passphrase")).sendKeys("p2");
    assertThat(driver.findElement(By.id("okx-confirm-live-box")).isDisplayed())
        .as("demo chosen: nothing to confirm")
        .isFalse();
    assertThat(driver.findElement(By.id("confirm-box")).isDisplayed())
        .as("no risky change yet")
        .isFalse();
    new Select(driver.findElement(By.id("okx-demo"))).selectByValue("false");
    assertThat(driver.findElement(By.id("okx-confirm-live-box")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("okx-password-box")).isDisplayed())
        .as("going live is a risky change")
        .isTrue();
    driver.findElement(By.id("okx-password")).sendKeys("cfg-pass");
    driver.findElement(By.id("okx-save")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(d -> text("#okx-result").contains("confirm_live"));
    new Select(driver.findElement(By.id("okx-demo"))).selectByValue("true");
    driver.findElement(By.id("okx-save")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(
        d ->
            text("#okx-result")
                .startsWith("saved: tai2 now trades the DEMO account with the keys saved here"));
    assertThat(driver.findElement(By.id("okx-secret-key")).getAttribute("value")).isEmpty();
    assertThat(settings(http).path("okx").path("keys").asString()).isEqualTo("saved");
    driver.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "CFG"));
    assertThat(driver.getPageSource()).doesNotContain(SECOND_SECRET);
    assertThat(text("#okx-keys-source")).isEqualTo("saved");

    // prompt versions: the shipped defaults load with a live preview; a clone edited and saved
    // becomes the active version
    wait.until(d -> text("#prompt-preview").startsWith("hash "));
    driver.findElement(By.id("prompt-clone")).click();
    wait.until(
        d -> d.findElement(By.id("prompt-name")).getAttribute("value").startsWith("copy of "));
    WebElement decision = driver.findElement(By.id("prompt-decision"));
    decision.sendKeys("\nMention the word ZEBRA-CHECK in the rationale.");
    wait.until(d -> text("#prompt-preview").contains("ZEBRA-CHECK"));
    driver.findElement(By.id("prompt-activate")).click();
    driver.findElement(By.id("prompt-save")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(d -> text("#prompt-result").startsWith("saved as version copy of "));
    JsonNode versions =
        Json.parse(http.get("/llm/versions", "Authorization", "Bearer cfg-token").body());
    JsonNode newest = versions.path("versions").get(0);
    assertThat(newest.path("decision_prompt").asString())
        .endsWith("Mention the word ZEBRA-CHECK in the rationale.");
    assertThat(versions.path("active_id").asString()).isEqualTo(newest.path("id").asString());
    assertThat(driver.findElement(By.id("prompt-save")).isEnabled())
        .as("nothing new to save")
        .isFalse();
    screenshot("cfg-helpers");

    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .filteredOn(
            e ->
                !e.getMessage()
                    .contains(
                        "/api/settings - Failed to load resource: the server responded with a status of 400"))
        .as("browser console errors other than the refused live switch")
        .isEmpty();
  }
}
