package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.testsupport.RealServices;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Real headless Chromium (Debian's, with its chromedriver) against the running app. */
abstract class BrowserTest {

  static final List<String> PAGES =
      List.of("LIVE", "TA", "ENGINE", "HISTORY", "DEBUG", "CFG", "LAB");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  WebDriver driver;
  WebDriverWait wait;
  private Path profile;

  @BeforeEach
  void startBrowser() throws IOException {
    RealServices.requireChromium();
    profile = Files.createTempDirectory("tai2-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(RealServices.CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--window-size=1400,900",
        "--user-data-dir=" + profile);
    options.setCapability(
        "goog:loggingPrefs", Map.of("browser", "ALL")); // console errors are asserted on
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(RealServices.CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  @AfterEach
  void stopBrowser() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /** Clicks through every header link and checks the page it lands on; saves one screenshot per page. */
  void clickThroughEveryPage(String screenshotPrefix) throws IOException {
    for (String label : PAGES) {
      WebElement link =
          wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-" + label.toLowerCase())));
      link.click();
      wait.until(ExpectedConditions.textToBe(By.id("page-title"), label));
      assertThat(driver.getTitle()).isEqualTo("tai2 · " + label);
      assertThat(driver.findElement(By.cssSelector(".pages a.active")).getText()).isEqualTo(label);
      assertThat(
              driver.findElements(By.cssSelector(".pages a")).stream()
                  .map(WebElement::getText)
                  .toList())
          .containsExactlyElementsOf(PAGES);
      assertThat(driver.findElement(By.id("env-badge")).getText()).isEqualTo("DEMO");
      String expected =
          switch (label) {
            case "LIVE" -> "#live-panel";
            case "TA" -> "#ta-choice";
            case "ENGINE" -> "#decision-log-card";
            case "HISTORY" -> "#history-table";
            case "DEBUG" -> "#backend-card";
            case "LAB" -> "#lab-form";
            default -> "#section-guardrails";
          };
      assertThat(driver.findElements(By.cssSelector(expected)))
          .as("%s shows %s", label, expected)
          .hasSize(1);
      screenshot(screenshotPrefix + "-" + label.toLowerCase());
    }
    assertNoContentSecurityPolicyViolation();
  }

  /**
   * The pages work under the Content-Security-Policy: Chromium reports each blocked inline script or style, eval or
   * foreign load as a console message naming the policy.
   */
  void assertNoContentSecurityPolicyViolation() {
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(
            e ->
                e.getMessage().contains("Content Security Policy")
                    || e.getMessage().contains("Content-Security-Policy"))
        .as("CSP violations in the browser console")
        .isEmpty();
  }

  void assertClockTicksAndStreamConnects() {
    WebElement clock = driver.findElement(By.id("clock"));
    wait.until(d -> clock.getText().matches("\\d{2}:\\d{2}:\\d{2} UTC"));
    String first = clock.getText();
    wait.until(d -> !clock.getText().equals(first));
    wait.until(d -> d.findElement(By.id("stream-light")).getAttribute("class").contains("up"));
  }

  /** Clicks the element with {@code id}, finding it again when the live page re-rendered it meanwhile. */
  void clickWhenRendered(String id) {
    wait.until(
        d -> {
          try {
            d.findElement(By.id(id)).click();
            return true;
          } catch (StaleElementReferenceException | NoSuchElementException e) {
            return false;
          }
        });
  }

  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
