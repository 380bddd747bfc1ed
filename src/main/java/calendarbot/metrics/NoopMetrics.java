package calendarbot.metrics;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** {@link Metrics#noop()}. */
enum NoopMetrics implements Metrics {
  INSTANCE;

  @Override
  public void count(String name, String tag, long amount) {}

  @Override
  public void time(String name, String tag, Duration duration) {}

  @Override
  public void gauge(String name, String tag, DoubleSupplier value) {}
}
