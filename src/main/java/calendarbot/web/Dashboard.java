package calendarbot.web;

import calendarbot.metrics.MetricNames;
import calendarbot.metrics.MetricsView;
import calendarbot.pipeline.CacheStats;
import calendarbot.pipeline.PipelineStats;
import calendarbot.status.SourceStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Assembles the one answer of {@code GET /api/dashboard} from what the app already reports: route
 * latencies ({@link MetricsView#latencies()}), the pipeline's cache counters, the pool gauges of
 * the metrics snapshot ({@link MetricNames}), heap and process memory, the breakers of the
 * resilience status, each source's last refresh, and the active alerts. It computes nothing of its
 * own beyond ratios. Every input is read anew on each call; thread-safe if the inputs are.
 */
final class Dashboard {
  /** Where the kernel reports the process's resident set (Linux). */
  static final Path PROC_STATUS = Path.of("/proc/self/status");

  private final Supplier<List<MetricsView.RouteLatency>> latencies;
  private final Supplier<PipelineStats> pipeline;
  private final Supplier<Map<String, Number>> metrics;
  private final Supplier<?> resilience;
  private final Supplier<List<SourceStatus>> sources;
  private final Supplier<List<?>> alerts;
  private final Supplier<Memory> memory;
  private final Clock clock;
  private final ZoneId zone;

  /**
   * @param latencies route latencies, busiest first; may answer an empty list
   * @param metrics the flat snapshot {@code /api/status} shows (pool gauges by {@link MetricNames})
   * @param resilience an object whose JSON form has a {@code breakers} array (the resilience
   *     status), or a supplier of {@code null}
   * @param memory heap and RSS now ({@link #readMemory(Path)} in production)
   */
  Dashboard(
      Supplier<List<MetricsView.RouteLatency>> latencies,
      Supplier<PipelineStats> pipeline,
      Supplier<Map<String, Number>> metrics,
      Supplier<?> resilience,
      Supplier<List<SourceStatus>> sources,
      Supplier<List<?>> alerts,
      Supplier<Memory> memory,
      Clock clock,
      ZoneId zone) {
    this.latencies = latencies;
    this.pipeline = pipeline;
    this.metrics = metrics;
    this.resilience = resilience;
    this.sources = sources;
    this.alerts = alerts;
    this.memory = memory;
    this.clock = clock;
    this.zone = zone;
  }

  /** The whole answer. */
  record Report(
      @JsonProperty("server_time") String serverTime,
      List<Latency> latency,
      Cache cache,
      List<Pool> pools,
      Memory memory,
      List<Breaker> breakers,
      List<SourceStatus> sources,
      List<?> alerts) {}

  /** Latency of one route since start, in milliseconds. */
  record Latency(
      String route,
      String method,
      long count,
      @JsonProperty("p50_ms") double p50Ms,
      @JsonProperty("p95_ms") double p95Ms,
      @JsonProperty("p99_ms") double p99Ms) {}

  /**
   * The response cache since start, over every request type.
   *
   * @param hitRatio hits / (hits + misses), 0 before the first lookup
   */
  record Cache(
      long hits,
      long misses,
      @JsonProperty("hit_ratio") double hitRatio,
      long entries,
      @JsonProperty("weight_bytes") long weightBytes,
      @JsonProperty("max_weight_bytes") long maxWeightBytes) {}

  /**
   * One connection pool now.
   *
   * @param name {@code feed_http} or {@code database}
   * @param utilisation inUse / max, or {@code null} when the pool reports no maximum (plain
   *     connections, or a gauge missing from the snapshot)
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Pool(
      String name,
      @JsonProperty("in_use") long inUse,
      long idle,
      long pending,
      long max,
      Double utilisation) {}

  /**
   * Heap (JVM) and resident set (kernel) now, in bytes.
   *
   * @param heapMaxBytes -1 when the JVM sets no bound
   * @param rssBytes {@code VmRSS}, or {@code null} when {@code /proc/self/status} is unreadable
   * @param rssPeakBytes {@code VmHWM} (the peak resident set), or {@code null} likewise
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Memory(
      @JsonProperty("heap_used_bytes") long heapUsedBytes,
      @JsonProperty("heap_committed_bytes") long heapCommittedBytes,
      @JsonProperty("heap_max_bytes") long heapMaxBytes,
      @JsonProperty("rss_bytes") Long rssBytes,
      @JsonProperty("rss_peak_bytes") Long rssPeakBytes) {}

  /** One circuit breaker as the resilience status reports it. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Breaker(String name, String state, String since, String reason) {}

  /** Reads every input once and assembles the answer. */
  Report report() {
    return new Report(
        clock.instant().atZone(zone).toOffsetDateTime().toString(),
        latencies.get().stream()
            .map(
                l -> new Latency(l.route(), l.method(), l.count(), l.p50Ms(), l.p95Ms(), l.p99Ms()))
            .toList(),
        cache(pipeline.get().cache()),
        pools(metrics.get()),
        memory.get(),
        breakers(resilience.get()),
        sources.get(),
        List.copyOf(alerts.get()));
  }

  static Cache cache(CacheStats c) {
    long hits = 0;
    long misses = 0;
    for (CacheStats.TypeCounts t : c.byType().values()) {
      hits += t.hits();
      misses += t.misses();
    }
    double ratio = hits + misses == 0 ? 0 : (double) hits / (hits + misses);
    return new Cache(hits, misses, ratio, c.entries(), c.weightBytes(), c.maxWeightBytes());
  }

  static List<Pool> pools(Map<String, Number> m) {
    return List.of(
        pool(
            "feed_http",
            m,
            MetricNames.HTTP_POOL_LEASED,
            MetricNames.HTTP_POOL_AVAILABLE,
            MetricNames.HTTP_POOL_PENDING,
            MetricNames.HTTP_POOL_MAX),
        pool(
            "database",
            m,
            MetricNames.DB_POOL_ACTIVE,
            MetricNames.DB_POOL_IDLE,
            MetricNames.DB_POOL_PENDING,
            MetricNames.DB_POOL_MAX));
  }

  private static Pool pool(
      String name, Map<String, Number> m, String inUse, String idle, String pending, String max) {
    long used = longOf(m, inUse);
    long most = longOf(m, max);
    return new Pool(
        name,
        used,
        longOf(m, idle),
        longOf(m, pending),
        most,
        most > 0 ? Math.min(1.0, (double) used / most) : null);
  }

  private static long longOf(Map<String, Number> m, String name) {
    Number n = m.get(name);
    return n == null ? 0 : n.longValue();
  }

  /**
   * The {@code breakers} of a resilience status, read through its JSON form: the web layer shows
   * what {@code /api/status} shows without depending on the status type.
   */
  static List<Breaker> breakers(Object resilienceStatus) {
    if (resilienceStatus == null) {
      return List.of();
    }
    JsonNode all = Json.MAPPER.valueToTree(resilienceStatus).path("breakers");
    List<Breaker> out = new ArrayList<>();
    for (JsonNode b : all) {
      out.add(
          new Breaker(
              b.path("name").asText(),
              b.path("state").asText(),
              textOrNull(b.path("since")),
              textOrNull(b.path("reason"))));
    }
    return List.copyOf(out);
  }

  private static String textOrNull(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  /** Heap from the JVM's memory bean, RSS from {@code procStatus} when it can be read. */
  static Memory readMemory(Path procStatus) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    String status;
    try {
      status = Files.readString(procStatus, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc hidden: the page shows heap only.
      status = "";
    }
    return new Memory(
        heap.getUsed(),
        heap.getCommitted(),
        heap.getMax(),
        kibField(status, "VmRSS:"),
        kibField(status, "VmHWM:"));
  }

  /**
   * A {@code /proc/<pid>/status} field such as {@code "VmRSS: 51200 kB"}, in bytes; {@code null}
   * when absent or malformed.
   */
  static Long kibField(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field)) {
        String[] parts = line.substring(field.length()).trim().split("\\s+");
        try {
          return Long.parseLong(parts[0]) * 1024;
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }
}
