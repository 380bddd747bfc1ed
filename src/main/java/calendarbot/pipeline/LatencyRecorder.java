package calendarbot.pipeline;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency histogram with logarithmic buckets: four per doubling from 1 µs to ~70 s, so
 * a percentile is reported within 19% (2^(1/4)) of the true value. 100 longs: cheap enough for one
 * per request type and outcome.
 */
final class LatencyRecorder {
  private static final int BUCKETS = 104;
  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final LongAdder totalNanos = new LongAdder();
  private final LongAdder count = new LongAdder();

  void record(long nanos) {
    counts.incrementAndGet(bucket(nanos));
    totalNanos.add(nanos);
    count.increment();
  }

  LatencySummary summary() {
    long n = count.sum();
    if (n == 0) {
      return new LatencySummary(0, 0, 0, 0);
    }
    return new LatencySummary(
        n, totalNanos.sum() / (double) n / 1e6, percentile(0.50) / 1e6, percentile(0.99) / 1e6);
  }

  static int bucket(long nanos) {
    double micros = Math.max(1, nanos / 1000.0);
    int b = (int) Math.ceil(4 * (Math.log(micros) / Math.log(2)));
    return Math.min(BUCKETS - 1, Math.max(0, b));
  }

  /** The upper bound of bucket {@code b}, in nanoseconds. */
  static double upperBoundNanos(int b) {
    return Math.pow(2, b / 4.0) * 1000;
  }

  private double percentile(double p) {
    long total = 0;
    long[] snapshot = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      snapshot[i] = counts.get(i);
      total += snapshot[i];
    }
    long rank = (long) Math.ceil(p * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += snapshot[i];
      if (seen >= rank && snapshot[i] > 0) {
        return upperBoundNanos(i);
      }
    }
    return upperBoundNanos(BUCKETS - 1);
  }
}
