package calendarbot.source;

import java.time.Duration;
import java.util.Objects;

/**
 * What one refresh of one source did.
 *
 * @param reason failure code (see {@link calendarbot.error.FeedException#reason()}), {@code null}
 *     unless {@code FAILED}
 * @param message the failure's diagnostic, or {@value #STILL_RUNNING} for {@code RUNNING}; {@code
 *     null} otherwise
 * @param duration wall time of the refresh; for {@code RUNNING}, how long the caller waited
 * @param events VEVENT components now stored for the source (unchanged on 304 and on failure; for
 *     {@code RUNNING}, as of the last finished refresh of this process, 0 before the first)
 * @param consecutiveFailures failures in a row including this one; 0 unless {@code FAILED} (for
 *     {@code RUNNING}, as of the last finished refresh)
 */
public record RefreshResult(
    String sourceId,
    Outcome outcome,
    String reason,
    String message,
    Duration duration,
    int events,
    int consecutiveFailures,
    long bytes) {
  /** The message of a {@link Outcome#RUNNING} result. */
  public static final String STILL_RUNNING = "still running; see /api/status";

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
    FAILED,
    /**
     * The caller stopped waiting before the refresh finished; it goes on in the background and its
     * outcome shows in the source's state.
     */
    RUNNING
  }
}
