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
