package calendarbot.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Freshness of the data behind an answer: the {@code status_info} block.
 *
 * @param dataReady false until every configured source has been read successfully at least once;
 *     while false an empty answer means "still loading", never "no meetings"
 * @param lastSuccessfulRefresh the most recent successful refresh of any source (ISO-8601 UTC), or
 *     {@code null}
 * @param staleSources ids of sources whose data is stale or failing
 */
public record DataStatus(
    @JsonProperty("data_ready") boolean dataReady,
    @JsonProperty("last_successful_refresh") String lastSuccessfulRefresh,
    @JsonProperty("stale_sources") List<String> staleSources,
    @JsonProperty("loading_sources") List<String> loadingSources,
    List<SourceStatus> sources) {
  public DataStatus {
    staleSources = List.copyOf(staleSources);
    loadingSources = List.copyOf(loadingSources);
    sources = List.copyOf(sources);
  }
}
