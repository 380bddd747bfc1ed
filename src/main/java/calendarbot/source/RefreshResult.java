package calendarbot.source;

import java.time.Duration;
import java.util.Objects;

/**
 * What one refresh of one source did.
 *
 * @param reason failure code (see {@link calendarbot.error.FeedException#reason()}), {@code null}
 *     unless {@code FAILED}
 * @param message the failure's diagnostic, {@code null} unless {@code FAILED}
 * @param duration wall time of the refresh
 * @param events VEVENT components now stored for the source (unchanged on 304 and on failure)
 * @param consecutiveFailures failures in a row including this one; 0 unless {@code FAILED}
 */
public record RefreshResult(
    String sourceId,
    Outcome outcome,
    String reason,
    String message,
    Duration duration,
    int events,
    int consecutiveFailures) {
  public RefreshResult {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
  }

  /** How a refresh ended. The names are stable codes. */
  public enum Outcome {
    /** New data was parsed and stored. */
    UPDATED,
    /** The feed was unchanged; stored data kept. */
    NOT_MODIFIED,
    /** The refresh failed; stored data kept. */
    FAILED
  }
}
