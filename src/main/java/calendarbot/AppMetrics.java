package calendarbot;

import calendarbot.connection.DatabasePoolStats;
import calendarbot.connection.FeedConnectionStats;
import calendarbot.flags.FeatureFlags;
import calendarbot.flags.FlagState;
import calendarbot.metrics.MetricNames;
import calendarbot.metrics.MetricsRegistry;
import calendarbot.pipeline.CacheStats;
import calendarbot.pipeline.PipelineStats;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import calendarbot.resilience.Resilience;
import calendarbot.resilience.ResilienceStatus;
import calendarbot.resilience.ResilienceStatus.BreakerStatus;
import calendarbot.source.FeedFetcher;
import calendarbot.status.SourceStatus;
import calendarbot.status.StatusService;
import calendarbot.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The gauges {@link App} registers over its components' statistics. Each group reads its
 * component's statistics once per scrape ({@link MetricsRegistry#perScrape}), however many gauges
 * it has.
 */
final class AppMetrics {
  private AppMetrics() {}

  /** States a breaker gauge is kept for, 1 for the present one and 0 for the others. */
  static final List<String> BREAKER_STATES = List.of("CLOSED", "OPEN", "HALF_OPEN", "FORCED_OPEN");

  static void registerDatabaseMetrics(MetricsRegistry metrics, Database database) {
    Supplier<DatabasePoolStats> s = metrics.perScrape(database::connectionStats);
    metrics.gauge(MetricNames.DB_POOL_ACTIVE, null, () -> s.get().active());
    metrics.gauge(MetricNames.DB_POOL_IDLE, null, () -> s.get().idle());
    metrics.gauge(MetricNames.DB_POOL_PENDING, null, () -> s.get().waiting());
    metrics.gauge(MetricNames.DB_POOL_MAX, null, () -> s.get().maxSize());
    metrics.total(MetricNames.DB_CONNECTIONS_CREATED, null, () -> s.get().created());
    metrics.total(MetricNames.DB_OPERATIONS, null, () -> s.get().served());
    metrics.gauge(MetricNames.DB_REUSE_RATIO, null, () -> s.get().reuseRatio());
    metrics.total(MetricNames.DB_LEAKS, null, () -> s.get().leaks());
  }

  static void registerPipelineMetrics(MetricsRegistry metrics, RequestPipeline pipeline) {
    // stats() walks the cache: once per scrape, not once per gauge.
    Supplier<PipelineStats> s = metrics.perScrape(pipeline::stats);
    for (RequestType t : RequestType.values()) {
      String tag = "type=" + t.code();
      metrics.total(MetricNames.PIPELINE_HITS, tag, () -> byType(s, t).hits());
      metrics.total(MetricNames.PIPELINE_MISSES, tag, () -> byType(s, t).misses());
    }
    metrics.gauge(MetricNames.PIPELINE_ENTRIES, null, () -> s.get().cache().entries());
    metrics.gauge(MetricNames.PIPELINE_WEIGHT_BYTES, null, () -> s.get().cache().weightBytes());
    for (String cause : List.of("expired", "size", "invalidated")) {
      metrics.total(
          MetricNames.PIPELINE_EVICTIONS,
          "cause=" + cause,
          () -> s.get().cache().evictions().getOrDefault(cause, 0L));
    }
    metrics.total(
        MetricNames.PIPELINE_SINGLE_FLIGHT_JOINS, null, () -> s.get().singleFlightJoins());
  }

  private static CacheStats.TypeCounts byType(Supplier<PipelineStats> s, RequestType t) {
    return s.get().cache().byType().get(t.code());
  }

  static void registerHttpMetrics(MetricsRegistry metrics, FeedFetcher feeds) {
    Supplier<FeedConnectionStats> s = metrics.perScrape(feeds::connectionStats);
    metrics.gauge(MetricNames.HTTP_POOL_LEASED, null, () -> s.get().leased());
    metrics.gauge(MetricNames.HTTP_POOL_AVAILABLE, null, () -> s.get().available());
    metrics.gauge(MetricNames.HTTP_POOL_PENDING, null, () -> s.get().pending());
    metrics.gauge(MetricNames.HTTP_POOL_MAX, null, () -> s.get().max());
    metrics.total(MetricNames.HTTP_FETCHES, null, () -> s.get().fetches());
    metrics.total(MetricNames.HTTP_CONNECTIONS_CREATED, null, () -> s.get().connectionsCreated());
    metrics.gauge(MetricNames.HTTP_REUSE_RATIO, null, () -> s.get().reuseRatio());
    metrics.gauge(MetricNames.HTTP_NOT_MODIFIED_RATIO, null, () -> s.get().notModifiedRatio());
    metrics.total(MetricNames.HTTP_BYTES, null, () -> s.get().bytes());
    metrics.total(MetricNames.HTTP_LEASE_WAIT_MS, null, () -> s.get().leaseWaitNanos() / 1e6);
  }

  /**
   * Breaker states (one 0/1 gauge per breaker and state; a source's breaker that does not exist yet
   * has never failed and counts as closed), memory pressure and the bulkhead.
   *
   * @param sourceIds the configured sources, whose breakers are created on their first refresh
   */
  static void registerResilienceMetrics(
      MetricsRegistry metrics, Resilience resilience, List<String> sourceIds) {
    Supplier<ResilienceStatus> s = metrics.perScrape(resilience::status);
    Supplier<Map<String, String>> states =
        metrics.perScrape(
            () ->
                s.get().breakers().stream()
                    .collect(Collectors.toMap(BreakerStatus::name, BreakerStatus::state)));
    List<String> names = new ArrayList<>(List.of(Resilience.PIPELINE, Resilience.FEED_POOL));
    sourceIds.forEach(id -> names.add("source:" + id));
    for (String name : names) {
      for (String state : BREAKER_STATES) {
        metrics.gauge(
            MetricNames.RESILIENCE_BREAKER_STATE,
            "breaker=" + name + ",state=" + state,
            () -> state.equals(states.get().getOrDefault(name, "CLOSED")) ? 1 : 0);
      }
    }
    metrics.gauge(
        MetricNames.RESILIENCE_MEMORY_LEVEL_NOW,
        null,
        () -> memory(s, m -> (double) List.of("NORMAL", "SOFT", "HARD").indexOf(m.level())));
    metrics.gauge(MetricNames.RESILIENCE_MEMORY_FRACTION, null, () -> memory(s, m -> m.fraction()));
    metrics.gauge(
        MetricNames.RESILIENCE_BULKHEAD_AVAILABLE, null, () -> s.get().bulkhead().available());
  }

  private static double memory(
      Supplier<ResilienceStatus> s, Function<ResilienceStatus.MemoryStatus, Double> f) {
    ResilienceStatus.MemoryStatus m = s.get().memory();
    return m == null ? Double.NaN : f.apply(m);
  }

  /**
   * Each flag as the share of subjects it is on for: 0 (off, or emergency disabled), the rollout
   * percentage, or 100.
   */
  static void registerFlagMetrics(MetricsRegistry metrics, FeatureFlags flags) {
    Supplier<Map<String, FlagState>> s =
        metrics.perScrape(
            () ->
                flags.states().stream()
                    .collect(Collectors.toMap(FlagState::name, Function.identity())));
    for (FlagState f : flags.states()) {
      metrics.gauge(
          MetricNames.FLAGS_ENABLED_PERCENT,
          "flag=" + f.name(),
          () -> {
            FlagState now = s.get().get(f.name());
            return now == null || !now.enabled() || now.emergencyDisabled() ? 0 : now.rollout();
          });
    }
  }

  /** Per source: events stored by the last successful refresh, and when that was. */
  static void registerSourceMetrics(
      MetricsRegistry metrics, StatusService status, List<String> sourceIds) {
    Supplier<Map<String, SourceStatus>> s =
        metrics.perScrape(
            () ->
                status.current().sources().stream()
                    .collect(Collectors.toMap(SourceStatus::id, Function.identity())));
    for (String id : sourceIds) {
      String tag = "source=" + id;
      metrics.gauge(
          MetricNames.FEED_EVENTS,
          tag,
          () -> {
            SourceStatus st = s.get().get(id);
            return st == null ? Double.NaN : st.eventCount();
          });
      metrics.gauge(
          MetricNames.FEED_LAST_SUCCESS,
          tag,
          () -> {
            SourceStatus st = s.get().get(id);
            return st == null || st.lastSuccess() == null
                ? Double.NaN
                : Instant.parse(st.lastSuccess()).toEpochMilli() / 1000.0;
          });
    }
  }
}
