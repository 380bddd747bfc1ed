package calendarbot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.PipelineConfig;
import calendarbot.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {
  private final FakeClock clock = FakeClock.at("2026-11-23T09:00:00Z");

  private static RequestKey key(RequestType type, String id) {
    return RequestKey.builder(type).put("id", id).build();
  }

  private static CachedResponse body(int bytes) {
    return CachedResponse.of(200, "application/json", new byte[bytes]);
  }

  private static PipelineConfig config(int maxEntries, long maxBytes) {
    PipelineConfig d = PipelineConfig.defaults();
    return new PipelineConfig(
        true,
        true,
        true,
        false,
        true,
        Duration.ofSeconds(60),
        Duration.ofSeconds(300),
        Duration.ofSeconds(600),
        Duration.ofSeconds(30),
        maxEntries,
        maxBytes,
        d.batchWindow(),
        d.batchMaxSize());
  }

  @Test
  void get_beforeItsTypesTtl_hits_andAfter_misses() {
    ResponseCache cache = ResponseCache.create(config(100, 1 << 20), clock);
    cache.put(key(RequestType.WHATS_NEXT, "a"), body(10));
    cache.put(key(RequestType.EVENTS_BY_RANGE, "a"), body(10));

    clock.advance(Duration.ofSeconds(59));
    assertThat(cache.get(key(RequestType.WHATS_NEXT, "a"))).isNotNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get(key(RequestType.WHATS_NEXT, "a"))).isNull();
    assertThat(cache.get(key(RequestType.EVENTS_BY_RANGE, "a"))).isNotNull();
    clock.advance(Duration.ofSeconds(240));
    assertThat(cache.get(key(RequestType.EVENTS_BY_RANGE, "a"))).isNull();

    CacheStats stats = cache.stats();
    assertThat(stats.evictions()).containsEntry("expired", 2L);
    assertThat(stats.byType().get("whats_next").hits()).isEqualTo(1);
    assertThat(stats.byType().get("whats_next").misses()).isEqualTo(1);
  }

  @Test
  void get_answerWarmedAheadForTheNextMinute_livesUntilThatMinuteEnds() {
    ResponseCache cache = ResponseCache.create(config(100, 1 << 20), clock);
    // Computed at 09:00:00 for 09:01, with a 60 s TTL: it must serve the whole of 09:01.
    RequestKey next =
        RequestKey.builder(RequestType.WHATS_NEXT)
            .minute(clock.instant().plus(Duration.ofMinutes(1)))
            .build();
    cache.put(next, body(10));

    clock.advance(Duration.ofSeconds(119));
    assertThat(cache.get(next)).isNotNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get(next)).isNull();
  }

  @Test
  void get_answerForTheCurrentMinute_keepsItsTtl() {
    ResponseCache cache = ResponseCache.create(config(100, 1 << 20), clock);
    clock.advance(Duration.ofSeconds(30));
    RequestKey now =
        RequestKey.builder(RequestType.WHATS_NEXT)
            .minute(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
            .build();
    cache.put(now, body(10));

    clock.advance(Duration.ofSeconds(59));
    assertThat(cache.get(now)).isNotNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get(now)).isNull();
  }

  @Test
  void put_overWeightBound_evictsUntilUnderIt() {
    long bound = 100_000;
    ResponseCache cache = ResponseCache.create(config(1000, bound), clock);
    for (int i = 0; i < 50; i++) {
      cache.put(key(RequestType.EVENTS_BY_RANGE, "w" + i), body(10_000));
    }

    CacheStats stats = cache.stats();
    assertThat(stats.weightBytes()).isLessThanOrEqualTo(bound);
    assertThat(stats.entries()).isLessThan(50).isGreaterThan(0);
    assertThat(stats.evictions().get("size")).isEqualTo(50 - stats.entries());
  }

  @Test
  void put_overEntryBound_keepsAtMostMaxEntries() {
    ResponseCache cache = ResponseCache.create(config(10, 1 << 20), clock);
    for (int i = 0; i < 100; i++) {
      cache.put(key(RequestType.WHATS_NEXT, "e" + i), body(1));
    }

    assertThat(cache.stats().entries()).isLessThanOrEqualTo(10);
  }

  @Test
  void invalidate_removesOnlyMatchingEntries_andCountsThem() {
    ResponseCache cache = ResponseCache.create(config(100, 1 << 20), clock);
    cache.put(key(RequestType.WHATS_NEXT, "a"), body(1));
    cache.put(key(RequestType.WHATS_NEXT, "b"), body(1));
    cache.put(key(RequestType.SETTINGS, "a"), body(1));

    int removed = cache.invalidate(k -> k.type() == RequestType.WHATS_NEXT);

    assertThat(removed).isEqualTo(2);
    assertThat(cache.get(key(RequestType.SETTINGS, "a"))).isNotNull();
    assertThat(cache.get(key(RequestType.WHATS_NEXT, "a"))).isNull();
    assertThat(cache.stats().evictions()).containsEntry("invalidated", 2L);
  }

  @Test
  void stats_weightBytes_countsBodiesAndCompressedForms() {
    ResponseCache cache = ResponseCache.create(config(100, 1 << 20), clock);
    cache.put(key(RequestType.STATUS, "a"), body(1000).withGzipped(new byte[100]));

    assertThat(cache.stats().weightBytes())
        .isEqualTo(1000 + 100 + CachedResponse.ENTRY_OVERHEAD_BYTES);
  }

  @Test
  void disabled_neverHolds_butCountsMisses() {
    ResponseCache cache = ResponseCache.disabled();
    cache.put(key(RequestType.IMAGE, "a"), body(1));

    assertThat(cache.get(key(RequestType.IMAGE, "a"))).isNull();
    assertThat(cache.stats().entries()).isZero();
    assertThat(cache.stats().byType().get("image").misses()).isPositive();
  }
}
