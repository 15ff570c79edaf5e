package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:browser-login;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "TAI2_ADMIN_PASSWORD=browser-pass",
    })
class BrowserLoginTest extends BrowserTest {

  @LocalServerPort int port;
  @Autowired RiskLockRepository locks;

  @Test
  void givenPassword_whenOperatorLogsIn_thenEveryPageOpensAndLogoutWorks() throws IOException {
    driver.get("http://127.0.0.1:" + port + "/engine");
    wait.until(ExpectedConditions.urlContains("/login"));
    driver.findElement(By.id("password")).sendKeys("wrong");
    driver.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
    screenshot("login-error");

    driver.findElement(By.id("password")).sendKeys("browser-pass");
    driver.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "ENGINE"));
    assertClockTicksAndStreamConnects();

    clickThroughEveryPage("login");
    riskyChangeNeedsThePasswordAgain();
    riskyButtonAsksForThePasswordInABox();

    driver.findElement(By.cssSelector("form.logout button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logout-notice")));
    driver.get("http://127.0.0.1:" + port + "/cfg");
    wait.until(ExpectedConditions.urlContains("/login"));
    assertThat(driver.getCurrentUrl()).doesNotContain("/cfg");
  }

  private String js(String script) {
    Object result = ((JavascriptExecutor) driver).executeScript(script);
    return result == null ? "" : result.toString();
  }

  private void save(String field, String value) {
    WebElement input = driver.findElement(By.name(field));
    input.clear();
    input.sendKeys(value);
    driver.findElement(By.id("save")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
  }

  /** CFG: a higher max leverage is refused without the password typed again, and saved with it. */
  private void riskyChangeNeedsThePasswordAgain() throws IOException {
    driver.get("http://127.0.0.1:" + port + "/cfg");
    WebElement maxLeverage = driver.findElement(By.name("guardrails.max_leverage"));
    maxLeverage.clear();
    maxLeverage.sendKeys("7");
    assertThat(driver.findElement(By.id("confirm-box")).isDisplayed())
        .as("the password box shows for a risky change")
        .isTrue();
    driver.findElement(By.id("save")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(
        d ->
            js("return document.getElementById('save-result').innerText;")
                .contains("this change needs the operator password again (max leverage up)"));
    screenshot("login-cfg-password");

    driver.findElement(By.id("confirm-password")).sendKeys("browser-pass");
    driver.findElement(By.id("save")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(
        d ->
            js("return document.getElementById('save-result').innerText;")
                .equals("saved: 1 change(s)"));

    save("guardrails.max_leverage", "5"); // lowering it is not risky: no password
    wait.until(
        d ->
            js("return document.getElementById('save-result').innerText;")
                    .equals("saved: 1 change(s)")
                && js("return document.getElementById('changes').innerText;").equals("no changes"));
  }

  /** A button's risky action (here the daily-loss reset while locked) answered 403 asks in a masked box and is sent again with it. */
  private void riskyButtonAsksForThePasswordInABox() throws IOException {
    Instant now = Instant.now();
    locks.save(
        new RiskLock(
            RiskLock.DAILY_LOSS,
            true,
            Optional.empty(),
            Optional.empty(),
            Optional.of(now),
            Optional.of("test: loss limit hit"),
            now));
    try {
      driver.get("http://127.0.0.1:" + port + "/engine");
      js(
          "window.seen = []; document.addEventListener('htmx:afterRequest', e => window.seen.push(e.detail.xhr.status));"
              + "htmx.ajax('POST', '/execution/locks/daily-loss/reset', {source: document.body, swap: 'none'});");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-dialog-input")));
      assertThat(driver.findElement(By.id("password-dialog")).getText())
          .contains("daily-loss lock reset while locked");
      assertThat(driver.findElement(By.id("password-dialog-input")).getAttribute("type"))
          .isEqualTo("password");
      screenshot("login-password-box");
      driver.findElement(By.id("password-dialog-input")).sendKeys("browser-pass");
      driver.findElement(By.id("password-dialog-ok")).click();
      wait.until(d -> !js("return window.seen.join(',');").isEmpty());
      assertThat(js("return window.seen.join(',');"))
          .as("the page sees only the retry, past the password (no market engine here: 503)")
          .isEqualTo("503");
      assertThat(driver.findElements(By.id("password-dialog"))).isEmpty();
    } finally {
      locks.save(
          new RiskLock(
              RiskLock.DAILY_LOSS,
              false,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              now));
    }
  }
}
