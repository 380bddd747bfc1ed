package calendarbot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Micrometer registry behind {@code GET /metrics}: what features report through {@link
 * Metrics}, the HTTP server's requests, and the JVM (memory, GC, threads, CPU, class loading,
 * uptime, file descriptors, resident set). Thread-safe; recording is a map lookup and an add.
 *
 * <p>Names are the dotted ones of {@link MetricNames}; the Prometheus formats turn dots into
 * underscores and add unit and {@code _total} suffixes (README "Metrics"). Tags are parsed from the
 * {@code k=v[,k=v]} strings once per distinct string.
 *
 * <p>Gauges over component statistics should read them through {@link #perScrape}: every gauge of
 * one scrape then sees one snapshot, taken once.
 */
public final class MetricsRegistry implements Metrics, MetricsView, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsRegistry.class);

  /** The HTTP server timer; tags {@code route}, {@code method}, {@code status}. */
  public static final String HTTP_SERVER_REQUESTS = "http.server.requests";

  /**
   * Upper bounds of the request latency histogram. Fixed and few (17 series per route, method and
   * status) instead of Micrometer's ~70 default buckets: dense below 5 ms, where cached answers and
   * the 2 ms p99 target lie, coarse above.
   */
  static final Duration[] REQUEST_BUCKETS = {
    Duration.ofNanos(100_000),
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(3),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final AtomicLong scrapes = new AtomicLong();

  // Keyed by name{tag} exactly as features pass them: one lookup on the hot path, and the keys
  // /api/status has always shown.
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<RequestTags, Timer> requests = new ConcurrentHashMap<>();

  private record RequestTags(String route, String method, int status) {}

  /** A registry with the JVM binders registered. */
  public MetricsRegistry() {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .onMeterRegistrationFailed(
            (id, reason) -> LOG.warn("metrics: meter {} not registered: {}", id.getName(), reason));
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new ProcessMemory(this::perScrape).bindTo(registry);
  }

  @Override
  public void count(String name, String tag, long amount) {
    counters
        .computeIfAbsent(
            key(name, tag),
            k -> Counter.builder(name).tags(TagParser.parse(tag)).register(registry))
        .increment(amount);
  }

  @Override
  public void time(String name, String tag, Duration duration) {
    timers
        .computeIfAbsent(
            key(name, tag), k -> Timer.builder(name).tags(TagParser.parse(tag)).register(registry))
        .record(duration);
  }

  /**
   * {@inheritDoc} Registering the same name and tag again replaces the supplier. A supplier that
   * throws reads as NaN in the scrape and is left out of {@link #snapshot()}.
   */
  @Override
  public void gauge(String name, String tag, DoubleSupplier value) {
    String key = key(name, tag);
    if (gauges.put(key, value) == null) {
      Gauge.builder(name, this, self -> self.read(key))
          .tags(TagParser.parse(tag))
          .register(registry);
    }
  }

  @Override
  public void total(String name, String tag, DoubleSupplier value) {
    String key = key(name, tag);
    if (gauges.put(key, value) == null) {
      FunctionCounter.builder(name, this, self -> self.read(key))
          .tags(TagParser.parse(tag))
          .register(registry);
    }
  }

  private double read(String key) {
    DoubleSupplier s = gauges.get(key);
    try {
      return s == null ? Double.NaN : s.getAsDouble();
    } catch (RuntimeException e) {
      // A gauge over a closed pool: nothing to report.
      return Double.NaN;
    }
  }

  /**
   * A supplier that calls {@code stats} at most once per scrape or snapshot and hands every gauge
   * of it the same value. Between scrapes it keeps the last value.
   */
  public <T> Supplier<T> perScrape(Supplier<T> stats) {
    return new Supplier<>() {
      private volatile Sample<T> last;

      @Override
      public T get() {
        long now = scrapes.get();
        Sample<T> s = last;
        if (s == null || s.scrape != now) {
          s = new Sample<>(now, stats.get());
          last = s;
        }
        return s.value;
      }
    };
  }

  private record Sample<T>(long scrape, T value) {}

  @Override
  public void requestCompleted(String route, String method, int status, long nanos) {
    requests
        .computeIfAbsent(
            new RequestTags(route, method, status),
            t ->
                Timer.builder(HTTP_SERVER_REQUESTS)
                    .tags("route", t.route(), "method", t.method(), "status", "" + t.status())
                    .serviceLevelObjectives(REQUEST_BUCKETS)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public Scrape scrape(String accept) {
    ScrapeFormat format = ScrapeFormat.negotiate(accept);
    scrapes.incrementAndGet();
    return new Scrape(format.contentType, registry.scrape(format.contentType));
  }

  /**
   * What features reported, keyed as {@code /api/status} has always shown it ({@code name{tag}}):
   * counters as numbers, timers as {@code .count}, {@code .total_ms} and {@code .max_ms} (the
   * maximum of the last few minutes), gauges read now and left out when they cannot be read. The
   * JVM and HTTP server meters are in the scrape only.
   */
  @Override
  public Map<String, Number> snapshot() {
    scrapes.incrementAndGet();
    Map<String, Number> out = new TreeMap<>();
    counters.forEach((k, c) -> out.put(k, (long) c.count()));
    timers.forEach(
        (k, t) -> {
          out.put(k + ".count", t.count());
          out.put(k + ".total_ms", t.totalTime(TimeUnit.MILLISECONDS));
          out.put(k + ".max_ms", t.max(TimeUnit.MILLISECONDS));
        });
    gauges.forEach(
        (k, g) -> {
          double v = read(k);
          if (!Double.isNaN(v)) {
            out.put(k, v);
          }
        });
    return out;
  }

  /**
   * Per route and method since start, from the request histogram (all statuses together): p50, p95
   * and p99 interpolated inside the bucket that holds them, so as precise as {@link
   * #REQUEST_BUCKETS} is there. Busiest first.
   */
  @Override
  public List<RouteLatency> latencies() {
    Map<List<String>, List<HistogramSnapshot>> byRoute = new LinkedHashMap<>();
    requests.forEach(
        (t, timer) ->
            byRoute
                .computeIfAbsent(List.of(t.route(), t.method()), k -> new ArrayList<>())
                .add(timer.takeSnapshot()));
    List<RouteLatency> out = new ArrayList<>();
    byRoute.forEach((k, snapshots) -> out.add(latency(k.get(0), k.get(1), snapshots)));
    out.sort(
        Comparator.comparingLong(RouteLatency::count)
            .reversed()
            .thenComparing(RouteLatency::route)
            .thenComparing(RouteLatency::method));
    return out;
  }

  private static RouteLatency latency(String route, String method, List<HistogramSnapshot> all) {
    double[] bounds = new double[REQUEST_BUCKETS.length];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = REQUEST_BUCKETS[i].toNanos() / 1e6;
    }
    double[] cumulative = new double[bounds.length];
    long total = 0;
    for (HistogramSnapshot s : all) {
      total += s.count();
      for (CountAtBucket b : s.histogramCounts()) {
        int i = indexOf(bounds, b.bucket(TimeUnit.MILLISECONDS));
        if (i >= 0) {
          cumulative[i] += b.count();
        }
      }
    }
    return new RouteLatency(
        route,
        method,
        total,
        Quantiles.of(0.50, bounds, cumulative, total),
        Quantiles.of(0.95, bounds, cumulative, total),
        Quantiles.of(0.99, bounds, cumulative, total));
  }

  private static int indexOf(double[] bounds, double ms) {
    for (int i = 0; i < bounds.length; i++) {
      if (Math.abs(bounds[i] - ms) < 1e-9) {
        return i;
      }
    }
    return -1;
  }

  private static String key(String name, String tag) {
    return tag == null || tag.isEmpty() ? name : name + "{" + tag + "}";
  }

  /** Stops the GC listeners and closes the registry. */
  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
