package calendarbot.config;

import calendarbot.error.ConfigException;
import java.time.Duration;

/**
 * Circuit breakers, memory pressure and the bulkhead (package {@code calendarbot.resilience}).
 *
 * @param poolFailureThreshold {@code resilience.pool.failure_threshold}: the feed pool's breaker
 *     opens after more than this many consecutive pooled-fetch failures
 * @param poolSaturation {@code resilience.pool.saturation}: fraction of the pool leased (0–1) that
 *     counts as saturated
 * @param poolSaturationFor {@code resilience.pool.saturation_for}: how long saturation must last
 *     before the breaker opens
 * @param poolOpenWait {@code resilience.pool.open_wait}: open → half-open after this long
 * @param pipelineFailureRate {@code resilience.pipeline.failure_rate}: percentage (0–100) of
 *     failing cache operations in the window that opens the pipeline's breaker
 * @param pipelineWindow {@code resilience.pipeline.window}: cache operations in the breaker's
 *     sliding window
 * @param pipelineOpenWait {@code resilience.pipeline.open_wait}
 * @param sourceFailureThreshold {@code resilience.source.failure_threshold}: consecutive failed
 *     refreshes that open a source's breaker
 * @param sourceOpenWait {@code resilience.source.open_wait}
 * @param memorySoft {@code resilience.memory.soft}: heap use after GC (fraction of max) above which
 *     the response cache shrinks
 * @param memoryHard {@code resilience.memory.hard}: above which the cache is cleared and the
 *     pipeline's breaker forced open
 * @param bulkheadMaxConcurrent {@code resilience.bulkhead.max_concurrent}: expensive requests
 *     (uncached range queries, image rendering) running at once
 * @param bulkheadMaxWait {@code resilience.bulkhead.max_wait}: how long one waits for a slot before
 *     it is answered 503
 */
public record ResilienceConfig(
    int poolFailureThreshold,
    double poolSaturation,
    Duration poolSaturationFor,
    Duration poolOpenWait,
    double pipelineFailureRate,
    int pipelineWindow,
    Duration pipelineOpenWait,
    int sourceFailureThreshold,
    Duration sourceOpenWait,
    double memorySoft,
    double memoryHard,
    int bulkheadMaxConcurrent,
    Duration bulkheadMaxWait) {
  public ResilienceConfig {
    Check.range("resilience.pool.failure_threshold", poolFailureThreshold, 1, 1000);
    fraction("resilience.pool.saturation", poolSaturation);
    Check.positive("resilience.pool.saturation_for", poolSaturationFor);
    Check.positive("resilience.pool.open_wait", poolOpenWait);
    if (!(pipelineFailureRate > 0 && pipelineFailureRate <= 100)) {
      throw new ConfigException(
          "resilience.pipeline.failure_rate",
          "a percentage above 0 and at most 100",
          pipelineFailureRate);
    }
    Check.range("resilience.pipeline.window", pipelineWindow, 2, 100_000);
    Check.positive("resilience.pipeline.open_wait", pipelineOpenWait);
    Check.range("resilience.source.failure_threshold", sourceFailureThreshold, 1, 1000);
    Check.positive("resilience.source.open_wait", sourceOpenWait);
    fraction("resilience.memory.soft", memorySoft);
    fraction("resilience.memory.hard", memoryHard);
    if (memoryHard <= memorySoft) {
      throw new ConfigException(
          "resilience.memory.hard",
          "above resilience.memory.soft (" + memorySoft + ")",
          memoryHard);
    }
    Check.range("resilience.bulkhead.max_concurrent", bulkheadMaxConcurrent, 1, 1000);
    if (bulkheadMaxWait == null || bulkheadMaxWait.isNegative()) {
      throw new ConfigException(
          "resilience.bulkhead.max_wait", "a duration of 0 or more (e.g. 100ms)", bulkheadMaxWait);
    }
  }

  private static void fraction(String key, double v) {
    if (!(v > 0 && v <= 1)) {
      throw new ConfigException(key, "a fraction above 0 and at most 1 (e.g. 0.8)", v);
    }
  }

  /**
   * Pool: 5 failures, 95% for 60 s, 30 s open; pipeline: 10% of 100 operations, 30 s open; source:
   * 3 failures, 5 min open; memory 0.80 / 0.92 of the heap after GC; bulkhead 4 at once, 100 ms
   * wait.
   */
  public static ResilienceConfig defaults() {
    return new ResilienceConfig(
        5,
        0.95,
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        10.0,
        100,
        Duration.ofSeconds(30),
        3,
        Duration.ofMinutes(5),
        0.80,
        0.92,
        4,
        Duration.ofMillis(100));
  }
}
