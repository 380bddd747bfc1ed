package calendarbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {
  private final MetricsRegistry metrics = new MetricsRegistry();

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void snapshot_countersTimersAndGauges_keepTheKeysOfApiStatus() {
    AtomicInteger leased = new AtomicInteger(2);
    metrics.count(MetricNames.FEED_FETCHES, "source=work", 1);
    metrics.count(MetricNames.FEED_FETCHES, "source=work", 2);
    metrics.count(MetricNames.FEED_FAILURES, "source=work,reason=timeout", 1);
    metrics.time(MetricNames.FEED_FETCH_TIME, "source=work", Duration.ofMillis(30));
    metrics.time(MetricNames.FEED_FETCH_TIME, "source=work", Duration.ofMillis(10));
    metrics.gauge(MetricNames.HTTP_POOL_LEASED, null, leased::get);
    metrics.total(MetricNames.HTTP_FETCHES, null, () -> 7);
    leased.set(5);

    assertThat(metrics.snapshot())
        .containsEntry("feed.fetches{source=work}", 3L)
        .containsEntry("feed.failures{source=work,reason=timeout}", 1L)
        .containsEntry("feed.fetch.time{source=work}.count", 2L)
        .containsEntry("feed.fetch.time{source=work}.total_ms", 40.0)
        .containsEntry("feed.fetch.time{source=work}.max_ms", 30.0)
        .containsEntry("http.pool.leased", 5.0)
        .containsEntry("http.fetches", 7.0);
  }

  @Test
  void snapshot_gaugeThatThrows_isLeftOut() {
    metrics.gauge(
        "broken",
        null,
        () -> {
          throw new IllegalStateException("pool closed");
        });

    assertThat(metrics.snapshot()).doesNotContainKey("broken");
    assertThat(metrics.scrape(null).body()).contains("broken NaN");
  }

  @Test
  void gauge_registeredTwice_readsTheLatestSupplier() {
    metrics.gauge("executor.queue", null, () -> 1);
    metrics.gauge("executor.queue", null, () -> 2);

    assertThat(metrics.snapshot()).containsEntry("executor.queue", 2.0);
  }

  @Test
  void scrape_featureMetrics_areInPrometheusNamesWithParsedTags() {
    metrics.count(MetricNames.FEED_FAILURES, "source=work,reason=timeout", 2);
    metrics.total(MetricNames.PIPELINE_HITS, "type=whats_next", () -> 4);
    metrics.gauge(MetricNames.DB_POOL_MAX, null, () -> 4);

    String body = metrics.scrape(null).body();

    assertThat(body)
        .contains("feed_failures_total{reason=\"timeout\",source=\"work\"} 2.0")
        .contains("pipeline_cache_hits_total{type=\"whats_next\"} 4.0")
        .contains("db_pool_max 4.0");
  }

  @Test
  void scrape_jvmBinders_areRegistered() {
    String body = metrics.scrape(null).body();

    assertThat(body)
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_threads_live_threads")
        .contains("jvm_classes_loaded_classes")
        .contains("process_cpu_usage")
        .contains("system_cpu_count")
        .contains("process_uptime_seconds")
        .contains("process_files_open_files")
        .contains("process_memory_rss_bytes");
  }

  @Test
  void scrape_acceptOpenMetrics_answersOpenMetricsEndingInEof() {
    metrics.count(MetricNames.FEED_FETCHES, "source=work", 1);

    MetricsView.Scrape s = metrics.scrape("application/openmetrics-text; version=1.0.0");

    assertThat(s.contentType()).startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(s.body()).contains("feed_fetches_total{source=\"work\"} 1.0").endsWith("# EOF\n");
  }

  @Test
  void scrape_noAccept_answersPrometheusText() {
    MetricsView.Scrape s = metrics.scrape(null);

    assertThat(s.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(s.body()).doesNotContain("# EOF");
  }

  @Test
  void requestCompleted_recordsAHistogramByRouteMethodAndStatus() {
    metrics.requestCompleted("/api/events", "GET", 200, TimeUnit.MICROSECONDS.toNanos(800));
    metrics.requestCompleted("/api/events", "GET", 400, TimeUnit.MILLISECONDS.toNanos(3));

    String body = metrics.scrape(null).body();

    assertThat(body)
        .contains(
            "http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/events\","
                + "status=\"200\",le=\"0.001\"} 1")
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",route=\"/api/events\","
                + "status=\"400\"} 1");
  }

  @Test
  void latencies_groupStatusesAndInterpolatePercentiles() {
    // 98 requests at 0.8 ms, 2 at 40 ms: p50 in (0.5, 1], p99 in (25, 50].
    for (int i = 0; i < 98; i++) {
      metrics.requestCompleted("/api/whats-next/data", "GET", 200, 800_000);
    }
    metrics.requestCompleted("/api/whats-next/data", "GET", 503, 40_000_000);
    metrics.requestCompleted("/api/whats-next/data", "GET", 200, 40_000_000);
    metrics.requestCompleted("/health", "GET", 200, 100_000);

    List<MetricsView.RouteLatency> l = metrics.latencies();

    assertThat(l)
        .extracting(MetricsView.RouteLatency::route)
        .containsExactly("/api/whats-next/data", "/health");
    MetricsView.RouteLatency w = l.get(0);
    assertThat(w.method()).isEqualTo("GET");
    assertThat(w.count()).isEqualTo(100);
    assertThat(w.p50Ms()).isBetween(0.5, 1.0);
    assertThat(w.p95Ms()).isBetween(0.5, 1.0);
    assertThat(w.p99Ms()).isCloseTo(37.5, within(1e-6));
  }

  @Test
  void perScrape_readsTheStatsOncePerScrape() {
    AtomicInteger calls = new AtomicInteger();
    Supplier<Integer> stats = metrics.perScrape(calls::incrementAndGet);
    metrics.gauge("a", null, () -> stats.get());
    metrics.gauge("b", null, () -> stats.get());
    metrics.gauge("c", null, () -> stats.get());

    metrics.scrape(null);
    assertThat(calls.get()).isEqualTo(1);
    metrics.snapshot();
    assertThat(calls.get()).isEqualTo(2);
    assertThat(metrics.snapshot()).containsEntry("a", 3.0).containsEntry("c", 3.0);
  }
}
