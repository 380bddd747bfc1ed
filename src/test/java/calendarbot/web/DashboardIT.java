package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.AppConfig;
import calendarbot.config.FetchConfig;
import calendarbot.testing.Answer;
import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/dashboard} and {@code GET /dashboard} over a real App. */
class DashboardIT {
  @TempDir Path dataDir;
  private AppFixture fixture;
  private RunningApp app;

  /**
   * The fixture's config without warming (only the test's requests touch the cache) and with a read
   * timeout that a loaded build machine cannot miss: the first refresh must succeed.
   */
  static AppConfig patientConfig(AppFixture fixture) {
    return fixture
        .config()
        .withPipeline(AppFixture.pipelineWithoutWarming())
        .withFetch(new FetchConfig(Duration.ofSeconds(5), Duration.ofSeconds(5), 3, 64 * 1024));
  }

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("kiosk-day.ics", "2026-11-23T09:10:00Z", dataDir);
    app = fixture.start(patientConfig(fixture)).awaitReady();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  @Test
  void dashboard_afterRequests_reportsEveryPanelFromTheApp() throws Exception {
    app.get("/api/whats-next/data");
    app.get("/api/whats-next/data");
    app.get("/api/whats-next/data");

    Answer a = app.anonymous().get("/api/dashboard");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).startsWith("application/json");
    JsonNode d = a.body();
    assertThat(d.path("server_time").asText()).isEqualTo("2026-11-23T10:10+01:00");
    // No metrics registry is wired into App yet: no route latencies, but the field is there.
    assertThat(d.path("latency").isArray()).isTrue();
    JsonNode cache = d.path("cache");
    assertThat(cache.path("hits").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(cache.path("misses").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(cache.path("hit_ratio").asDouble())
        .isEqualTo(
            cache.path("hits").asDouble()
                / (cache.path("hits").asDouble() + cache.path("misses").asDouble()));
    assertThat(cache.path("entries").asLong()).isPositive();
    assertThat(texts(d.path("pools"), "name")).containsExactly("feed_http", "database");
    JsonNode db = d.path("pools").get(1);
    assertThat(db.path("max").asLong()).isPositive();
    assertThat(db.path("utilisation").asDouble()).isBetween(0.0, 1.0);
    JsonNode memory = d.path("memory");
    assertThat(memory.path("heap_used_bytes").asLong()).isPositive();
    assertThat(memory.path("heap_committed_bytes").asLong())
        .isGreaterThanOrEqualTo(memory.path("heap_used_bytes").asLong());
    if (Files.isReadable(Dashboard.PROC_STATUS)) {
      assertThat(memory.path("rss_bytes").asLong()).isPositive();
      assertThat(memory.path("rss_peak_bytes").asLong())
          .isGreaterThanOrEqualTo(memory.path("rss_bytes").asLong());
    }
    assertThat(texts(d.path("breakers"), "name")).contains("pipeline", "feed_pool", "source:work");
    assertThat(texts(d.path("breakers"), "state")).containsOnly("CLOSED");
    JsonNode work = d.path("sources").get(0);
    assertThat(work.path("id").asText()).isEqualTo("work");
    assertThat(work.path("state").asText()).isEqualTo("OK");
    assertThat(work.path("last_success").asText()).isEqualTo("2026-11-23T09:10:00Z");
    assertThat(work.path("event_count").asInt()).isPositive();
    assertThat(d.path("alerts").isArray()).isTrue();
  }

  @Test
  void dashboard_clockMoves_isNeverAnsweredFromTheCache() throws Exception {
    String first = app.get("/api/dashboard").body().path("server_time").asText();
    fixture.clock().advance(Duration.ofMinutes(1));

    String second = app.get("/api/dashboard").body().path("server_time").asText();

    assertThat(first).isEqualTo("2026-11-23T10:10+01:00");
    assertThat(second).isEqualTo("2026-11-23T10:11+01:00");
  }

  @Test
  void dashboardPage_servedWithItsScript_andNoExternalReference() throws Exception {
    var page = app.anonymous().getText("/dashboard");
    var script = app.anonymous().getText("/static/dashboard.js");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<script src=\"/static/dashboard.js\"></script>");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("/api/dashboard");
  }
}
