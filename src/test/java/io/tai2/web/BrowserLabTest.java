package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.lab.BacktestRunner;
import io.tai2.lab.FakeBacktestRunner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The LAB page in Chromium: start a backtest and watch its progress bar to the end, run a second one, compare the two
 * (equity beside buy-and-hold, drawdown, metrics side by side) and open a trade's entry decision. The engine is a fake
 * that reports 20 progress steps 150 ms apart, so the bar is seen between 0 and 100 %.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "TRADING_PAIRS=BTC-USDT-SWAP,ETH-USDT-SWAP",
      "DATABASE_URL=jdbc:h2:mem:browser-lab;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
@Import(BrowserLabTest.Engine.class)
class BrowserLabTest extends BrowserTest {

  @TestConfiguration
  static class Engine {
    @Bean
    @Primary // over the real engine, once the service has one
    BacktestRunner fakeBacktestRunner() {
      return new FakeBacktestRunner(20, Duration.ofMillis(150));
    }
  }

  @LocalServerPort int port;

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private String text(String css) {
    Object r =
        js(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';",
            css);
    return r == null ? "" : r.toString();
  }

  /** Starts a run with {@code decider} and waits for its bar to reach done; returns every progress text the page showed. */
  @SuppressWarnings("unchecked")
  private List<String> runAndWatch(String decider) {
    js(
        "window.seen = []; const t = document.getElementById('lab-progress-text');"
            + "new MutationObserver(() => window.seen.push(t.textContent)).observe(t, {childList: true, characterData: true, subtree: true});");
    new Select(driver.findElement(By.id("lab-decider"))).selectByValue(decider);
    String before = text("#lab-message");
    driver.findElement(By.id("lab-run")).click();
    wait.until(
        d -> text("#lab-message").endsWith("queued") && !text("#lab-message").equals(before));
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(
            d ->
                "done"
                    .equals(js("return document.getElementById('lab-progress').dataset.status;")));
    assertThat(js("return document.getElementById('lab-progress').value;")).isEqualTo(1L);
    return (List<String>) js("return window.seen;");
  }

  @Test
  void
      givenTheLabPage_whenTwoBacktestsRunAndAreCompared_thenProgressMovesToDoneAndBothRunsAreDrawnSideBySide()
          throws Exception {
    driver.get("http://127.0.0.1:" + port + "/lab");
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "LAB"));
    assertThat(driver.findElement(By.cssSelector(".pages a.active")).getText()).isEqualTo("LAB");
    assertThat(new Select(driver.findElement(By.id("lab-symbols"))).getOptions())
        .extracting(o -> o.getText())
        .containsExactly("BTC-USDT-SWAP", "ETH-USDT-SWAP");
    assertThat(driver.findElement(By.id("lab-runs-empty")).isDisplayed()).isTrue();

    List<String> first = runAndWatch("fake:long");
    assertThat(first)
        .as("the bar was seen part of the way")
        .anyMatch(t -> t.matches("running · ([1-9]|[1-9][0-9]) %.*"));
    assertThat(first.getLast()).startsWith("done · 100 %");
    screenshot("lab-done");

    List<String> second = runAndWatch("fake:short");
    assertThat(second.getLast()).startsWith("done · 100 %");

    wait.until(
        d ->
            d.findElements(By.cssSelector("#lab-runs tbody tr[data-status=done] input.compare"))
                    .size()
                == 2);
    for (int i = 0; i < 2; i++) {
      driver
          .findElements(By.cssSelector("#lab-runs tbody tr[data-status=done] input.compare"))
          .get(i)
          .click();
    }

    wait.until(d -> d.findElements(By.cssSelector("#lab-metrics thead th")).size() == 3);
    List<String> columns =
        driver.findElements(By.cssSelector("#lab-metrics thead th")).stream()
            .map(e -> e.getText())
            .toList();
    assertThat(columns.get(0)).isEqualTo("Metric");
    assertThat(columns.subList(1, 3))
        .anyMatch(c -> c.startsWith("fake:long"))
        .anyMatch(c -> c.startsWith("fake:short"));
    assertThat(
            driver
                .findElements(By.cssSelector("#lab-metrics tbody tr"))
                .getFirst()
                .findElements(By.tagName("td")))
        .hasSize(3);

    Object equity =
        js(
            "const o = echarts.getInstanceByDom(document.getElementById('chart-equity')).getOption();"
                + "return o.series.map(s => s.name + '=' + s.data.length);");
    assertThat((List<?>) equity).hasSize(4);
    assertThat(
            ((List<?>) equity).stream().map(String::valueOf).filter(s -> !s.contains("buy & hold")))
        .as("two equity curves")
        .hasSize(2)
        .allMatch(s -> s.endsWith("=48"));
    assertThat(
            ((List<?>) equity).stream().map(String::valueOf).filter(s -> s.contains("buy & hold")))
        .as("each with its buy-and-hold")
        .hasSize(2);
    Object drawdowns =
        js(
            "const o = echarts.getInstanceByDom(document.getElementById('chart-drawdown')).getOption();"
                + "return o.series.map(s => Math.min(...s.data.map(p => p[1])));");
    assertThat((List<?>) drawdowns).hasSize(2).allMatch(v -> ((Number) v).doubleValue() <= 0);

    js("document.getElementById('lab-compare').scrollIntoView();");
    screenshot("lab-charts");
    wait.until(d -> d.findElements(By.cssSelector("#lab-trades tbody tr.clickable")).size() == 4);
    driver.findElements(By.cssSelector("#lab-trades tbody tr.clickable")).getFirst().click();
    wait.until(d -> !text("#decision-detail #detail-verdict").isEmpty());
    assertThat(text("#decision-detail #detail-verdict")).startsWith("approved");
    assertThat(text("#decision-detail table.checks"))
        .contains("max_leverage", "max_position_pct", "0.08 → 0.05");
    assertThat(text("#decision-detail"))
        .contains("SYSTEM: you trade BTC-USDT-SWAP", "\"confidence\":0.7", "ct at");
    js("document.getElementById('decision-detail').scrollIntoView();");
    screenshot("lab-decision");
    assertNoContentSecurityPolicyViolation();
  }
}
