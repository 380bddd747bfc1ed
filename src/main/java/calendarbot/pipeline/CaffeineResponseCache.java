package calendarbot.pipeline;

import calendarbot.config.PipelineConfig;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The response cache on Caffeine: per-type TTL through an {@link Expiry}, one weight bound in
 * bytes, and the entry-count bound folded into the weight (see {@link #weigh}) because Caffeine
 * takes either a size or a weight bound, not both.
 *
 * <p>Maintenance (expiry, eviction, listener calls) runs on the calling thread, never on the common
 * pool: no extra threads on a Pi, and deterministic under a fake clock.
 */
final class CaffeineResponseCache implements ResponseCache {
  private final Cache<RequestKey, CachedResponse> cache;
  private final PipelineConfig config;
  private final long minEntryWeight;
  private final Map<RequestType, LongAdder> hits = new EnumMap<>(RequestType.class);
  private final Map<RequestType, LongAdder> misses = new EnumMap<>(RequestType.class);
  private final LongAdder expired = new LongAdder();
  private final LongAdder evictedForSize = new LongAdder();
  private final LongAdder invalidated = new LongAdder();

  CaffeineResponseCache(PipelineConfig config, Clock clock) {
    this.config = config;
    // Every entry weighs at least bound/maxEntries, so no more than maxEntries ever fit.
    this.minEntryWeight = Math.max(1, config.maxWeightBytes() / config.maxEntries());
    for (RequestType t : RequestType.values()) {
      hits.put(t, new LongAdder());
      misses.put(t, new LongAdder());
    }
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(config.maxWeightBytes())
            .weigher((RequestKey k, CachedResponse v) -> weigh(v))
            .expireAfter(new PerTypeExpiry())
            .ticker(() -> nanos(clock.instant()))
            .executor(Runnable::run)
            .removalListener((RequestKey k, CachedResponse v, RemovalCause cause) -> count(cause))
            .build();
  }

  @Override
  public CachedResponse get(RequestKey key) {
    CachedResponse r = cache.getIfPresent(key);
    (r == null ? misses : hits).get(key.type()).increment();
    return r;
  }

  @Override
  public void put(RequestKey key, CachedResponse response) {
    cache.put(key, response);
  }

  @Override
  public int invalidate(Predicate<RequestKey> which) {
    List<RequestKey> keys = cache.asMap().keySet().stream().filter(which).toList();
    cache.invalidateAll(keys);
    return keys.size();
  }

  @Override
  public CacheStats stats() {
    cache.cleanUp();
    long bytes = 0;
    long entries = 0;
    for (CachedResponse r : cache.asMap().values()) {
      bytes += r.weight();
      entries++;
    }
    Map<String, CacheStats.TypeCounts> byType = new HashMap<>();
    for (RequestType t : RequestType.values()) {
      byType.put(t.code(), new CacheStats.TypeCounts(hits.get(t).sum(), misses.get(t).sum()));
    }
    return new CacheStats(
        entries,
        bytes,
        config.maxWeightBytes(),
        Map.of(
            "expired",
            expired.sum(),
            "size",
            evictedForSize.sum(),
            "invalidated",
            invalidated.sum()),
        byType);
  }

  /** The weight Caffeine bounds: the real bytes, but never less than the per-entry share. */
  int weigh(CachedResponse r) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(r.weight(), minEntryWeight));
  }

  private void count(RemovalCause cause) {
    switch (cause) {
      case EXPIRED -> expired.increment();
      case SIZE, COLLECTED -> evictedForSize.increment();
      case EXPLICIT -> invalidated.increment();
      case REPLACED -> {
        // A fresher answer for the same key: not an eviction.
      }
    }
  }

  private Duration ttl(RequestType type) {
    return switch (type) {
      case WHATS_NEXT -> config.whatsNextTtl();
      case EVENTS_BY_RANGE -> config.eventsTtl();
      case SETTINGS -> config.settingsTtl();
      case STATUS, IMAGE -> config.otherTtl();
    };
  }

  /**
   * The type's TTL; an answer computed ahead for a later minute (warming) lives at least to the end
   * of the minute it is for, or it would expire just as its minute begins.
   */
  private long life(RequestKey key, long nowNanos) {
    long ttl = ttl(key.type()).toNanos();
    if (key.minute() == null) {
      return ttl;
    }
    long untilMinuteEnds = nanos(key.minute().plusSeconds(60)) - nowNanos;
    return Math.max(ttl, untilMinuteEnds);
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private final class PerTypeExpiry implements Expiry<RequestKey, CachedResponse> {
    @Override
    public long expireAfterCreate(RequestKey key, CachedResponse value, long currentTime) {
      return life(key, currentTime);
    }

    @Override
    public long expireAfterUpdate(
        RequestKey key, CachedResponse value, long currentTime, long currentDuration) {
      return life(key, currentTime);
    }

    @Override
    public long expireAfterRead(
        RequestKey key, CachedResponse value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
