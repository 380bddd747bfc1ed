package calendarbot.config;

import calendarbot.error.ConfigException;
import java.time.Duration;

/**
 * Background refresh schedule.
 *
 * @param interval default time between refreshes of a source (a source may set its own)
 * @param jitter fraction of the interval by which each refresh is randomly moved, so sources and
 *     kiosks do not fetch in lock-step; 0 to 0.5
 * @param minBackoff delay before the first retry of a failed source
 * @param maxBackoff ceiling of the doubling retry delay
 */
public record RefreshConfig(
    Duration interval, double jitter, Duration minBackoff, Duration maxBackoff) {
  public RefreshConfig {
    Check.positive("refresh.interval", interval);
    if (!(jitter >= 0 && jitter <= 0.5)) {
      throw new ConfigException("refresh.jitter", "between 0 and 0.5", jitter);
    }
    Check.positive("refresh.min_backoff", minBackoff);
    Check.positive("refresh.max_backoff", maxBackoff);
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new ConfigException(
          "refresh.max_backoff", "at least refresh.min_backoff (" + minBackoff + ")", maxBackoff);
    }
  }

  public static RefreshConfig defaults() {
    return new RefreshConfig(
        Duration.ofMinutes(5), 0.1, Duration.ofSeconds(30), Duration.ofMinutes(30));
  }
}
