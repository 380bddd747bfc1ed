package calendarbot;

import calendarbot.metrics.InMemoryMetrics;
import calendarbot.metrics.MetricNames;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import calendarbot.source.FeedFetcher;
import calendarbot.store.Database;
import java.util.List;

/** The gauges {@link App} registers over its components' statistics. */
final class AppMetrics {
  private AppMetrics() {}

  static void registerDatabaseMetrics(InMemoryMetrics metrics, Database database) {
    metrics.gauge(MetricNames.DB_POOL_ACTIVE, null, () -> database.connectionStats().active());
    metrics.gauge(MetricNames.DB_POOL_IDLE, null, () -> database.connectionStats().idle());
    metrics.gauge(MetricNames.DB_POOL_PENDING, null, () -> database.connectionStats().waiting());
    metrics.gauge(MetricNames.DB_POOL_MAX, null, () -> database.connectionStats().maxSize());
    metrics.gauge(
        MetricNames.DB_CONNECTIONS_CREATED, null, () -> database.connectionStats().created());
    metrics.gauge(MetricNames.DB_OPERATIONS, null, () -> database.connectionStats().served());
    metrics.gauge(MetricNames.DB_REUSE_RATIO, null, () -> database.connectionStats().reuseRatio());
    metrics.gauge(MetricNames.DB_LEAKS, null, () -> database.connectionStats().leaks());
  }

  static void registerPipelineMetrics(InMemoryMetrics metrics, RequestPipeline pipeline) {
    for (RequestType t : RequestType.values()) {
      metrics.gauge(
          MetricNames.PIPELINE_HITS,
          t.code(),
          () -> pipeline.stats().cache().byType().get(t.code()).hits());
      metrics.gauge(
          MetricNames.PIPELINE_MISSES,
          t.code(),
          () -> pipeline.stats().cache().byType().get(t.code()).misses());
    }
    metrics.gauge(MetricNames.PIPELINE_ENTRIES, null, () -> pipeline.stats().cache().entries());
    metrics.gauge(
        MetricNames.PIPELINE_WEIGHT_BYTES, null, () -> pipeline.stats().cache().weightBytes());
    for (String cause : List.of("expired", "size", "invalidated")) {
      metrics.gauge(
          MetricNames.PIPELINE_EVICTIONS,
          cause,
          () -> pipeline.stats().cache().evictions().getOrDefault(cause, 0L));
    }
    metrics.gauge(
        MetricNames.PIPELINE_SINGLE_FLIGHT_JOINS, null, () -> pipeline.stats().singleFlightJoins());
  }

  static void registerHttpMetrics(InMemoryMetrics metrics, FeedFetcher feeds) {
    metrics.gauge(MetricNames.HTTP_POOL_LEASED, null, () -> feeds.connectionStats().leased());
    metrics.gauge(MetricNames.HTTP_POOL_AVAILABLE, null, () -> feeds.connectionStats().available());
    metrics.gauge(MetricNames.HTTP_POOL_PENDING, null, () -> feeds.connectionStats().pending());
    metrics.gauge(MetricNames.HTTP_POOL_MAX, null, () -> feeds.connectionStats().max());
    metrics.gauge(MetricNames.HTTP_FETCHES, null, () -> feeds.connectionStats().fetches());
    metrics.gauge(
        MetricNames.HTTP_CONNECTIONS_CREATED,
        null,
        () -> feeds.connectionStats().connectionsCreated());
    metrics.gauge(MetricNames.HTTP_REUSE_RATIO, null, () -> feeds.connectionStats().reuseRatio());
    metrics.gauge(
        MetricNames.HTTP_NOT_MODIFIED_RATIO,
        null,
        () -> feeds.connectionStats().notModifiedRatio());
    metrics.gauge(MetricNames.HTTP_BYTES, null, () -> feeds.connectionStats().bytes());
    metrics.gauge(
        MetricNames.HTTP_LEASE_WAIT_MS,
        null,
        () -> feeds.connectionStats().leaseWaitNanos() / 1_000_000.0);
  }
}
