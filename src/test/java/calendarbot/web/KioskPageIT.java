package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calendarbot.testing.AppFixture;
import calendarbot.testing.HeadlessChromium;
import calendarbot.testing.RunningApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The kiosk page in a real headless Chromium against the real App. Needs Debian's {@code chromium}
 * and {@code chromedriver} (CI installs them); without them the test fails and says so. Selenium
 * Manager never runs: both binaries are named here.
 *
 * <p>Screenshots go to {@code target/screenshots/}.
 */
class KioskPageIT {
  private static final Path SHOTS = Path.of("target", "screenshots");

  /**
   * Monday 2026-11-23 10:10 in Berlin: "Architecture review" (10:00–11:00, Teams) is in progress,
   * "Planning" (11:30, Zoom) is next, "1:1 with Sam" (15:00) and "Retro" (16:30) come later, "Team
   * offsite" is all day.
   */
  private static final String NOW = "2026-11-23T09:10:00Z";

  /** The page at {@link #NOW}. */
  private static final String PAGE = "/?debug_time=2026-11-23T09:10:00Z";

  private static ChromeDriver driver;

  @TempDir Path dataDir;
  private AppFixture fixture;
  private RunningApp k;

  @BeforeAll
  static void startBrowser() {
    driver = HeadlessChromium.start(480, 800);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("kiosk-day.ics", NOW, dataDir);
    k = fixture.startReady();
    viewport(480, 800);
  }

  /** Sizes the window so the page itself (not the window with its frame) is w x h pixels. */
  private static void viewport(int w, int h) {
    driver.manage().window().setSize(new Dimension(w, h));
    long innerW = (Long) driver.executeScript("return window.innerWidth");
    long innerH = (Long) driver.executeScript("return window.innerHeight");
    driver.manage().window().setSize(new Dimension(w + (int) (w - innerW), h + (int) (h - innerH)));
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private void open(String path) {
    driver.get(k.base() + path);
    await().atMost(Duration.ofSeconds(10)).until(() -> !text("#status").isEmpty());
  }

  private String text(String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText().strip();
  }

  private List<String> texts(String css) {
    return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getText().strip()).toList();
  }

  private void poll() {
    ((JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " window.calendarBot.poll().then(() => done(true), () => done(false));");
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SHOTS);
    Files.write(SHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void page_meetingInProgress_showsCurrentNextLaterAllDayAndLinks() throws IOException {
    open(PAGE);

    assertThat(text("#now .ev.cur .title")).isEqualTo("Architecture review");
    assertThat(text("#now .ev.cur .when")).isEqualTo("10:00–11:00");
    assertThat(text("#now .ev.cur .where")).isEqualTo("Room 4");
    assertThat(text("#now .ev.cur .remain")).isEqualTo("50 min left");
    assertThat(text("#status")).isEqualTo("In progress");
    assertThat(text("#clock")).isEqualTo("10:10");
    assertThat(text("#date")).isEqualTo("Monday, 23 November 2026");
    assertThat(text("#next .ev.next .title")).isEqualTo("Planning");
    assertThat(text("#next .ev.next .when")).isEqualTo("11:30–12:00");
    // 80 minutes ahead, counted down from the server's instant (a second may already be gone).
    assertThat(text("#next .countdown")).isIn("01:20:00", "01:19:59", "01:19:58");
    assertThat(texts("#later li .s")).containsExactly("1:1 with Sam", "Retro");
    assertThat(texts("#later li .t")).containsExactly("15:00–15:30", "16:30–17:30");
    assertThat(texts("#allday .chip")).hasSize(1).first().asString().startsWith("Team offsite");

    WebElement teams = driver.findElement(By.cssSelector("#now .ev.cur a.join"));
    assertThat(teams.getText()).isEqualTo("Join Teams");
    assertThat(teams.getAttribute("href")).startsWith("https://teams.microsoft.com/l/meetup-join/");
    WebElement zoom = driver.findElement(By.cssSelector("#next .ev.next a.join"));
    assertThat(zoom.getText()).isEqualTo("Join Zoom");
    assertThat(zoom.getAttribute("href")).isEqualTo("https://example.zoom.us/j/123456789");
    assertThat(text("#notice")).isEmpty();
    assertThat(text("#offline")).isEmpty();

    screenshot("kiosk-480x800.png");
    viewport(800, 480);
    screenshot("kiosk-800x480.png");
    viewport(1920, 1080);
    screenshot("kiosk-1920x1080.png");
  }

  @Test
  void page_settingsChange_reachesTheRunningPageWithItsNextPoll() throws Exception {
    open(PAGE);
    assertThat(texts("#later li .s")).containsExactly("1:1 with Sam", "Retro");

    assertThat(
            k.putText(
                    "/api/settings",
                    "{\"display\": {\"clock\": \"12h\", \"theme\": \"dark\"},"
                        + " \"filters\": {\"title_patterns\": [{\"pattern\": \"retro\"}]}}")
                .statusCode())
        .isEqualTo(200);
    poll();

    assertThat(texts("#later li .s")).containsExactly("1:1 with Sam");
    assertThat(text("#next .ev.next .when")).isEqualTo("11:30 AM–12:00 PM");
    assertThat(driver.findElement(By.tagName("html")).getAttribute("class")).contains("dark");
  }

  @Test
  void page_countdown_ticksEverySecond() {
    open(PAGE);
    String first = text("#next .countdown");

    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !text("#next .countdown").equals(first));

    assertThat(text("#next .countdown")).matches("01:(20:00|19:[0-5][0-9])").isNotEqualTo(first);
  }

  @Test
  void page_lastFiveMinutesOfAMeeting_saysWrapUp() {
    open("/?debug_time=2026-11-23T09:56:00Z");

    assertThat(text("#status")).isEqualTo("In progress — Wrap up");
    assertThat(text("#now .ev.cur .remain")).isEqualTo("Wrap up · 4 min left");
  }

  @Test
  void page_nothingInProgress_saysFreeUntilAndTheStatusByMinutes() {
    open("/?debug_time=2026-11-23T10:05:00Z");

    assertThat(text("#now .free")).isEqualTo("Free until 11:30");
    assertThat(text("#status")).isEqualTo("Starting within the hour");
    assertThat(text("#next .countdown")).matches("(25:00|24:5[0-9])");
  }

  @Test
  void page_boundaryPasses_rerendersWithoutAPoll() {
    // 11:29:58: Planning starts two seconds later; the page must move it to "Now" by itself.
    open("/?debug_time=2026-11-23T10:29:58Z");
    assertThat(text("#status")).isEqualTo("Starting very soon");

    await()
        .atMost(Duration.ofSeconds(6))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> text("#now .ev.cur .title").equals("Planning"));

    assertThat(text("#status")).isEqualTo("In progress");
    assertThat(text("#next .ev.next .title")).isEqualTo("1:1 with Sam");
  }

  @Test
  void page_einkThemeParameter_rendersPureBlackOnWhite() throws IOException {
    open(PAGE + "&theme=eink");

    assertThat(driver.findElement(By.tagName("html")).getAttribute("class")).contains("theme-eink");
    String color =
        (String)
            ((JavascriptExecutor) driver)
                .executeScript(
                    "return getComputedStyle(document.querySelector('#now .ev .title')).color");
    assertThat(color).isEqualTo("rgb(0, 0, 0)");
    assertThat(
            ((JavascriptExecutor) driver)
                .executeScript("return getComputedStyle(document.body).backgroundColor"))
        .isIn("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)");
    screenshot("kiosk-480x800-eink.png");
  }

  @Test
  void page_agendaLayout_listsTodayAndTomorrow() {
    open(PAGE + "&layout=agenda");

    await().atMost(Duration.ofSeconds(5)).until(() -> texts("#agenda h2.day").size() == 2);
    assertThat(texts("#agenda h2.day")).containsExactly("Today, Mon 23", "Tomorrow, Tue 24");
    assertThat(texts("#agenda li .s"))
        .containsExactly(
            "Team offsite", "Architecture review", "Planning", "1:1 with Sam", "Retro", "Standup");
    assertThat(driver.findElement(By.id("now")).isDisplayed()).isFalse();
  }

  @Test
  void page_pollInTheSameState_gets304AndKeepsCountingDown() {
    open(PAGE);

    poll();

    Object statuses =
        driver.executeScript(
            "return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.indexOf('/api/whats-next/data') >= 0)"
                + ".map(e => e.responseStatus)");
    assertThat(String.valueOf(statuses)).isEqualTo("[200, 304]");
    assertThat(text("#next .ev.next .title")).isEqualTo("Planning");
    assertThat(text("#next .countdown")).matches("01:(20:00|19:[0-5][0-9])");
  }

  @Test
  void page_feedStartsFailing_showsTheStaleNoticeAndKeepsTheEvents() throws Exception {
    open(PAGE);
    fixture.feeds().path(AppFixture.FEED_PATH).etag("\"broken\"").status(500).body("oops");
    assertThat(k.postText("/api/refresh", "").body()).contains("FAILED");

    poll();

    assertThat(text("#notice")).isEqualTo("Calendar ‘Work’ could not be updated since 10:10");
    assertThat(text("#now .ev.cur .title")).isEqualTo("Architecture review");
    assertThat(text("#next .ev.next .title")).isEqualTo("Planning");
  }

  @Test
  void page_serverStops_showsOfflineAndKeepsTheLastSchedule() {
    open(PAGE);
    k.close();

    poll();

    assertThat(text("#offline")).matches("Offline since 10:1[01] — showing last known schedule");
    assertThat(text("#now .ev.cur .title")).isEqualTo("Architecture review");
    assertThat(text("#next .ev.next .title")).isEqualTo("Planning");
  }

  @Test
  void page_hideThisOne_removesTheEventAndTheServerForgetsIt() throws Exception {
    open(PAGE + "#token=" + AppFixture.ADMIN_TOKEN);
    // The token moved into storage, out of the address bar.
    assertThat(driver.getCurrentUrl()).doesNotContain("token").endsWith(PAGE);

    driver.findElement(By.cssSelector("#later li[data-id] .x")).click();
    assertThat(driver.findElement(By.id("confirm")).isDisplayed()).isTrue();
    assertThat(text("#confirm-title")).isEqualTo("“1:1 with Sam”");
    driver.findElement(By.id("hide-one")).click();

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !texts("#later li .s").contains("1:1 with Sam"));
    assertThat(texts("#later li .s")).containsExactly("Retro");
    assertThat(driver.findElement(By.id("confirm")).isDisplayed()).isFalse();
    assertThat(k.getText("/api/whats-next/data?debug_time=2026-11-23T09:10:00Z").body())
        .doesNotContain("1:1 with Sam");
  }

  @Test
  void page_hideCancelled_keepsTheEvent() {
    open(PAGE);

    driver.findElement(By.cssSelector("#later li[data-id] .x")).click();
    driver.findElement(By.id("hide-cancel")).click();

    assertThat(driver.findElement(By.id("confirm")).isDisplayed()).isFalse();
    assertThat(texts("#later li .s")).containsExactly("1:1 with Sam", "Retro");
  }

  @Test
  void page_hideWithoutToken_showsTheServersReasonAndKeepsTheEvent() {
    open(PAGE);
    driver.executeScript("localStorage.clear()");

    driver.findElement(By.cssSelector("#later li[data-id] .x")).click();
    driver.findElement(By.id("hide-one")).click();

    await().atMost(Duration.ofSeconds(5)).until(() -> !text("#notice").isEmpty());
    assertThat(text("#notice"))
        .startsWith("Could not hide “1:1 with Sam” (POST /api/events/hide needs the admin token");
    assertThat(texts("#later li .s")).containsExactly("1:1 with Sam", "Retro");
  }

  @Test
  void page_clientCookie_isSetOnceAndKeptAcrossLoads() {
    driver.manage().deleteAllCookies();
    open(PAGE);
    org.openqa.selenium.Cookie first = driver.manage().getCookieNamed("cb_client");

    open(PAGE);
    org.openqa.selenium.Cookie second = driver.manage().getCookieNamed("cb_client");

    assertThat(first).isNotNull();
    assertThat(first.getValue()).matches("k[0-9a-f]{24}");
    assertThat(first.getPath()).isEqualTo("/");
    assertThat(first.getSameSite()).isEqualTo("Strict");
    assertThat(first.getExpiry())
        .isAfter(new java.util.Date(System.currentTimeMillis() + 300L * 86_400_000L));
    assertThat(second.getValue()).isEqualTo(first.getValue());
  }

  @Test
  void page_emergencyAnswer_saysItShowsSavedDataAndStillRendersIt() {
    open(PAGE);
    assertThat(driver.findElement(By.id("emergency")).isDisplayed()).isFalse();
    // The answer the server gives when it falls back to its last good snapshot: the real one,
    // marked as the fallback chain marks it (saved at 09:56 Berlin, 14 minutes old).
    driver.executeScript(
        "const real = window.fetch;"
            + " window.fetch = (url, opts) => url.indexOf('/api/whats-next/data') < 0"
            + "   ? real(url, opts)"
            + "   : real(url, {cache: 'no-store'}).then((r) => r.json().then((d) => {"
            + "       d.stale = true;"
            + "       d.emergency = {saved_at: '2026-11-23T09:56:00+01:00', age_seconds: 840};"
            + "       return new Response(JSON.stringify(d), {status: 200, headers: {"
            + "         'Content-Type': 'application/json',"
            + "         'X-Server-Time': r.headers.get('X-Server-Time')}});"
            + "     }));");

    poll();

    assertThat(driver.findElement(By.id("emergency")).isDisplayed()).isTrue();
    assertThat(text("#emergency"))
        .isEqualTo(
            "Showing saved data from 09:56, 14 min old: the server cannot read the calendar right now");
    assertThat(text("#now .ev.cur .title")).isEqualTo("Architecture review");
    assertThat(text("#next .ev.next .title")).isEqualTo("Planning");
  }
}
