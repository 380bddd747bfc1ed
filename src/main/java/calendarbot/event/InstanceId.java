package calendarbot.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The stable id of one instance: a hash of (source id, UID, recurrence key). Identical across
 * restarts and re-fetches as long as the feed keeps the UID and the original recurrence instant, so
 * a hidden instance stays hidden when the meeting is moved or retitled.
 */
public record InstanceId(String value) {
  public InstanceId {
    Objects.requireNonNull(value, "value");
  }

  /**
   * @param recurrenceKey {@link EventTime#key} of the instance's original start, or {@code ""} for
   *     a non-recurring event
   */
  public static InstanceId of(String sourceId, String uid, String recurrenceKey) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    byte[] digest =
        sha.digest((sourceId + '\n' + uid + '\n' + recurrenceKey).getBytes(StandardCharsets.UTF_8));
    return new InstanceId(HexFormat.of().formatHex(digest, 0, 12));
  }

  @Override
  public String toString() {
    return value;
  }
}
