package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.reasoning.ReasoningSettingsStore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The A/B evaluation in Chromium: LAB's leaderboard of two prompt versions with its verdict, the calibration chart, the
 * champion card (mark a challenger, promote it) and ENGINE showing the new champion afterwards.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "TRADING_PAIRS=BTC-USDT-SWAP",
      "DATABASE_URL=jdbc:h2:mem:browser-champion;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BrowserChampionTest extends BrowserTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ReasoningSettingsStore reasoning;

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

  private void mark(String name) {
    new Select(driver.findElement(By.id("challenger-select"))).selectByVisibleText(name);
    driver.findElement(By.id("challenger-mark")).click();
    wait.until(
        d ->
            text("#challenger-line .name").equals(name)
                && text("#champion-message").equals(name + " is the challenger"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void
      givenSeededDecisions_whenLabIsOpened_thenTheLeaderboardVerdictCalibrationAndCardShow_andPromotingChangesTheChampionOnEngine()
          throws Exception {
    // two days ago, inside the pages' default period (the last 30 days)
    ChampionApiTest.Arms arms =
        ChampionApiTest.seed(
            jdbc,
            reasoning,
            LocalDate.now(ZoneOffset.UTC).minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));

    driver.get("http://127.0.0.1:" + port + "/lab");
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "LAB"));

    wait.until(d -> d.findElements(By.cssSelector("#leaderboard tbody tr")).size() == 2);
    assertThat(
            driver.findElements(By.cssSelector("#leaderboard tbody td.label")).stream()
                .map(e -> e.getText())
                .toList())
        .containsExactly("baseline", "tight");
    assertThat(text("#leaderboard tbody tr[data-key='" + arms.challenger().id() + "'] td.closed"))
        .isEqualTo("3");
    assertThat(
            text("#leaderboard tbody tr[data-key='" + arms.challenger().id() + "'] td.expectancy"))
        .isEqualTo("+5.00");
    assertThat(text("#leaderboard tbody tr[data-key='" + arms.champion().id() + "'] td.win-rate"))
        .isEqualTo("66.7 %");
    assertThat(text("#leaderboard-verdicts li .arms")).isEqualTo("A = baseline, B = tight:");
    assertThat(text("#leaderboard-verdicts li .verdict"))
        .startsWith("B beats A (95 % CI of the difference excludes 0)");

    wait.until(
        d -> "3".equals(js("return document.getElementById('chart-calibration').dataset.series;")));
    List<Object> series =
        (List<Object>)
            js(
                "const o = echarts.getInstanceByDom(document.getElementById('chart-calibration')).getOption();"
                    + "return o.series.map(s => ({name: s.name, data: s.data.map(p => Array.isArray(p) ? p : p.value)}));");
    assertThat(series)
        .extracting(s -> ((Map<String, Object>) s).get("name"))
        .containsExactly("perfect calibration", "baseline", "tight");
    List<List<Number>> baseline =
        (List<List<Number>>) ((Map<String, Object>) series.get(1)).get("data");
    assertThat(baseline).as("every seeded decision stated 0.7; two of three won").hasSize(1);
    assertThat(baseline.getFirst().get(0).doubleValue())
        .as("the mean stated confidence")
        .isCloseTo(0.7, Offset.offset(1e-9));
    assertThat(baseline.getFirst().get(1).doubleValue()).isCloseTo(2.0 / 3, Offset.offset(1e-9));
    assertThat(text("#calibration-notes"))
        .contains(
            "baseline: 3 closed trade(s) with a stated confidence, Brier score 0.223",
            "no gate advice yet");
    js("document.getElementById('leaderboard-card').scrollIntoView();");
    screenshot("champion-leaderboard");

    assertThat(text("#champion-line .name")).isEqualTo("baseline");
    assertThat(text("#challenger-line .name")).isEqualTo("tight");
    assertThat(text("#challenger-line .closed")).isEqualTo("3");
    assertThat(text("#challenger-line .win-rate")).isEqualTo("100.0 %");
    assertThat(text("#challenger-line .ci")).matches("\\d\\.\\d\\d to \\d\\.\\d\\d");
    assertThat(text("#champion-verdict"))
        .startsWith("the challenger tight beats the champion baseline");

    mark("other");
    assertThat(text("#champion-verdict"))
        .contains("the challenger other has no decisions in this period");
    mark("tight");
    js("document.getElementById('champion-card').scrollIntoView();");
    screenshot("champion-card");

    driver.findElement(By.id("promote")).click();
    Alert confirm = wait.until(ExpectedConditions.alertIsPresent());
    assertThat(confirm.getText())
        .startsWith("Promote tight to champion?")
        .contains("It replaces baseline");
    confirm.accept();
    wait.until(d -> text("#champion-message").equals("tight is the champion now"));
    assertThat(text("#champion-line .name")).isEqualTo("tight");
    assertThat(reasoning.current().activeVersion()).contains(arms.challenger().id());

    driver.get("http://127.0.0.1:" + port + "/engine");
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "ENGINE"));
    assertThat(text("#champion-line .name")).isEqualTo("tight");
    assertThat(driver.findElements(By.id("challenger-line"))).isEmpty();
    assertThat(driver.findElements(By.id("promote")))
        .as("nothing to promote without a challenger")
        .isEmpty();
    assertThat(text("#champion-verdict")).startsWith("no challenger is marked");
    js("document.getElementById('champion-card').scrollIntoView();");
    screenshot("champion-engine");
    assertNoContentSecurityPolicyViolation();
  }
}
