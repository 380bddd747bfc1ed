package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of the real App after real requests. */
class MetricsIT {
  private static final String NOW = "2026-11-23T09:10:00Z";

  @TempDir Path dataDir;
  private AppFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("api-day.ics", NOW, dataDir);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  /**
   * The scrape once it shows {@code expected}: a request is recorded when its exchange completes,
   * which may be a moment after its client has the answer.
   */
  private static String scrapeShowing(RunningApp app, String expected) {
    String[] body = new String[1];
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              body[0] = app.getText("/metrics").body();
              assertThat(body[0]).contains(expected);
            });
    return body[0];
  }

  @Test
  void metrics_afterRequests_showJvmHttpAndAppMetrics() throws Exception {
    RunningApp app = fixture.startReady();
    app.get("/api/whats-next/data");
    app.get("/api/whats-next/data");
    app.get("/api/events?start=2026-11-23&end=2026-11-24");
    app.getText("/static/kiosk.css");

    HttpResponse<String> r = app.getText("/metrics");
    String body =
        scrapeShowing(
            app,
            "http_server_requests_seconds_count{method=\"GET\",route=\"/api/events\","
                + "status=\"200\"} 1");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(body)
        // JVM
        .contains("jvm_memory_used_bytes{area=\"heap\"")
        .contains("jvm_gc_")
        .contains("jvm_threads_live_threads ")
        .contains("process_cpu_usage ")
        .contains("jvm_classes_loaded_classes ")
        .contains("process_uptime_seconds ")
        .contains("process_memory_rss_bytes ")
        // HTTP server, by route template
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",route=\"/api/whats-next/data\","
                + "status=\"200\"} 2")
        .contains(
            "http_server_requests_seconds_bucket{method=\"GET\",route=\"/static/{file}\","
                + "status=\"200\",le=\"+Inf\"} 1")
        // the app: feeds, pools, cache, breakers, flags, memory
        .contains("feed_fetches_total{source=\"work\"} ")
        .contains("feed_bytes_total{source=\"work\"} " + fixture.feed().length() + ".0")
        .contains("feed_events{source=\"work\"} ")
        .contains("feed_last_success_seconds{source=\"work\"} ")
        .contains("http_pool_max 100.0")
        .contains("db_pool_max 4.0")
        .contains("pipeline_cache_misses_total{type=\"whats_next\"} ")
        .contains("pipeline_cache_entries ")
        .contains("resilience_breaker_state{breaker=\"pipeline\",state=\"CLOSED\"} 1.0")
        .contains("resilience_breaker_state{breaker=\"source:work\",state=\"OPEN\"} 0.0")
        .contains("resilience_memory_level 0.0")
        .contains("flags_enabled_percent{flag=\"response_cache\"} ")
        .contains("executor_queue ");
  }

  @Test
  void metrics_unmatchedPaths_areTaggedByKindNeverByRawPath() throws Exception {
    RunningApp app = fixture.startReady();
    assertThat(app.getText("/no/such/page-4711").statusCode()).isEqualTo(404);
    assertThat(app.getText("/static/missing-4712.js").statusCode()).isEqualTo(404);
    assertThat(app.putText("/api/status", "{}").statusCode()).isEqualTo(405);

    String body =
        scrapeShowing(
            app,
            "http_server_requests_seconds_count{method=\"PUT\",route=\"UNMATCHED\","
                + "status=\"405\"} 1");

    assertThat(body)
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",route=\"NOT_FOUND\","
                + "status=\"404\"} 1")
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",route=\"/static/{file}\","
                + "status=\"404\"} 1")
        .doesNotContain("4711")
        .doesNotContain("4712");
  }

  @Test
  void metrics_acceptOpenMetrics_answersOpenMetrics() throws Exception {
    RunningApp app = fixture.startReady();

    HttpResponse<String> r =
        app.getText(
            "/metrics",
            "Accept",
            "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(r.body()).contains("feed_fetches_total{source=\"work\"} ").endsWith("# EOF\n");
  }

  @Test
  void metrics_isOpenWithoutTheAdminToken() throws Exception {
    RunningApp app = fixture.startReady();

    assertThat(app.anonymous().getText("/metrics").statusCode()).isEqualTo(200);
  }
}
