package calendarbot.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What the pipeline did since start: {@code GET /api/pipeline/stats}.
 *
 * @param enabled whether requests pass the optimised pipeline (false: the plain path)
 * @param singleFlightJoins requests that waited for an identical one instead of computing
 * @param latency per request type code, {@code hit} and {@code miss} latency summaries
 */
public record PipelineStats(
    boolean enabled,
    CacheStats cache,
    @JsonProperty("single_flight_joins") long singleFlightJoins,
    Map<String, Map<String, LatencySummary>> latency) {
  public PipelineStats {
    latency = Map.copyOf(latency);
  }
}
