package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import java.math.BigDecimal;
import java.time.Clock;
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
 * CFG's "OKX sub-account" section in Chromium against the service trading a simulated sub-account: the check shown
 * unconfirmed, the master keys entered (write-only, with the password again) confirming it, both balances, a transfer
 * refused for a wrong password and then made, moving both balances by exactly the amount.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_ADMIN_PASSWORD=cfg-sub-pass",
      "TAI2_SECRET_KEY=cfg-sub-sealing-key-0123456789",
      "DATABASE_URL=jdbc:h2:mem:browser-cfg-sub;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BrowserCfgSubAccountTest extends BrowserTest {

  static final SimAccount MASTER =
      new SimAccount("mk-BROWSER-77", "ms-BROWSER-SECRET-88", "mp-BROWSER-99", true, false);
  static final SimAccount SUB =
      SimAccount.sub("sub-key", "sub-secret", "sub-pass", true, MASTER.apiKey(), "desk1");
  static SimServer sim;
  static SimRestApi api;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 5, 3_000, 1_440);
    api =
        new SimRestApi(
            Clock.systemUTC(),
            market,
            Map.of(MASTER.apiKey(), MASTER, SUB.apiKey(), SUB),
            new BigDecimal("10000"));
    api.exchange().setFunding(MASTER.apiKey(), new BigDecimal("2500"));
    sim = new SimServer(api, market, 0);
    String ws = "ws://127.0.0.1:" + sim.port() + "/ws/v5/";
    registry.add("OKX_BASE_URL", () -> "http://127.0.0.1:" + sim.port());
    registry.add("OKX_WS_PUBLIC_URL", () -> ws + "public");
    registry.add("OKX_WS_PRIVATE_URL", () -> ws + "private");
    registry.add("OKX_WS_BUSINESS_URL", () -> ws + "business");
    registry.add("OKX_API_KEY", SUB::apiKey);
    registry.add("OKX_SECRET_KEY", SUB::secretKey);
    registry.add("OKX_PASSPHRASE", SUB::passphrase);
    registry.add("TRADING_PAIRS", () -> "BTC-USDT-SWAP");
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

  private void type(String id, String value) {
    driver.findElement(By.id(id)).clear();
    driver.findElement(By.id(id)).sendKeys(value);
  }

  private void clickAndConfirm(String id) {
    driver.findElement(By.id(id)).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
  }

  @Test
  void
      givenTheCfgSubAccountSection_whenTheNameMasterKeysAndATransferAreEntered_thenItIsConfirmedAndTheMoneyMovesOnce()
          throws Exception {
    driver.get("http://127.0.0.1:" + port + "/cfg");
    wait.until(ExpectedConditions.urlContains("/login"));
    driver.findElement(By.id("password")).sendKeys("cfg-sub-pass");
    driver.findElement(By.id("login-submit")).click();
    driver.get("http://127.0.0.1:" + port + "/cfg");
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "CFG"));
    wait.until(d -> text("#sub-verdict").equals("not declared"));
    assertThat(driver.findElement(By.id("sub-password-box")).isDisplayed())
        .as("logged in: risky writes ask the password")
        .isTrue();

    // the name, declared with the password: the keys are a sub-account's, the name not yet
    // confirmed
    type("sub-name", "desk1");
    type("sub-password", "cfg-sub-pass");
    clickAndConfirm("sub-name-save");
    wait.until(d -> text("#sub-name-result").equals("saved: sub-account desk1"));
    wait.until(d -> text("#sub-verdict").equals("matches (name not confirmed)"));
    assertThat(text("#sub-live-entries")).isEqualTo("allowed");
    assertThat(text("#sub-check-message")).contains("enter the master keys to confirm it");

    // master keys: write-only, confirmed against the master's list, never shown again
    type("sub-master-api-key", MASTER.apiKey());
    type("sub-master-secret-key", MASTER.secretKey());
    type("sub-master-passphrase", MASTER.passphrase());
    type("sub-password", "cfg-sub-pass");
    clickAndConfirm("sub-master-save");
    wait.until(d -> text("#sub-master-result").equals("saved: master keys saved"));
    wait.until(d -> text("#sub-verdict").equals("matches (confirmed)"));
    assertThat(driver.findElement(By.id("sub-master-secret-key")).getAttribute("value")).isEmpty();
    wait.until(d -> text("#sub-master-funding").equals("2,500.00"));
    assertThat(text("#sub-sub-trading")).isEqualTo("10,000.00");

    // a transfer with a wrong password moves nothing; with the right one it moves exactly the
    // amount, once
    new Select(driver.findElement(By.id("sub-direction"))).selectByValue("master_to_sub");
    type("sub-amount", "99999");
    driver.findElement(By.id("sub-transfer")).click();
    wait.until(
        d -> text("#sub-transfer-result").equals("at most 2,500.00 USDT is available there"));
    type("sub-amount", "125.5");
    type("sub-password", "not-the-password");
    clickAndConfirm("sub-transfer");
    wait.until(d -> text("#sub-transfer-result").contains("the password was wrong"));
    assertThat(api.journal().count("POST", "/api/v5/asset/transfer")).isZero();
    type("sub-password", "cfg-sub-pass");
    clickAndConfirm("sub-transfer");
    wait.until(d -> text("#sub-transfer-result").startsWith("done: 125.5 USDT master to sub"));
    wait.until(
        d ->
            text("#sub-master-funding").equals("2,374.50")
                && text("#sub-sub-trading").equals("10,125.50"));
    wait.until(d -> text("#sub-transfers tbody").contains("master to sub (funding)"));
    assertThat(text("#sub-transfers tbody")).contains("125.5").contains("done").contains("admin");
    assertThat(api.journal().count("POST", "/api/v5/asset/transfer")).isEqualTo(1);
    assertThat(api.exchange().funding(MASTER.apiKey())).isEqualByComparingTo("2374.5");

    driver.navigate().refresh();
    wait.until(d -> text("#sub-verdict").equals("matches (confirmed)"));
    assertThat(driver.getPageSource())
        .doesNotContain(MASTER.apiKey(), MASTER.secretKey(), MASTER.passphrase());
    ((JavascriptExecutor) driver)
        .executeScript("document.getElementById('section-subaccount').scrollIntoView()");
    screenshot("cfg-sub-account");
    assertNoContentSecurityPolicyViolation();
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .filteredOn(
            e ->
                !e.getMessage()
                    .contains(
                        "sub-account/transfer - Failed to load resource: the server responded with a status of 403"))
        .as("browser console errors other than the refused password")
        .isEmpty();
  }
}
