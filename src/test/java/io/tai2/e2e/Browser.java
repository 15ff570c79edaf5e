package io.tai2.e2e;

import io.tai2.testsupport.RealServices;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium with its chromedriver (no Selenium Manager download), as the page tests use it. */
final class Browser implements AutoCloseable {

  final ChromeDriver driver;
  final WebDriverWait wait;
  private final Path profile;

  Browser() throws IOException {
    RealServices.requireChromium();
    profile = Files.createTempDirectory("tai2-e2e-chromium");
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
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(RealServices.CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  /** An element's text read in one script call (live panels re-render, so held elements go stale); "" when absent. */
  String text(String css) {
    Object r =
        ((JavascriptExecutor) driver)
            .executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';",
                css);
    return r == null ? "" : r.toString();
  }

  long count(String css) {
    Object r =
        ((JavascriptExecutor) driver)
            .executeScript("return document.querySelectorAll(arguments[0]).length;", css);
    return r == null ? 0 : ((Number) r).longValue();
  }

  void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
