package calendarbot.pipeline;

import calendarbot.config.PipelineConfig;
import java.time.Clock;
import java.util.function.Predicate;

/**
 * Ready-to-send answers by {@link RequestKey}, each entry living for its type's TTL, the whole
 * bounded by entry count and by weight (bytes). Thread-safe.
 */
public interface ResponseCache {
  /** The cached answer for {@code key}, or {@code null}; counts a hit or a miss. */
  CachedResponse get(RequestKey key);

  /** Stores {@code response} for {@code key}, replacing any previous one. */
  void put(RequestKey key, CachedResponse response);

  /**
   * Removes every entry whose key matches.
   *
   * @return how many were removed
   */
  int invalidate(Predicate<RequestKey> which);

  /** Counters since start and the current size. */
  CacheStats stats();

  /**
   * Applies {@code config}'s TTLs and bounds to what the cache holds and will hold: an entry keeps
   * its age and lives for its type's new TTL from when it was stored; entries beyond a lowered
   * bound are evicted now. A no-op for a cache that holds nothing.
   */
  default void reconfigure(PipelineConfig config) {}

  /**
   * Caps the byte bound at {@code fraction} of the configured one, evicting now as needed; 1
   * restores it. A no-op for a cache that holds nothing.
   *
   * @throws IllegalArgumentException unless 0 &lt; fraction &le; 1
   */
  default void limit(double fraction) {
    checkFraction(fraction);
  }

  /** Throws unless 0 &lt; fraction &le; 1. */
  private static void checkFraction(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "cache limit must be a fraction in (0, 1], but was " + fraction);
    }
  }

  /** A cache that holds nothing: every {@code get} is a miss. The plain path's twin. */
  static ResponseCache disabled() {
    return DisabledResponseCache.INSTANCE;
  }

  /**
   * The Caffeine-backed cache with {@code config}'s TTLs and bounds, reading time from {@code
   * clock} (a fake clock moves entries to expiry in tests).
   */
  static ResponseCache create(PipelineConfig config, Clock clock) {
    return new CaffeineResponseCache(config, clock);
  }
}
