package calendarbot.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What CalendarBot remembers about fetching one source.
 *
 * @param etag ETag of the last successful 200 response, for If-None-Match
 * @param lastModified Last-Modified of the last successful 200 response, for If-Modified-Since
 * @param lastAttempt when the last fetch (successful or not) finished
 * @param lastSuccess when a fetch last succeeded (200 parsed and stored, or 304)
 * @param lastChecked when the source last answered 304 Not Modified
 * @param lastErrorReason stable code of the last failure (see {@link
 *     calendarbot.error.FeedException#reason()}), {@code null} after a success
 * @param lastError the last failure's message, {@code null} after a success
 * @param consecutiveFailures failures since the last success (drives back-off)
 * @param eventCount VEVENT components stored for the source
 */
public record SourceState(
    String sourceId,
    String etag,
    String lastModified,
    Instant lastAttempt,
    Instant lastSuccess,
    Instant lastChecked,
    String lastErrorReason,
    String lastError,
    int consecutiveFailures,
    int eventCount) {
  public SourceState {
    Objects.requireNonNull(sourceId, "sourceId");
  }

  /** The state of a source never fetched. */
  public static SourceState initial(String sourceId) {
    return new SourceState(sourceId, null, null, null, null, null, null, null, 0, 0);
  }

  /** Whether the source has ever been read successfully (its data is ready to serve). */
  public boolean ready() {
    return lastSuccess != null;
  }

  /** Whether the last attempt failed. */
  public boolean failing() {
    return lastErrorReason != null;
  }
}
