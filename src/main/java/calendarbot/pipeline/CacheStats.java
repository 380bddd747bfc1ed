package calendarbot.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What the response cache did since start.
 *
 * @param entries entries held now
 * @param weightBytes bytes held now (bodies and their compressed forms plus per-entry overhead)
 * @param maxWeightBytes the configured bound
 * @param evictions entries removed by cause: {@code expired} (TTL), {@code size} (count or weight
 *     bound), {@code invalidated} (a data or settings change, or the admin API)
 * @param byType per request type code: hits, misses
 */
public record CacheStats(
    long entries,
    @JsonProperty("weight_bytes") long weightBytes,
    @JsonProperty("max_weight_bytes") long maxWeightBytes,
    Map<String, Long> evictions,
    @JsonProperty("by_type") Map<String, TypeCounts> byType) {
  public CacheStats {
    evictions = Map.copyOf(evictions);
    byType = Map.copyOf(byType);
  }

  /** Hits and misses of one request type. */
  public record TypeCounts(long hits, long misses) {
    /** hits / (hits + misses), or 0 before the first request. */
    @JsonProperty("hit_ratio")
    public double hitRatio() {
      long total = hits + misses;
      return total == 0 ? 0 : (double) hits / total;
    }
  }
}
