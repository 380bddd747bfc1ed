package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calendarbot.flags.FeatureFlags;
import calendarbot.metrics.MetricsView;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.status.SourceStatus;
import calendarbot.testing.AppFixture;
import calendarbot.testing.FakeClock;
import calendarbot.testing.HeadlessChromium;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real headless Chromium: over a real App, and over the dashboard routes alone
 * with fed numbers (route latencies, an open breaker, an alert) that the App cannot produce on
 * demand. Needs Debian's {@code chromium} and {@code chromedriver}, as {@link KioskPageIT} does.
 *
 * <p>The page is opened with {@code ?every=3600}: after its first poll, only the test polls ({@code
 * window.dashboard.poll()}). Screenshots go to {@code target/screenshots/}.
 */
class DashboardPageIT {
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final String PAGE = "/dashboard?every=3600";

  private static ChromeDriver driver;

  @TempDir Path dataDir;
  private AppFixture fixture;
  private WebHarness harness;

  @BeforeAll
  static void startBrowser() {
    driver = HeadlessChromium.start(1280, 800);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @AfterEach
  void tearDown() {
    if (fixture != null) {
      fixture.close();
    }
    if (harness != null) {
      harness.close();
    }
  }

  /** Sizes the window so the page itself is w x h pixels. */
  private static void viewport(int w, int h) {
    driver.manage().window().setSize(new Dimension(w, h));
    long innerW = (Long) driver.executeScript("return window.innerWidth");
    long innerH = (Long) driver.executeScript("return window.innerHeight");
    driver.manage().window().setSize(new Dimension(w + (int) (w - innerW), h + (int) (h - innerH)));
  }

  private static void open(String base) {
    driver.get(base + PAGE);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !driver.findElements(By.cssSelector("#sources tr")).isEmpty());
  }

  private static void poll() {
    ((JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " window.dashboard.poll().then(() => done(true), () => done(false));");
  }

  private static String text(String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText().strip();
  }

  private static List<String> texts(String css) {
    return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getText().strip()).toList();
  }

  /** How many samples the line of {@code series} in chart {@code chart} draws. */
  private static int points(String chart, String series) {
    WebElement path =
        driver.findElement(By.cssSelector("#" + chart + " path[data-series='" + series + "']"));
    return Integer.parseInt(path.getAttribute("data-points"));
  }

  private static void screenshot(String name) throws IOException {
    Files.createDirectories(SHOTS);
    Files.write(SHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void page_realApp_showsItsNumbersAndDrawsEachPoll() throws Exception {
    fixture = AppFixture.serving("kiosk-day.ics", "2026-11-23T09:10:00Z", dataDir);
    RunningApp app = fixture.start(DashboardIT.patientConfig(fixture)).awaitReady();
    app.get("/api/whats-next/data");
    app.get("/api/whats-next/data");
    app.get("/api/whats-next/data");
    viewport(1280, 800);

    open(app.base());
    poll();

    JsonNode d = app.get("/api/dashboard").body();
    JsonNode cache = d.path("cache");
    assertThat(text("#v-hit"))
        .isEqualTo(
            Math.round(cache.path("hit_ratio").asDouble() * 100)
                + "% ("
                + cache.path("hits").asLong()
                + " hits, "
                + cache.path("misses").asLong()
                + " misses, "
                + cache.path("entries").asLong()
                + " entries)");
    assertThat(text("#server-time")).isEqualTo("server time 2026-11-23T10:10+01:00");
    assertThat(texts("#sources tr td:first-child")).containsExactly("Work");
    assertThat(texts("#sources tr td:nth-child(2)")).containsExactly("OK");
    assertThat(text("#sources tr td:nth-child(3)")).isEqualTo("09:10:00 UTC (0 s ago)");
    assertThat(texts("#breakers tr td:first-child"))
        .contains("pipeline", "feed_pool", "source:work");
    assertThat(texts("#breakers td.CLOSED")).isNotEmpty().containsOnly("CLOSED");
    assertThat(text("#legend-pools")).contains("database");
    assertThat(text("#legend-memory")).containsPattern("heap used \\d+\\.\\d");
    // Two polls: every chart fed by the App has a line of two samples.
    assertThat(points("chart-hit", "hit ratio")).isEqualTo(2);
    assertThat(points("chart-pools", "database")).isEqualTo(2);
    assertThat(points("chart-memory", "heap used")).isEqualTo(2);
    assertThat(points("chart-memory", "heap committed")).isEqualTo(2);
    if (Files.isReadable(Dashboard.PROC_STATUS)) {
      assertThat(points("chart-memory", "RSS")).isEqualTo(2);
    }
    assertThat(text("#offline")).isEmpty();

    screenshot("dashboard.png");
    viewport(800, 480);
    screenshot("dashboard-800x480.png");
  }

  @Test
  void page_latenciesOpenBreakerAndAlert_areDrawnAndListed() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    FakeClock clock = FakeClock.at("2026-11-23T09:10:00Z");
    MetricsView.RouteLatency status =
        new MetricsView.RouteLatency("/api/status", "GET", 3, 0.8, 1.5, 2.5);
    SourceStatus work =
        new SourceStatus(
            "work",
            "Work",
            "http://127.0.0.1/work.ics",
            "FAILED",
            true,
            "2026-11-23T08:10:00Z",
            "2026-11-23T09:09:00Z",
            "2026-11-23T09:09:00Z",
            "HTTP 503 from feed",
            "http_status",
            3,
            12,
            "2026-11-23T09:15:00Z");
    Dashboard dashboard =
        new Dashboard(
            () -> {
              int n = polls.incrementAndGet();
              return List.of(
                  new MetricsView.RouteLatency(
                      "/api/whats-next/data", "GET", 100L * n, 0.4 * n, 1.2 * n, 1.9 * n),
                  status);
            },
            RequestPipeline.plain()::stats,
            Map::of,
            () ->
                Map.of(
                    "breakers",
                    List.of(
                        Map.of("name", "pipeline", "state", "CLOSED"),
                        Map.of(
                            "name",
                            "source:work",
                            "state",
                            "OPEN",
                            "since",
                            "2026-11-23T09:05:00Z",
                            "reason",
                            "3 consecutive failures"))),
            () -> List.of(work),
            () ->
                List.of(
                    Map.of(
                        "severity", "WARNING", "message", "source 'work' stale for 3 intervals")),
            () -> new Dashboard.Memory(40L << 20, 64L << 20, 96L << 20, 90L << 20, 110L << 20),
            clock,
            ZoneId.of("UTC"));
    harness =
        WebHarness.start(
            WebHarness.admin(60),
            clock,
            new PageRoutes(),
            new DashboardRoutes(
                dashboard, new Answers(RequestPipeline.plain(), FeatureFlags.allOn())));
    viewport(1280, 800);

    open(harness.base());
    poll();

    assertThat(points("chart-latency", "p50")).isEqualTo(2);
    assertThat(points("chart-latency", "p95")).isEqualTo(2);
    assertThat(points("chart-latency", "p99")).isEqualTo(2);
    assertThat(driver.findElement(By.id("route")).getAttribute("value"))
        .isEqualTo("GET /api/whats-next/data");
    assertThat(text("#legend-latency")).contains("p50 0.80", "p95 2.40", "p99 3.80");
    assertThat(texts("#routes tr td:first-child"))
        .containsExactly("/api/whats-next/data", "/api/status");
    assertThat(text("#breakers td.OPEN")).isEqualTo("OPEN");
    assertThat(text("#breakers tr:nth-child(2) td:nth-child(4)"))
        .isEqualTo("3 consecutive failures");
    assertThat(texts("#alerts li")).containsExactly("WARNING: source 'work' stale for 3 intervals");
    assertThat(texts("#sources tr td:nth-child(2)")).containsExactly("FAILED (stale)");
    assertThat(texts("#sources tr td:nth-child(5)")).containsExactly("HTTP 503 from feed");
    assertThat(text("#v-mem")).isEqualTo("heap max 96.0 · RSS peak 110.0");
    // No pool reports a maximum here: their lines have no point rather than a made-up zero.
    assertThat(points("chart-pools", "database")).isZero();

    screenshot("dashboard-open-breaker.png");
  }
}
