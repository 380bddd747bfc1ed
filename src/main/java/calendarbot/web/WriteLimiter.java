package calendarbot.web;

import calendarbot.error.RetryLaterException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket per client for the control surface's writes: {@code admin.write_limit} writes per
 * minute, refilled continuously, a burst of at most that many. Bounded memory: at most {@value
 * #MAX_CLIENTS} clients are tracked, and a client idle for {@link #IDLE} is forgotten (its bucket
 * would be full again by then anyway). Thread-safe.
 */
final class WriteLimiter {
  static final int MAX_CLIENTS = 10_000;

  /** Longer than a full refill (one minute), so forgetting a bucket never grants extra writes. */
  static final Duration IDLE = Duration.ofMinutes(2);

  private static final double NANOS_PER_MINUTE = 60e9;

  private final int perMinute;
  private final Clock clock;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(IDLE).build();

  /**
   * @param perMinute writes one client may make per minute (at least 1)
   * @param clock read for refills
   */
  WriteLimiter(int perMinute, Clock clock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException(
          "admin.write_limit must be at least 1, but was " + perMinute);
    }
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /**
   * Takes one write from {@code client}'s bucket.
   *
   * @throws RetryLaterException ({@link RetryLaterException.Kind#RATE_LIMITED}) when it is empty,
   *     with the time until the next write is allowed
   */
  void acquire(String client) {
    long now = nanos();
    Bucket b = buckets.get(client, k -> new Bucket(perMinute, now));
    long waitNanos = b.take(now, perMinute);
    if (waitNanos > 0) {
      Duration wait = Duration.ofNanos(waitNanos);
      throw new RetryLaterException(
          RetryLaterException.Kind.RATE_LIMITED,
          wait,
          "client '"
              + client
              + "' made more than "
              + perMinute
              + " writes in a minute (admin.write_limit="
              + perMinute
              + "); retry in "
              + Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L)
              + " s");
    }
  }

  private long nanos() {
    java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** One client's tokens; guarded by its own lock. */
  private static final class Bucket {
    private double tokens;
    private long at;

    Bucket(int capacity, long now) {
      this.tokens = capacity;
      this.at = now;
    }

    /** Takes a token and returns 0, or returns the nanoseconds until one is there. */
    synchronized long take(long now, int perMinute) {
      if (now > at) {
        tokens = Math.min(perMinute, tokens + (now - at) * perMinute / NANOS_PER_MINUTE);
        at = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) * NANOS_PER_MINUTE / perMinute);
    }
  }
}
