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
import java.math.RoundingMode;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** TA's "what would the guardrails do?" in Chromium against the service on the OKX simulator: the verdict, the order, nothing sent. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=ta-token",
      "TAI2_ADMIN_PASSWORD=ta-pass", // the form calls the API, which is locked: the operator logs
      // in
      "DATABASE_URL=jdbc:h2:mem:browser-ta-guardrails;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BrowserTaGuardrailsTest extends BrowserTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String[] AUTH = {"Authorization", "Bearer ta-token"};
  static SimServer sim;
  static SimRestApi api;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 13, 3_000, 1_440);
    api =
        new SimRestApi(
            Clock.systemUTC(),
            market,
            Map.of("k", new SimAccount("k", "s", "p", true, false)),
            new BigDecimal("10000"));
    sim = new SimServer(api, market, new FakeLlm(Clock.systemUTC(), "llm-key"), 0);
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

  private void type(String id, String value) {
    WebElement input = driver.findElement(By.id(id));
    input.clear();
    input.sendKeys(value);
  }

  private long exchangeWrites() {
    return api.journal().entries().stream().filter(e -> !e.method().equals("GET")).count();
  }

  @Test
  void
      givenAnEntry_whenPreviewedOnTa_thenTheVerdictEveryCheckAndTheOrderShow_andABadStopIsShownAtItsField_andNothingIsSent()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    BigDecimal price = http.awaitPromptReady(BTC, AUTH).path("price").decimalValue();
    int decisionsBefore =
        HttpProbe.JSON.readTree(http.get("/llm/decisions?limit=500", AUTH).body()).size();
    long writesBefore = exchangeWrites();
    driver.get("http://127.0.0.1:" + port + "/ta?symbol=" + BTC + "&timeframe=1H");
    wait.until(ExpectedConditions.urlContains("/login"));
    driver.findElement(By.id("password")).sendKeys("ta-pass");
    driver.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "TA"));
    assertThat(text("#gp-title")).contains("nothing is sent");

    new Select(driver.findElement(By.id("gp-action"))).selectByValue("BUY");
    type("gp-equity", "5");
    type(
        "gp-stop",
        price.multiply(new BigDecimal("0.97")).setScale(1, RoundingMode.DOWN).toPlainString());
    type(
        "gp-take",
        price.multiply(new BigDecimal("1.05")).setScale(1, RoundingMode.DOWN).toPlainString());
    type("gp-confidence", "70");
    driver
        .findElement(By.id("gp-confidence"))
        .sendKeys(Keys.ENTER); // the keyboard alone submits the form

    wait.withMessage(() -> "status: " + text("#gp-status"))
        .until(d -> text("#gp-verdict").equals("APPROVED"));
    assertThat(text("#gp-status")).contains("nothing was sent");
    String order = text("#gp-order");
    assertThat(order)
        .contains(
            "Account", "paper book", "Contracts", "Leverage", "Margin (estimate)", "USDT", "buy");
    assertThat(driver.findElement(By.id("gp-no-order")).isDisplayed()).isFalse();
    assertThat(driver.findElements(By.cssSelector("#gp-checks tbody tr")).size()).isGreaterThan(5);
    assertThat(text("#gp-checks")).contains("position_cap", "leverage_target");
    ((JavascriptExecutor) driver)
        .executeScript("document.getElementById('gp-result').scrollIntoView()");
    screenshot("ta-guardrails-approved");

    type(
        "gp-stop",
        price.multiply(new BigDecimal("1.02")).setScale(1, RoundingMode.DOWN).toPlainString());
    driver.findElement(By.id("gp-run")).click();

    wait.withMessage(() -> "status: " + text("#gp-status"))
        .until(d -> !text("[data-error-for='stop_loss']").isEmpty());
    assertThat(text("[data-error-for='stop_loss']")).contains("for a BUY");
    assertThat(driver.findElement(By.id("gp-stop")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(driver.findElement(By.id("gp-result")).isDisplayed())
        .as("an old verdict is not left standing")
        .isFalse();
    screenshot("ta-guardrails-refused");

    assertThat(HttpProbe.JSON.readTree(http.get("/llm/decisions?limit=500", AUTH).body()).size())
        .as("no decision recorded")
        .isEqualTo(decisionsBefore);
    assertThat(exchangeWrites()).as("nothing sent to the exchange").isEqualTo(writesBefore);
    assertNoContentSecurityPolicyViolation();
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .filteredOn(
            e ->
                !e.getMessage()
                    .contains("/api/guardrails/preview")) // the refused preview's 400 is logged by
        // Chromium
        .as("console errors")
        .isEmpty();
  }
}
