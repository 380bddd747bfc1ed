package calendarbot.resilience;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What {@code /api/status} shows under {@code resilience}: every breaker, memory pressure, the
 * bulkhead and the emergency answers. Instants are ISO-8601 UTC strings or {@code null}.
 *
 * @param memory {@code null} when no memory watch was started
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResilienceStatus(
    List<BreakerStatus> breakers,
    MemoryStatus memory,
    BulkheadStatus bulkhead,
    EmergencyStatus emergency) {

  /**
   * One circuit breaker.
   *
   * @param name {@code pipeline}, {@code feed_pool}, or {@code source:<id>}
   * @param state {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN} or {@code FORCED_OPEN} (memory
   *     pressure)
   * @param failureRate percentage of failed calls in the window; -1 until the window is full
   * @param transitions state changes since start, by the state entered
   * @param since when the present state was entered
   * @param reason why the last state change happened
   * @param nextTrialAt when an open breaker lets the next trial through; {@code null} unless open
   */
  public record BreakerStatus(
      String name,
      String state,
      @JsonProperty("failure_rate") float failureRate,
      @JsonProperty("buffered_calls") int bufferedCalls,
      @JsonProperty("failed_calls") int failedCalls,
      Map<String, Long> transitions,
      String since,
      String reason,
      @JsonProperty("next_trial_at") String nextTrialAt) {}

  /**
   * Heap use after the last GC.
   *
   * @param level {@code NORMAL}, {@code SOFT} (cache shrunk) or {@code HARD} (cache cleared,
   *     pipeline breaker forced open)
   * @param fraction {@code usedAfterGcBytes / maxBytes}
   */
  public record MemoryStatus(
      String level,
      @JsonProperty("used_after_gc_bytes") long usedAfterGcBytes,
      @JsonProperty("max_bytes") long maxBytes,
      double fraction,
      double soft,
      double hard,
      String since) {}

  /**
   * The bound on concurrent expensive computations (uncached range queries, images).
   *
   * @param rejected requests answered 503 since start
   */
  public record BulkheadStatus(
      @JsonProperty("max_concurrent") int maxConcurrent, int available, long rejected) {}

  /**
   * The emergency what's-next answer.
   *
   * @param served emergency answers sent since start
   * @param savedAt when the snapshot now held was taken; {@code null} before the first
   * @param lastServedAt when the last emergency answer was sent
   * @param lastReason what failed then
   */
  public record EmergencyStatus(
      long served,
      @JsonProperty("saved_at") String savedAt,
      @JsonProperty("last_served_at") String lastServedAt,
      @JsonProperty("last_reason") String lastReason) {}
}
