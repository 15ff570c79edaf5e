package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.testsupport.HttpProbe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The CFG form as an operator uses it in Chromium, without reading JSON: percentages typed as %, per-symbol rows, reset
 * to default, unsaved changes marked, the leave prompt, a save by keyboard alone, and a phone-wide screen. Every save is
 * checked through {@code GET /api/settings}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:browser-cfg-form;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class BrowserCfgFormTest extends BrowserTest {

  static final String BTC = "BTC-USDT-SWAP";

  @LocalServerPort int port;

  @BeforeEach
  void baseline() {
    new HttpProbe(port)
        .putJson(
            "/api/settings",
            """
        {"guardrails":{"max_leverage":5,"max_position_pct":0.2,"symbol_position_caps":{}},"scheduler":{"max_concurrent":2}}""");
  }

  private String js(String script, Object... args) {
    Object r = ((JavascriptExecutor) driver).executeScript(script, args);
    return r == null ? "" : r.toString();
  }

  private JsonNode saved() {
    return Json.parse(new HttpProbe(port).get("/api/settings").body());
  }

  private void open() {
    driver.get("http://127.0.0.1:" + port + "/cfg");
    wait.until(ExpectedConditions.textToBe(By.id("page-title"), "CFG"));
  }

  /** Presses Save, accepts the confirmation and waits for the answer; the confirmation's text. */
  private String save(String expected) {
    driver.findElement(By.id("save")).click();
    Alert confirm = wait.until(ExpectedConditions.alertIsPresent());
    String text = confirm.getText();
    confirm.accept();
    wait.until(
        d -> js("return document.getElementById('save-result').textContent").startsWith(expected));
    return text;
  }

  private void type(WebElement input, String text) {
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
  }

  @Test
  void
      givenAShareOfEquity_whenTheOperatorTypesAPercentage_thenTheFractionIsSavedAndShownAsAPercentageAgain() {
    open();
    WebElement maxPosition = driver.findElement(By.name("guardrails.max_position_pct"));
    assertThat(maxPosition.getAttribute("type")).isEqualTo("number");
    assertThat(maxPosition.getDomProperty("value")).as("0.2 shown as 20 %%").isEqualTo("20");
    assertThat(
            List.of(
                maxPosition.getAttribute("min"),
                maxPosition.getAttribute("max"),
                maxPosition.getAttribute("step")))
        .as("the server's range (above 0, at most 1, 6 decimals) in %%")
        .containsExactly("0.0001", "100", "0.0001");
    assertThat(
            js(
                "return document.querySelector(\"label[for='cfg-guardrails-max_position_pct']\").textContent.replace(/\\s+/g, ' ').trim()"))
        .isEqualTo("Max position risky");
    assertThat(
            js(
                "return arguments[0].closest('.field').querySelector('.unit').textContent",
                maxPosition))
        .isEqualTo("% of equity");
    assertThat(
            js(
                "return document.getElementById('help-guardrails-max_position_pct').textContent.replace(/\\s+/g, ' ').trim()"))
        .endsWith("Allowed 0.0001–100 % of equity; default 20 % of equity.");

    assertThat(
            js(
                "const c = tai2.cfg; return [c.toStored('3', 2), c.toShown('0.07', 2), c.toStored('12.5', 2), c.toShown('0.000001', 2),"
                    + " c.toStored('1e1', 2), c.toShown('5', 0), String(c.toStored('abc', 2))].join('|')"))
        .as("the one conversion, exact in decimal")
        .isEqualTo("0.03|7|0.125|0.0001|0.1|5|null");
    type(maxPosition, "3");
    assertThat(save("saved: 1 change(s)"))
        .contains(
            "Max position · guardrails.max_position_pct: 20 % of equity → 3 % of equity   (risky)");

    assertThat(saved().path("guardrails").path("max_position_pct").decimalValue())
        .isEqualByComparingTo("0.03");
    open();
    assertThat(driver.findElement(By.name("guardrails.max_position_pct")).getDomProperty("value"))
        .isEqualTo("3");
    type(driver.findElement(By.name("guardrails.daily_loss_limit_pct")), "2.5");
    save("saved: 1 change(s)");
    assertThat(saved().path("guardrails").path("daily_loss_limit_pct").decimalValue())
        .as("2.5 %% exactly")
        .isEqualByComparingTo("0.025");
    new HttpProbe(port)
        .putJson("/api/settings", "{\"guardrails\":{\"daily_loss_limit_pct\":0.03}}");
  }

  @Test
  void
      givenThePositionCapsPerSymbol_whenARowIsAddedAndLaterRemoved_thenEachIsSavedWithoutAnyJsonTyped() {
    open();
    assertThat(driver.findElements(By.cssSelector("#settings-form textarea[data-kind='json']")))
        .as("no JSON text box")
        .isEmpty();
    WebElement add =
        driver.findElement(
            By.cssSelector(".add-row[data-for='cfg-guardrails-symbol_position_caps']"));

    // a row without a symbol is refused by the page itself, beside the field, without asking
    add.click();
    assertThat(js("return document.activeElement.id"))
        .as("the new row takes the focus")
        .isEqualTo("cfg-guardrails-symbol_position_caps-symbol-0");
    driver.findElement(By.id("save")).click();
    assertThat(ExpectedConditions.alertIsPresent().apply(driver))
        .as("no confirmation for an unfinished row")
        .isNull();
    assertThat(
            js(
                "return document.getElementById('error-guardrails-symbol_position_caps').textContent"))
        .isEqualTo("Position cap per symbol, row 1: choose a symbol");

    Select symbol =
        new Select(driver.findElement(By.id("cfg-guardrails-symbol_position_caps-symbol-0")));
    assertThat(symbol.getOptions().stream().map(o -> o.getAttribute("value")).toList())
        .as("the tracked pairs")
        .containsExactly("", BTC);
    symbol.selectByValue(BTC);
    WebElement cap = driver.findElement(By.id("cfg-guardrails-symbol_position_caps-value-0"));
    assertThat(cap.getAttribute("aria-label"))
        .isEqualTo("Position cap per symbol for " + BTC + " (% of equity)");
    cap.sendKeys("2");
    assertThat(save("saved: 1 change(s)"))
        .contains("guardrails.symbol_position_caps: none → " + BTC + " 2 % of equity");
    assertThat(saved().path("guardrails").path("symbol_position_caps").toString())
        .isEqualTo("{\"" + BTC + "\":0.02}");

    // after a reload the row shows the saved cap in %; removing it saves the empty map
    open();
    assertThat(
            new Select(driver.findElement(By.id("cfg-guardrails-symbol_position_caps-symbol-0")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo(BTC);
    assertThat(
            driver
                .findElement(By.id("cfg-guardrails-symbol_position_caps-value-0"))
                .getDomProperty("value"))
        .isEqualTo("2");
    driver
        .findElement(By.cssSelector("#rows-cfg-guardrails-symbol_position_caps .row-remove"))
        .click();
    assertThat(js("return document.activeElement.dataset.for || document.activeElement.id"))
        .as("the keyboard stays in the list")
        .isEqualTo("cfg-guardrails-symbol_position_caps");
    assertThat(save("saved: 1 change(s)"))
        .contains("guardrails.symbol_position_caps: " + BTC + " 2 % of equity → none");
    assertThat(saved().path("guardrails").path("symbol_position_caps").toString()).isEqualTo("{}");

    // the server's refusal shows beside its row: a cap above the max position
    addRow("cfg-guardrails-symbol_position_caps");
    new Select(driver.findElement(By.id("cfg-guardrails-symbol_position_caps-symbol-0")))
        .selectByValue(BTC);
    driver.findElement(By.id("cfg-guardrails-symbol_position_caps-value-0")).sendKeys("30");
    save(
        "guardrails.symbol_position_caps."
            + BTC
            + ": the position cap of "
            + BTC
            + " must be at most max_position_pct");
    assertThat(
            js(
                "return document.getElementById('error-guardrails-symbol_position_caps-"
                    + BTC
                    + "').textContent"))
        .startsWith(
            "the position cap of " + BTC + " must be at most max_position_pct (0.2), was 0.3");
    assertThat(saved().path("guardrails").path("symbol_position_caps").toString())
        .as("nothing saved")
        .isEqualTo("{}");
    noConsoleErrorsBut("/api/settings");
  }

  @Test
  void
      givenAChangedSetting_whenResetToItsDefault_thenTheFieldIsMarkedUnsavedAndTheDefaultIsSaved() {
    new HttpProbe(port).putJson("/api/settings", "{\"guardrails\":{\"max_leverage\":4}}");
    open();
    WebElement maxLeverage = driver.findElement(By.name("guardrails.max_leverage"));
    WebElement reset =
        driver.findElement(By.cssSelector("button.reset[data-for='cfg-guardrails-max_leverage']"));
    assertThat(maxLeverage.getDomProperty("value")).isEqualTo("4");
    assertThat(reset.getAttribute("aria-label")).isEqualTo("reset Maximum leverage to its default");
    assertThat(reset.isEnabled()).isTrue();

    reset.click();

    assertThat(maxLeverage.getDomProperty("value")).isEqualTo("5");
    assertThat(maxLeverage.getAttribute("class")).contains("changed");
    assertThat(
            js(
                "return String(arguments[0].closest('.field').classList.contains('dirty'))",
                maxLeverage))
        .isEqualTo("true");
    assertThat(js("return document.getElementById('changes').textContent"))
        .isEqualTo("1 unsaved change(s)");
    assertThat(reset.isEnabled()).as("already at the default").isFalse();
    assertThat(save("saved: 1 change(s)")).contains("guardrails.max_leverage: 4 x → 5 x");
    assertThat(saved().path("guardrails").path("max_leverage").decimalValue())
        .isEqualByComparingTo("5");

    // a map resets to no rows, the model to the default model (the list follows the hidden box)
    addRow("cfg-execution-min_contracts");
    new Select(driver.findElement(By.id("cfg-execution-min_contracts-symbol-0")))
        .selectByValue(BTC);
    driver.findElement(By.id("cfg-execution-min_contracts-value-0")).sendKeys("3");
    driver
        .findElement(By.cssSelector("button.reset[data-for='cfg-execution-min_contracts']"))
        .click();
    assertThat(driver.findElements(By.cssSelector("#rows-cfg-execution-min_contracts .row-line")))
        .isEmpty();
    assertThat(js("return document.getElementById('changes').textContent")).isEqualTo("no changes");
  }

  @Test
  void
      givenUnsavedChanges_whenTheOperatorWouldLeave_thenThePageAsksFirstAndTheChangesAreMarkedUntilSaved() {
    open();
    assertThat(js("return String(window.onbeforeunload)")).as("nothing to lose").isEqualTo("null");
    WebElement interval = driver.findElement(By.name("scheduler.interval_seconds"));
    assertThat(interval.getDomProperty("value")).isEqualTo("300");

    type(interval, "600");
    assertThat(interval.getAttribute("class")).contains("changed");
    assertThat(js("return document.getElementById('changes').textContent"))
        .isEqualTo("1 unsaved change(s)");
    assertThat(js("return typeof window.onbeforeunload"))
        .as("leaving asks first")
        .isEqualTo("function");
    assertThat(
            js(
                "const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return String(e.defaultPrevented);"))
        .as("the browser is told to ask")
        .isEqualTo("true");

    type(interval, "300");
    assertThat(js("return document.getElementById('changes').textContent"))
        .as("back to what is saved")
        .isEqualTo("no changes");
    assertThat(interval.getAttribute("class")).doesNotContain("changed");
    assertThat(js("return String(window.onbeforeunload)")).isEqualTo("null");

    type(driver.findElement(By.name("scheduler.max_concurrent")), "4");
    assertThat(js("return typeof window.onbeforeunload")).isEqualTo("function");
    save("saved: 1 change(s)");
    assertThat(js("return String(window.onbeforeunload)"))
        .as("saved: nothing to lose")
        .isEqualTo("null");
    assertThat(
            js(
                "return document.querySelectorAll('#settings-form .changed, #settings-form .field.dirty').length"))
        .isEqualTo("0");
    assertThat(saved().path("scheduler").path("max_concurrent").asInt()).isEqualTo(4);
  }

  @Test
  void givenOnlyAKeyboard_whenTheOperatorTabsToAFieldTypesAndTabsToSave_thenEnterSavesIt()
      throws IOException {
    open();
    List<String> order = tabUntil("cfg-scheduler-max_concurrent", 300);
    assertThat(order)
        .as("the header first, then the settings in page order")
        .contains("nav-cfg", "cfg-guardrails-min_leverage");
    assertThat(order.indexOf("cfg-guardrails-min_leverage"))
        .as("plain fields before the risky sub-group")
        .isLessThan(order.indexOf("cfg-guardrails-max_leverage"));
    assertThat(js("return getComputedStyle(document.activeElement).outlineStyle"))
        .as("the focus is visible")
        .isNotEqualTo("none");

    new Actions(driver)
        .keyDown(Keys.CONTROL)
        .sendKeys("a")
        .keyUp(Keys.CONTROL)
        .sendKeys("3")
        .perform();
    List<String> toSave = tabUntil("save", 300);
    assertThat(toSave)
        .as("from the field onwards, nothing outside the form comes before Save")
        .allMatch(
            id ->
                id.startsWith("cfg-")
                    || id.startsWith("reset:")
                    || id.startsWith("add-row:")
                    || id.startsWith("ab-")
                    || id.startsWith("shadow-")
                    || id.startsWith("model-")
                    || id.equals("save"));
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    Alert confirm = wait.until(ExpectedConditions.alertIsPresent());
    assertThat(confirm.getText())
        .contains("Cycles at once · scheduler.max_concurrent: 2 cycles → 3 cycles");
    confirm.accept();
    wait.until(
        d ->
            js("return document.getElementById('save-result').textContent")
                .equals("saved: 1 change(s)"));
    assertThat(saved().path("scheduler").path("max_concurrent").asInt()).isEqualTo(3);
    ((JavascriptExecutor) driver)
        .executeScript("document.getElementById('section-reasoning').scrollIntoView();");
    screenshot("cfg-reasoning");
  }

  /** Presses Tab until the element {@code id} has the focus; what had it on the way (buttons as kind:for). */
  private List<String> tabUntil(String id, int most) {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < most; i++) {
      new Actions(driver).sendKeys(Keys.TAB).perform();
      String at =
          js(
              "const e = document.activeElement; return e.id || (e.classList.contains('reset') ? 'reset:' + e.dataset.for"
                  + " : e.classList.contains('add-row') ? 'add-row:' + e.dataset.for : e.tagName);");
      seen.add(at);
      if (at.equals(id)) {
        return seen;
      }
    }
    throw new AssertionError(id + " never took the focus; on the way: " + seen);
  }

  @Test
  void givenAPhone_whenCfgIsOpen_thenNothingSpillsSidewaysAndEveryControlIsLabelledAndExplained()
      throws IOException {
    driver.manage().window().setSize(new Dimension(390, 844));
    open();
    addRow("cfg-guardrails-symbol_position_caps");
    addRow("cfg-market-trading_pairs");

    List<?> widths =
        (List<?>)
            ((JavascriptExecutor) driver)
                .executeScript(
                    "return [document.documentElement.scrollWidth, window.innerWidth,"
                        + " Array.from(document.querySelectorAll('#settings-form, #settings-form section, #settings-form fieldset, #settings-form .field'))"
                        + ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.id || e.className).slice(0, 8).join(', ')];");
    assertThat(((Number) widths.get(0)).intValue())
        .as("the page at 390 px")
        .isLessThanOrEqualTo(((Number) widths.get(1)).intValue());
    assertThat(widths.get(2)).as("parts of the form that scroll sideways").isEqualTo("");
    screenshot("cfg-phone");

    String unlabelled =
        js(
            "return Array.from(document.querySelectorAll('#settings-form input, #settings-form select, #settings-form textarea'))"
                + ".filter(e => e.type !== 'hidden' && e.offsetParent !== null && e.id !== 'confirm-password')"
                + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))"
                + ".map(e => e.id || e.name).join(', ');");
    assertThat(unlabelled).as("controls without a label").isEmpty();
    String unexplained =
        js(
            "return Array.from(document.querySelectorAll('#settings-form [data-kind]'))"
                + ".filter(e => e.type !== 'hidden' && !(e.getAttribute('aria-describedby') || '').split(' ')"
                + ".some(id => document.getElementById(id) && document.getElementById(id).textContent.trim()))"
                + ".map(e => e.name).join(', ');");
    assertThat(unexplained).as("settings without a help text tied by aria-describedby").isEmpty();
    assertThat(
            js(
                "return Array.from(document.querySelectorAll('#section-guardrails fieldset.risky-group [data-kind]')).map(e => e.name).join(',')"))
        .as("the risky guardrails together")
        .contains(
            "guardrails.max_leverage",
            "guardrails.symbol_position_caps",
            "guardrails.require_protection")
        .doesNotContain("guardrails.min_leverage,");
    assertThat(
            js(
                "return document.querySelector('#section-execution fieldset.risky-group legend').textContent"))
        .contains("password");
    assertNoContentSecurityPolicyViolation();
  }

  /** "add row" of a list, scrolled to the middle first (the save bar covers the bottom of the window once something changed). */
  private void addRow(String list) {
    WebElement add = driver.findElement(By.cssSelector(".add-row[data-for='" + list + "']"));
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].scrollIntoView({ block: 'center' });", add);
    add.click();
  }

  private void noConsoleErrorsBut(String refused) {
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .filteredOn(
            e -> !(e.getMessage().contains(refused) && e.getMessage().contains("status of 400")))
        .as("browser console errors")
        .isEmpty();
  }
}
