package calendarbot.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code status_info} block of every data answer: whether the data is complete and which
 * sources are loading, failing or stale. Derived from {@link DataStatus} without the fields that
 * move at every refresh (see {@link SourceFreshness}).
 *
 * @param dataReady false until every configured source has been read successfully at least once;
 *     while false an empty answer means "still loading", never "no meetings"
 */
public record Freshness(
    @JsonProperty("data_ready") boolean dataReady,
    @JsonProperty("stale_sources") List<String> staleSources,
    @JsonProperty("loading_sources") List<String> loadingSources,
    List<SourceFreshness> sources) {
  public Freshness {
    staleSources = List.copyOf(staleSources);
    loadingSources = List.copyOf(loadingSources);
    sources = List.copyOf(sources);
  }

  public static Freshness of(DataStatus s) {
    return new Freshness(
        s.dataReady(),
        s.staleSources(),
        s.loadingSources(),
        s.sources().stream().map(SourceFreshness::of).toList());
  }
}
