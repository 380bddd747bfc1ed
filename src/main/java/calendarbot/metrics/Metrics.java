package calendarbot.metrics;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Where features report what they do. Names are dotted and live in {@link MetricNames}; a tag is
 * {@code null}, one {@code key=value} pair (e.g. {@code source=work}) or several separated by
 * commas ({@code source=work,reason=TIMEOUT}); one name always takes the same keys. Implementations
 * are thread-safe and cheap: callers record on hot paths.
 */
public interface Metrics {
  /** Adds {@code amount} to the counter {@code name}. */
  void count(String name, String tag, long amount);

  /** Records one observation of {@code name} (latencies, sizes as durations of work). */
  void time(String name, String tag, Duration duration);

  /** Registers a value read when metrics are collected (pool sizes, queue depths). */
  void gauge(String name, String tag, DoubleSupplier value);

  /**
   * Registers a running total read when metrics are collected (requests served, bytes read since
   * start): a gauge that only grows, exported as a counter where the format has them. Defaults to
   * {@link #gauge}.
   */
  default void total(String name, String tag, DoubleSupplier value) {
    gauge(name, tag, value);
  }

  /** Metrics that go nowhere: the default for components built without them (tests). */
  static Metrics noop() {
    return NoopMetrics.INSTANCE;
  }
}
