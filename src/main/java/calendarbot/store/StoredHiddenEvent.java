package calendarbot.store;

import java.util.Objects;

/**
 * One row of the hidden events table. The store knows no settings types, so this mirrors the
 * settings feature's {@code HiddenEvent} field by field.
 *
 * @param scope {@code "instance"} or {@code "series"}
 * @param subject may be {@code null}
 * @param hiddenAt ISO-8601 instant
 */
public record StoredHiddenEvent(
    String scope, String instanceId, String sourceId, String uid, String subject, String hiddenAt) {
  public StoredHiddenEvent {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(hiddenAt, "hiddenAt");
  }
}
