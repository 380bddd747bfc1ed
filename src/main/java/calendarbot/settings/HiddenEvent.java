package calendarbot.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * An instance or a whole series a person chose not to see. Survives re-fetches and restarts because
 * instance ids are stable hashes of (source, uid, recurrence instant).
 *
 * @param scope {@code "instance"} (only {@code instanceId}) or {@code "series"} (every instance of
 *     {@code sourceId} + {@code uid})
 * @param instanceId the instance the person hid (for a series: the one they clicked)
 * @param subject the title when hidden, so the hidden list is readable; may be {@code null}
 * @param hiddenAt ISO-8601 UTC instant
 */
public record HiddenEvent(
    String scope,
    @JsonProperty("instance_id") String instanceId,
    @JsonProperty("source_id") String sourceId,
    String uid,
    String subject,
    @JsonProperty("hidden_at") String hiddenAt) {
  public static final String INSTANCE = "instance";
  public static final String SERIES = "series";

  public HiddenEvent {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(hiddenAt, "hiddenAt");
  }
}
