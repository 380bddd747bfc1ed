package calendarbot.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One source as data answers show it ({@code status_info.sources}): its state, without the
 * bookkeeping that moves at every refresh (last attempt, last check, next refresh: those are in
 * {@code /api/status}). An answer therefore changes only when the data or the state changes, which
 * lets a kiosk's poll get 304s and the response cache keep its entries across routine refreshes.
 *
 * @param lastSuccess the last successful read, given only while the source is failing or stale
 *     (then it no longer moves, and it is what "not updated since" shows); {@code null} otherwise
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SourceFreshness(
    String id,
    String name,
    String url,
    String state,
    boolean stale,
    @JsonProperty("last_success") String lastSuccess,
    @JsonProperty("last_error") String lastError,
    @JsonProperty("last_error_reason") String lastErrorReason,
    @JsonProperty("consecutive_failures") int consecutiveFailures,
    @JsonProperty("event_count") int eventCount) {
  static SourceFreshness of(SourceStatus s) {
    boolean troubled = s.stale() || "FAILED".equals(s.state());
    return new SourceFreshness(
        s.id(),
        s.name(),
        s.url(),
        s.state(),
        s.stale(),
        troubled ? s.lastSuccess() : null,
        s.lastError(),
        s.lastErrorReason(),
        s.consecutiveFailures(),
        s.eventCount());
  }
}
