package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
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

    driver.findElement(By.cssSelector("form.logout button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logout-notice")));
    driver.get("http://127.0.0.1:" + port + "/cfg");
    wait.until(ExpectedConditions.urlContains("/login"));
    assertThat(driver.getCurrentUrl()).doesNotContain("/cfg");
  }
}
