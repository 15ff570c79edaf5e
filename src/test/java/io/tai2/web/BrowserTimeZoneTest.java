package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.TradeRepository;
import io.tai2.testsupport.HttpProbe;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The display time zone (ui.timezone) set through the API: LIVE, HISTORY and DEBUG show known stored times in that zone
 * and name it, the header clock names it, and the page scripts' shared helper (which the ECharts axes and tooltips use)
 * writes times in it. Every expected value is worked out here from the stored instant, not read from the page.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:browser-timezone;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BrowserTimeZoneTest extends BrowserTest {

  static final String ZONE = "America/New_York";
  static final ZoneId NEW_YORK = ZoneId.of(ZONE);

  /** 08:00:05 UTC on a winter day: 03:00:05 in New York (UTC−5), a time no other zone in play would give. */
  static final Instant TRADE_AT = Instant.parse("2026-11-30T08:00:05Z");

  static final Instant ALERT_AT = Instant.parse("2026-11-30T13:45:10Z");

  @LocalServerPort int port;
  @Autowired TradeRepository trades;
  @Autowired ExecutionFeedbackRepository feedback;
  @Autowired DebugLog debugLog;

  @BeforeEach
  void newYork() {
    HttpProbe api = new HttpProbe(port);
    assertThat(
            api.putJson("/api/settings", "{\"ui\":{\"timezone\":\"" + ZONE + "\"}}").statusCode())
        .isEqualTo(200);
    assertThat(api.get("/api/settings").body()).contains("\"ui\":{\"timezone\":\"" + ZONE + "\"}");
  }

  @AfterEach
  void backToUtc() {
    new HttpProbe(port).putJson("/api/settings", "{\"ui\":{\"timezone\":\"UTC\"}}");
  }

  private String js(String script, Object... args) {
    Object result = ((JavascriptExecutor) driver).executeScript(script, args);
    return result == null ? "" : result.toString();
  }

  private String text(String css) {
    return js(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';", css);
  }

  private static String newYork(Instant t, String pattern) {
    return DateTimeFormatter.ofPattern(pattern).format(t.atZone(NEW_YORK));
  }

  @Test
  void
      givenNewYorkAsDisplayZone_whenLiveHistoryAndDebugOpen_thenStoredTimesShowInNewYorkTimeNamedSo() {
    trades.insert(
        WebApiTest.historyTrade(TRADE_AT, "XRP-USDT-SWAP", "buy", "100", null, "-0.02", "entry"));
    feedback.insert(
        new ExecutionFeedback(
            UUID.randomUUID(),
            ALERT_AT,
            "BTC-USDT-SWAP",
            "guardrail",
            "time zone probe",
            Optional.empty(),
            Optional.empty()));

    // LIVE: the alert's time of day in New York, labelled; the header clock names the zone
    driver.get("http://127.0.0.1:" + port + "/");
    wait.until(d -> text("#alerts").contains("time zone probe"));
    assertThat(text("#alerts .when"))
        .isEqualTo("08:45:10 " + ZONE)
        .isEqualTo(newYork(ALERT_AT, "HH:mm:ss") + " " + ZONE);
    assertThat(js("return document.body.dataset.tz;")).isEqualTo(ZONE);
    wait.until(d -> text("#clock").matches("\\d{2}:\\d{2}:\\d{2} " + ZONE));

    // the shared helper the page scripts format with, and the equity chart's axis and tooltip built
    // from it
    assertThat(js("return tai2.time.label('2026-11-30T08:00:05Z');"))
        .isEqualTo("2026-11-30 03:00:05 " + ZONE);
    assertThat(js("return tai2.time.clock(Date.parse('2026-07-04T12:00:05.123Z'), true);"))
        .as("summer time: UTC−4")
        .isEqualTo("08:00:05.123");
    assertThat(js("return tai2.time.short('2026-12-01T02:30:00Z');"))
        .as("the evening before in New York")
        .isEqualTo("11-30 21:30");
    wait.until(
        d ->
            js("const c = window.echarts && echarts.getInstanceByDom(document.getElementById('equity-chart')); return c ? 'drawn' : '';")
                .equals("drawn"));
    assertThat(
            js(
                "const o = echarts.getInstanceByDom(document.getElementById('equity-chart')).getOption();"
                    + "return o.xAxis[0].axisLabel.formatter(Date.parse('2026-11-30T08:00:05Z'));"))
        .isEqualTo("11-30 03:00");
    assertThat(
            js(
                "const o = echarts.getInstanceByDom(document.getElementById('equity-chart')).getOption();"
                    + "return o.tooltip[0].formatter([{axisValue: Date.parse('2026-11-30T08:00:05Z'), seriesName: 'equity', value: ['2026-11-30T08:00:05Z', 10500.5]}]);"))
        .isEqualTo("2026-11-30 03:00:05 " + ZONE + "<br>equity: 10,500.5");

    // HISTORY: the trade's time in New York under a header naming the zone
    driver.get("http://127.0.0.1:" + port + "/history?symbol=XRP-USDT-SWAP");
    wait.until(d -> text("#trade-count").equals("1 trades"));
    assertThat(text("#sort-time")).startsWith("Time (" + ZONE + ")");
    assertThat(js("return document.querySelector('#trades tbody tr').cells[0].innerText.trim();"))
        .isEqualTo("2026-11-30 03:00:05")
        .isEqualTo(newYork(TRADE_AT, "yyyy-MM-dd HH:mm:ss"));

    // DEBUG: a logged line, rendered by the server on load and pushed live to the open page, both
    // in New York time
    LoggerFactory.getLogger("io.tai2.web.TimeZoneProbe").warn("event=time_zone_probe n=1");
    Instant loggedAt =
        debugLog.recent().stream()
            .filter(e -> e.message().equals("event=time_zone_probe n=1"))
            .findFirst()
            .orElseThrow()
            .at();
    driver.get("http://127.0.0.1:" + port + "/debug");
    assertThat(text("#backend-card h2")).contains("times in " + ZONE);
    assertThat(text("#stream-card h2")).contains("times in " + ZONE);
    assertThat(
            js(
                "return Array.from(document.querySelectorAll('#backend li')).filter(li => li.innerText.includes('n=1'))[0]"
                    + ".querySelector('time').innerText;"))
        .isEqualTo(newYork(loggedAt, "HH:mm:ss"));
    wait.until(d -> d.findElement(By.id("stream-light")).getAttribute("class").contains("up"));
    LoggerFactory.getLogger("io.tai2.web.TimeZoneProbe").warn("event=time_zone_probe n=2");
    Instant pushedAt =
        debugLog.recent().stream()
            .filter(e -> e.message().equals("event=time_zone_probe n=2"))
            .findFirst()
            .orElseThrow()
            .at();
    wait.until(
        d ->
            js("return document.getElementById('backend').innerText;")
                .contains("event=time_zone_probe n=2"));
    assertThat(
            js(
                "return Array.from(document.querySelectorAll('#backend li')).filter(li => li.innerText.includes('n=2'))[0]"
                    + ".querySelector('time').innerText;"))
        .isEqualTo(newYork(pushedAt, "HH:mm:ss"));

    // CFG: the field holds the zone and offers the zones to pick from
    driver.get("http://127.0.0.1:" + port + "/cfg");
    assertThat(driver.findElement(By.name("ui.timezone")).getAttribute("value")).isEqualTo(ZONE);
    wait.until(
        d ->
            !js("return document.querySelector(\"[name='ui.timezone']\").getAttribute('list') || '';")
                .isEmpty());
    assertThat(
            js(
                "return String(Array.from(document.getElementById('cfg-timezones').options).map(o => o.value).includes('Europe/Berlin'));"))
        .isEqualTo("true");
    assertNoContentSecurityPolicyViolation();
  }

  @Test
  void givenAZoneThatIsNoIanaId_whenPut_thenA400NamesUiTimezoneAndThePagesKeepTheirZone() {
    HttpProbe api = new HttpProbe(port);
    var refused = api.putJson("/api/settings", "{\"ui\":{\"timezone\":\"New York\"}}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(HttpProbe.JSON.readTree(refused.body()).path("field").asString())
        .isEqualTo("ui.timezone");
    driver.get("http://127.0.0.1:" + port + "/");
    assertThat(js("return document.body.dataset.tz;")).isEqualTo(ZONE);
  }
}
