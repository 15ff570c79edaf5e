package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.sim.FakeTelegram;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * CFG's notifications group in Chromium: with nothing configured the test button says so; a bad threshold is refused by
 * name; a Telegram bot needs the password again, is saved sealed and never shown; the test message then reaches the
 * simulator's fake Telegram and the page lists the channel as delivered.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=false",
      "TAI2_API_TOKEN=notify-cfg-token",
      "TAI2_ADMIN_PASSWORD=notify-cfg-pass",
      "TAI2_SECRET_KEY=notify-cfg-sealing-key-0123",
      "DATABASE_URL=jdbc:h2:mem:browser-notify-cfg;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BrowserNotifyCfgTest extends BrowserTest {

  static final String TOKEN = "919191:AAE-browser-cfg-bot-token";
  static final String CHAT = "424242";
  static FakeTelegram telegram;
  static SimServer sim;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void fakeTelegram(DynamicPropertyRegistry registry) {
    telegram = new FakeTelegram(Clock.systemUTC(), TOKEN);
    sim = new SimServer(null, null, null, telegram, 0);
    registry.add("TELEGRAM_API_URL", () -> "http://127.0.0.1:" + sim.port());
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
    WebElement input = driver.findElement(By.id(id));
    input.clear();
    input.sendKeys(value);
  }

  @Test
  void
      givenTheNotificationsGroup_whenABotIsSavedWithThePasswordAndTested_thenTheMessageArrivesAndTheTokenIsNeverShown() {
    driver.get("http://127.0.0.1:" + port + "/cfg");
    wait.until(ExpectedConditions.urlContains("/login"));
    driver.findElement(By.id("password")).sendKeys("notify-cfg-pass");
    driver.findElement(By.id("login-submit")).click();
    driver.get("http://127.0.0.1:" + port + "/cfg");
    wait.until(d -> text("#notify-telegram-source").equals("off"));
    assertThat(driver.findElements(By.cssSelector("#notify-events input[type=checkbox]")))
        .hasSize(12);
    assertThat(driver.findElement(By.id("notify-stale")).getAttribute("value")).isEqualTo("120");

    driver.findElement(By.id("notify-test")).click();
    wait.until(d -> text("#notify-result").startsWith("no notification channel is configured"));

    type("notify-bot-token", TOKEN);
    type("notify-chat-id", CHAT);
    driver.findElement(By.cssSelector("#notify-events input[data-event='daily_summary']")).click();
    type("notify-stale", "5");
    driver.findElement(By.id("notify-save")).click();
    wait.until(
        d ->
            text("#notify-result")
                .startsWith(
                    "notify.stale_data_seconds: must be a whole number between 10 and 86400"));

    type("notify-stale", "300");
    driver.findElement(By.id("notify-save")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notify-password-box")));
    assertThat(text("#notify-result")).contains("Telegram bot or chat changed");
    type("notify-password", "notify-cfg-pass");
    driver.findElement(By.id("notify-save")).click();
    wait.until(d -> text("#notify-result").equals("saved: Telegram saved, webhooks off"));
    assertThat(driver.findElement(By.id("notify-bot-token")).getAttribute("value"))
        .as("write-only: the field is emptied")
        .isEmpty();

    JsonNode notify =
        Json.parse(
                new HttpProbe(port)
                    .get("/api/settings", "Authorization", "Bearer notify-cfg-token")
                    .body())
            .path("notify");
    assertThat(notify.path("telegram").asString()).isEqualTo("saved");
    assertThat(notify.path("stale_data_seconds").asInt()).isEqualTo(300);
    assertThat(notify.path("events").path("daily_summary").asBoolean()).isFalse();
    assertThat(notify.path("events").path("exit").asBoolean()).isTrue();

    driver.findElement(By.id("notify-test")).click();
    wait.until(d -> text("#notify-result").equals("1 of 1 channel(s) got the test message"));
    assertThat(text("#notify-test-result li"))
        .isEqualTo("telegram http://127.0.0.1:" + sim.port() + "/bot****/sendMessage: delivered");
    assertThat(telegram.textsTo(CHAT))
        .singleElement()
        .satisfies(t -> assertThat(t).startsWith("tai2 test message, sent by admin"));

    driver.navigate().refresh();
    wait.until(d -> text("#notify-telegram-source").equals("saved"));
    assertThat(driver.getPageSource())
        .doesNotContain(TOKEN)
        .doesNotContain("AAE-browser-cfg-bot-token");
  }
}
