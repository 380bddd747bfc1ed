package calendarbot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver: the real browser the page tests use
 * ({@code .ci/run} installs {@code chromium chromium-driver}); nothing is ever downloaded.
 */
public final class HeadlessChromium {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private HeadlessChromium() {}

  /**
   * A new browser with a window of {@code width}×{@code height}; quit it when done.
   *
   * @throws AssertionError naming the package to install when the browser or driver is missing
   */
  public static ChromeDriver start(int width, int height) {
    assertThat(new File(CHROMIUM).canExecute())
        .as(
            CHROMIUM
                + " is missing: the page tests need Debian's chromium and chromedriver"
                + " (apt-get install chromium chromium-driver); they never download a browser")
        .isTrue();
    assertThat(new File(CHROMEDRIVER).canExecute())
        .as(CHROMEDRIVER + " is missing: apt-get install chromium-driver")
        .isTrue();
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=" + width + "," + height);
    return new ChromeDriver(service, options);
  }
}
