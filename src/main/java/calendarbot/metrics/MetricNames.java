package calendarbot.metrics;

/**
 * Every metric name in one place (the README lists them). The HTTP server timer is {@link
 * MetricsRegistry#HTTP_SERVER_REQUESTS}; the JVM meters keep Micrometer's names.
 */
public final class MetricNames {
  private MetricNames() {}

  /** Feed fetches by source; tag {@code source=<id>}. */
  public static final String FEED_FETCHES = "feed.fetches";

  /** Feed fetches answered 304 Not Modified; tag {@code source=<id>}. */
  public static final String FEED_NOT_MODIFIED = "feed.not_modified";

  /** Feed bytes read (decoded); tag {@code source=<id>}. */
  public static final String FEED_BYTES = "feed.bytes";

  /** Failed refreshes; tags {@code source=<id>,reason=<code>}. */
  public static final String FEED_FAILURES = "feed.failures";

  /** Wall time of a fetch; tag {@code source=<id>}. */
  public static final String FEED_FETCH_TIME = "feed.fetch.time";

  /** Events stored by the source's last successful refresh; tag {@code source=<id>}. */
  public static final String FEED_EVENTS = "feed.events";

  /**
   * When the source last refreshed successfully, in seconds since the epoch (absent before the
   * first); tag {@code source=<id>}.
   */
  public static final String FEED_LAST_SUCCESS = "feed.last_success_seconds";

  /** HTTP pool: connections leased / available / pending / max. */
  public static final String HTTP_POOL_LEASED = "http.pool.leased";

  public static final String HTTP_POOL_AVAILABLE = "http.pool.available";
  public static final String HTTP_POOL_PENDING = "http.pool.pending";
  public static final String HTTP_POOL_MAX = "http.pool.max";

  /** HTTP: fetches served, connections created, reuse ratio, 304 ratio, bytes. */
  public static final String HTTP_FETCHES = "http.fetches";

  public static final String HTTP_CONNECTIONS_CREATED = "http.connections.created";
  public static final String HTTP_REUSE_RATIO = "http.reuse_ratio";
  public static final String HTTP_NOT_MODIFIED_RATIO = "http.not_modified_ratio";
  public static final String HTTP_BYTES = "http.bytes";

  /** Total time callers waited for a pooled HTTP connection, in milliseconds. */
  public static final String HTTP_LEASE_WAIT_MS = "http.lease_wait_ms";

  /** Database pool: connections active / idle / threads waiting / max, leaks detected. */
  public static final String DB_POOL_ACTIVE = "db.pool.active";

  public static final String DB_POOL_IDLE = "db.pool.idle";
  public static final String DB_POOL_PENDING = "db.pool.pending";
  public static final String DB_POOL_MAX = "db.pool.max";
  public static final String DB_CONNECTIONS_CREATED = "db.connections.created";
  public static final String DB_OPERATIONS = "db.operations";
  public static final String DB_REUSE_RATIO = "db.reuse_ratio";
  public static final String DB_LEAKS = "db.leaks";

  /** Tasks waiting in the background executor. */
  public static final String EXECUTOR_QUEUE = "executor.queue";

  /** Response cache hits, tagged by request type. */
  public static final String PIPELINE_HITS = "pipeline.cache.hits";

  /** Response cache misses (computed answers), tagged by request type. */
  public static final String PIPELINE_MISSES = "pipeline.cache.misses";

  /** Answers held by the response cache. */
  public static final String PIPELINE_ENTRIES = "pipeline.cache.entries";

  /** Bytes held by the response cache (bodies, compressed forms, per-entry overhead). */
  public static final String PIPELINE_WEIGHT_BYTES = "pipeline.cache.weight_bytes";

  /** Entries removed, tagged by cause: expired, size, invalidated. */
  public static final String PIPELINE_EVICTIONS = "pipeline.cache.evictions";

  /** Requests that waited for an identical request in flight instead of computing. */
  public static final String PIPELINE_SINGLE_FLIGHT_JOINS = "pipeline.single_flight.joins";

  /** Circuit breaker state changes; tags {@code breaker=<name>,to=<state>}. */
  public static final String RESILIENCE_BREAKER_TRANSITIONS = "resilience.breaker.transitions";

  /**
   * Circuit breaker state: 1 for the state a breaker is in, 0 for the others; tags {@code
   * breaker=<name>,state=<CLOSED|OPEN|HALF_OPEN|FORCED_OPEN>}.
   */
  public static final String RESILIENCE_BREAKER_STATE = "resilience.breaker.state";

  /** Memory pressure level now: 0 NORMAL, 1 SOFT, 2 HARD. */
  public static final String RESILIENCE_MEMORY_LEVEL_NOW = "resilience.memory.level";

  /** Heap used after the last GC as a fraction of the maximum heap. */
  public static final String RESILIENCE_MEMORY_FRACTION = "resilience.memory.used_fraction";

  /** Free places in the bulkhead for expensive requests. */
  public static final String RESILIENCE_BULKHEAD_AVAILABLE = "resilience.bulkhead.available";

  /**
   * Each feature flag as the percentage of subjects it is on for (0 off or emergency disabled, 100
   * on); tag {@code flag=<code>}.
   */
  public static final String FLAGS_ENABLED_PERCENT = "flags.enabled_percent";

  /** Emergency what's-next answers served (every path failed); tag {@code reason=<exception>}. */
  public static final String RESILIENCE_EMERGENCY_ANSWERS = "resilience.emergency.answers";

  /** Expensive requests refused because the bulkhead was full (503). */
  public static final String RESILIENCE_BULKHEAD_REJECTED = "resilience.bulkhead.rejected";

  /** Memory pressure level changes; tag {@code to=<level>}. */
  public static final String RESILIENCE_MEMORY_LEVEL = "resilience.memory.level_changes";
}
