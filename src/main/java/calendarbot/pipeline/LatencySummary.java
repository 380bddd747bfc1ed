package calendarbot.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Latency of one kind of request, in milliseconds; percentiles are bucket upper bounds (within 19%
 * of the true value).
 */
public record LatencySummary(
    long count,
    @JsonProperty("mean_ms") double meanMs,
    @JsonProperty("p50_ms") double p50Ms,
    @JsonProperty("p99_ms") double p99Ms) {}
