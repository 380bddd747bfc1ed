package calendarbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryMetricsTest {
  private final InMemoryMetrics metrics = new InMemoryMetrics();

  @Test
  void snapshot_countersTimersAndGauges_areKeyedByNameAndTag() {
    AtomicInteger leased = new AtomicInteger(2);
    metrics.count(MetricNames.FEED_FETCHES, "source=work", 1);
    metrics.count(MetricNames.FEED_FETCHES, "source=work", 2);
    metrics.time(MetricNames.FEED_FETCH_TIME, "source=work", Duration.ofMillis(30));
    metrics.time(MetricNames.FEED_FETCH_TIME, "source=work", Duration.ofMillis(10));
    metrics.gauge(MetricNames.HTTP_POOL_LEASED, null, leased::get);
    leased.set(5);

    assertThat(metrics.snapshot())
        .containsEntry("feed.fetches{source=work}", 3L)
        .containsEntry("feed.fetch.time{source=work}.count", 2L)
        .containsEntry("feed.fetch.time{source=work}.total_ms", 40.0)
        .containsEntry("feed.fetch.time{source=work}.max_ms", 30.0)
        .containsEntry("http.pool.leased", 5.0);
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
  }
}
