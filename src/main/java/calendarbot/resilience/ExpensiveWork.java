package calendarbot.resilience;

import calendarbot.error.RetryLaterException;
import calendarbot.metrics.MetricNames;
import calendarbot.metrics.Metrics;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestType;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The bulkhead: at most {@code resilience.bulkhead.max_concurrent} computations of range queries
 * and images at once (Resilience4j's semaphore bulkhead); one that finds no slot within {@code
 * resilience.bulkhead.max_wait} is refused with {@link RetryLaterException} (503 + Retry-After)
 * instead of piling up on a 512 MB heap. Only computations take a slot: it guards {@code compute},
 * which the pipeline calls on a miss. Thread-safe.
 */
final class ExpensiveWork {
  /** What a refused client is told to wait. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  private final Bulkhead bulkhead;
  private final int max;
  private final AtomicLong rejected = new AtomicLong();
  private final Metrics metrics;

  ExpensiveWork(int maxConcurrent, Duration maxWait, Metrics metrics) {
    this.max = maxConcurrent;
    this.metrics = metrics;
    this.bulkhead =
        Bulkhead.of(
            "expensive",
            BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrent)
                .maxWaitDuration(maxWait)
                .build());
  }

  /** Whether answers of {@code type} are expensive to compute. */
  static boolean expensive(RequestType type) {
    return type == RequestType.EVENTS_BY_RANGE || type == RequestType.IMAGE;
  }

  /** {@code compute} behind the bulkhead when {@code key} is expensive, else {@code compute}. */
  Supplier<CachedResponse> guard(RequestKey key, Supplier<CachedResponse> compute) {
    if (!expensive(key.type())) {
      return compute;
    }
    return () -> {
      if (!bulkhead.tryAcquirePermission()) {
        rejected.incrementAndGet();
        metrics.count(MetricNames.RESILIENCE_BULKHEAD_REJECTED, "type=" + key.type().code(), 1);
        throw new RetryLaterException(
            RetryLaterException.Kind.OVERLOADED,
            RETRY_AFTER,
            "server busy: "
                + max
                + " expensive requests (uncached range queries, images) are already being computed"
                + " (resilience.bulkhead.max_concurrent="
                + max
                + "); retry in "
                + RETRY_AFTER.toSeconds()
                + " s");
      }
      try {
        return compute.get();
      } finally {
        bulkhead.onComplete();
      }
    };
  }

  ResilienceStatus.BulkheadStatus status() {
    return new ResilienceStatus.BulkheadStatus(
        max, bulkhead.getMetrics().getAvailableConcurrentCalls(), rejected.get());
  }
}
