package calendarbot.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Keeps counters, timer totals and gauges in memory and renders them as one sorted map for {@code
 * /api/status}. A timer keeps its count, total and maximum (enough for a mean and a worst case;
 * percentiles come with the Prometheus adapter of issue 7).
 */
public final class InMemoryMetrics implements Metrics {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, TimerTotals> timers = new ConcurrentHashMap<>();
  private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

  @Override
  public void count(String name, String tag, long amount) {
    counters.computeIfAbsent(key(name, tag), k -> new LongAdder()).add(amount);
  }

  @Override
  public void time(String name, String tag, Duration duration) {
    timers.computeIfAbsent(key(name, tag), k -> new TimerTotals()).record(duration.toNanos());
  }

  @Override
  public void gauge(String name, String tag, DoubleSupplier value) {
    gauges.put(key(name, tag), value);
  }

  /**
   * Every metric by key ({@code name{tag}}): counters as numbers, timers as {@code .count}, {@code
   * .total_ms} and {@code .max_ms}, gauges read now. A gauge that throws is left out.
   */
  public Map<String, Number> snapshot() {
    Map<String, Number> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    timers.forEach(
        (k, t) -> {
          out.put(k + ".count", t.count.sum());
          out.put(k + ".total_ms", t.totalNanos.sum() / 1_000_000.0);
          out.put(k + ".max_ms", t.maxNanos / 1_000_000.0);
        });
    gauges.forEach(
        (k, g) -> {
          try {
            out.put(k, g.getAsDouble());
          } catch (RuntimeException e) {
            // A gauge over a closed pool: nothing to report.
          }
        });
    return out;
  }

  private static String key(String name, String tag) {
    return tag == null || tag.isEmpty() ? name : name + "{" + tag + "}";
  }

  private static final class TimerTotals {
    final LongAdder count = new LongAdder();
    final LongAdder totalNanos = new LongAdder();
    volatile long maxNanos;

    void record(long nanos) {
      count.increment();
      totalNanos.add(nanos);
      // A lost race only loses a maximum that another thread is writing at the same moment.
      if (nanos > maxNanos) {
        maxNanos = nanos;
      }
    }
  }
}
