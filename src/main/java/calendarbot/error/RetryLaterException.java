package calendarbot.error;

import java.time.Duration;

/**
 * The server could take the request, but not now: too many expensive requests at once (HTTP 503) or
 * one client writing too often (HTTP 429). Both answers carry {@code Retry-After}.
 */
public final class RetryLaterException extends CalendarBotException {
  private static final long serialVersionUID = 1L;

  /** Why the request must wait. */
  public enum Kind {
    /** A bulkhead is full (HTTP 503). */
    OVERLOADED,
    /** The client's write rate limit is used up (HTTP 429). */
    RATE_LIMITED
  }

  private final Kind kind;
  private final Duration retryAfter;

  /**
   * @param retryAfter when to try again; sent rounded up to whole seconds (at least 1)
   * @param message what was refused, why, and what to do
   */
  public RetryLaterException(Kind kind, Duration retryAfter, String message) {
    super(message);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@link #retryAfter} in whole seconds, rounded up, at least 1: the header's value. */
  public long retryAfterSeconds() {
    long s = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, s);
  }
}
