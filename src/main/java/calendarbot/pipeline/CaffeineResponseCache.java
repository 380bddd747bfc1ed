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
 * <p>Live settings ({@link #reconfigure}, {@link #limit}) swap a volatile config and then re-put
 * every entry with itself: Caffeine weighs and times an entry again when it is updated, and the
 * {@link Expiry} counts an entry's life from when it was stored, so an entry keeps its age and gets
 * the new TTL and weight; then the new bound evicts. A few thousand entries at most, a rare call.
 *
 * <p>Maintenance (expiry, eviction, listener calls) runs on the calling thread, never on the common
 * pool: no extra threads on a Pi, and deterministic under a fake clock.
 */
final class CaffeineResponseCache implements ResponseCache {
  private final Cache<RequestKey, Entry> cache;
  private final Clock clock;
  private volatile PipelineConfig config;
  private volatile long minEntryWeight;
  private volatile double fraction = 1.0;
  private final Map<RequestType, LongAdder> hits = new EnumMap<>(RequestType.class);
  private final Map<RequestType, LongAdder> misses = new EnumMap<>(RequestType.class);
  private final LongAdder expired = new LongAdder();
  private final LongAdder evictedForSize = new LongAdder();
  private final LongAdder invalidated = new LongAdder();

  /** A stored answer and when it was stored (the ticker's nanoseconds), for its age. */
  private record Entry(CachedResponse response, long storedNanos) {}

  CaffeineResponseCache(PipelineConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.minEntryWeight = minEntryWeight(config);
    for (RequestType t : RequestType.values()) {
      hits.put(t, new LongAdder());
      misses.put(t, new LongAdder());
    }
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(config.maxWeightBytes())
            .weigher((RequestKey k, Entry v) -> weigh(v.response()))
            .expireAfter(new PerTypeExpiry())
            .ticker(this::now)
            .executor(Runnable::run)
            .removalListener((RequestKey k, Entry v, RemovalCause cause) -> count(cause))
            .build();
  }

  @Override
  public CachedResponse get(RequestKey key) {
    Entry e = cache.getIfPresent(key);
    (e == null ? misses : hits).get(key.type()).increment();
    return e == null ? null : e.response();
  }

  @Override
  public void put(RequestKey key, CachedResponse response) {
    cache.put(key, new Entry(response, now()));
  }

  @Override
  public int invalidate(Predicate<RequestKey> which) {
    List<RequestKey> keys = cache.asMap().keySet().stream().filter(which).toList();
    cache.invalidateAll(keys);
    return keys.size();
  }

  @Override
  public synchronized void reconfigure(PipelineConfig next) {
    this.config = next;
    this.minEntryWeight = minEntryWeight(next);
    applyBounds();
  }

  @Override
  public synchronized void limit(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "cache limit must be a fraction in (0, 1], but was " + fraction);
    }
    this.fraction = fraction;
    applyBounds();
  }

  /** The byte bound in force: the configured one times the memory-pressure fraction. */
  long maximumBytes() {
    return Math.max(1, (long) (config.maxWeightBytes() * fraction));
  }

  private void applyBounds() {
    // Re-put each entry with itself: Caffeine weighs and times it again (same age, new rules).
    var map = cache.asMap();
    for (var e : map.entrySet()) {
      map.replace(e.getKey(), e.getValue(), e.getValue());
    }
    cache.policy().eviction().orElseThrow().setMaximum(maximumBytes());
    cache.cleanUp();
  }

  @Override
  public CacheStats stats() {
    cache.cleanUp();
    long bytes = 0;
    long entries = 0;
    for (Entry e : cache.asMap().values()) {
      bytes += e.response().weight();
      entries++;
    }
    Map<String, CacheStats.TypeCounts> byType = new HashMap<>();
    for (RequestType t : RequestType.values()) {
      byType.put(t.code(), new CacheStats.TypeCounts(hits.get(t).sum(), misses.get(t).sum()));
    }
    return new CacheStats(
        entries,
        bytes,
        maximumBytes(),
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

  /** Every entry weighs at least bound/maxEntries, so no more than maxEntries ever fit. */
  private static long minEntryWeight(PipelineConfig c) {
    return Math.max(1, c.maxWeightBytes() / c.maxEntries());
  }

  private void count(RemovalCause cause) {
    switch (cause) {
      case EXPIRED -> expired.increment();
      case SIZE, COLLECTED -> evictedForSize.increment();
      case EXPLICIT -> invalidated.increment();
      case REPLACED -> {
        // A fresher answer for the same key (or the same one re-put): not an eviction.
      }
    }
  }

  private Duration ttl(RequestType type) {
    PipelineConfig c = config;
    return switch (type) {
      case WHATS_NEXT -> c.whatsNextTtl();
      case EVENTS_BY_RANGE -> c.eventsTtl();
      case SETTINGS -> c.settingsTtl();
      case STATUS, IMAGE -> c.otherTtl();
    };
  }

  /**
   * How long an entry stored at {@code storedNanos} lives: the type's TTL; an answer computed ahead
   * for a later minute (warming) lives at least to the end of the minute it is for, or it would
   * expire just as its minute begins.
   */
  private long life(RequestKey key, long storedNanos) {
    long ttl = ttl(key.type()).toNanos();
    if (key.minute() == null) {
      return ttl;
    }
    long untilMinuteEnds = nanos(key.minute().plusSeconds(60)) - storedNanos;
    return Math.max(ttl, untilMinuteEnds);
  }

  /** What is left of {@code e}'s life at {@code nowNanos}; 0 when it is over. */
  private long remaining(RequestKey key, Entry e, long nowNanos) {
    return Math.max(0, e.storedNanos() + life(key, e.storedNanos()) - nowNanos);
  }

  private long now() {
    return nanos(clock.instant());
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private final class PerTypeExpiry implements Expiry<RequestKey, Entry> {
    @Override
    public long expireAfterCreate(RequestKey key, Entry value, long currentTime) {
      return remaining(key, value, currentTime);
    }

    @Override
    public long expireAfterUpdate(
        RequestKey key, Entry value, long currentTime, long currentDuration) {
      return remaining(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(
        RequestKey key, Entry value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
