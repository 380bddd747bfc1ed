package calendarbot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.config.PipelineConfig;
import calendarbot.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Live settings applied to the running cache through {@link RequestPipeline#reconfigure}. */
class CacheReconfigureTest {
  private static final int KB = 1024;

  private final FakeClock clock = FakeClock.at("2026-11-23T09:00:00Z");

  private static PipelineConfig config(Duration whatsNextTtl, int maxEntries, long maxBytes) {
    PipelineConfig d = PipelineConfig.defaults();
    return new PipelineConfig(
        true,
        true,
        true,
        false,
        true,
        whatsNextTtl,
        d.eventsTtl(),
        d.settingsTtl(),
        d.otherTtl(),
        maxEntries,
        maxBytes,
        d.batchWindow(),
        d.batchMaxSize());
  }

  private static final PipelineConfig START = config(Duration.ofSeconds(60), 100, 1024 * KB);

  private final RequestPipeline pipeline =
      RequestPipeline.caching(START, ResponseCache.create(START, clock), CacheOutcomes.IGNORE);

  private static RequestKey key(String id) {
    return RequestKey.builder(RequestType.WHATS_NEXT).put("id", id).build();
  }

  private static RequestKey eventsKey(String id) {
    return RequestKey.builder(RequestType.EVENTS_BY_RANGE).put("id", id).build();
  }

  private static CachedResponse answer(String text, int bytes) {
    byte[] body = new byte[bytes];
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(t, 0, body, 0, t.length);
    return CachedResponse.of(200, "text/plain", body);
  }

  /** Stores {@code text} under {@code k}; returns whether the answer came from the cache. */
  private boolean cached(RequestKey k) {
    boolean[] computed = {false};
    pipeline.handle(
        k,
        Features.ALL,
        () -> {
          computed[0] = true;
          return answer("x", 10);
        });
    return !computed[0];
  }

  @Test
  void reconfigure_ttlShortenedLive_expiresAnEntryOlderThanTheNewTtl() {
    pipeline.handle(key("a"), Features.ALL, () -> answer("a", 10));
    clock.advance(Duration.ofSeconds(30));
    pipeline.handle(key("b"), Features.ALL, () -> answer("b", 10));

    pipeline.reconfigure(config(Duration.ofSeconds(20), 100, 1024 * KB));

    assertThat(cached(key("a"))).as("30 s old, TTL now 20 s").isFalse();
    assertThat(cached(key("b"))).as("fresh").isTrue();
    clock.advance(Duration.ofSeconds(20));
    assertThat(pipeline.stats().cache().entries()).isZero();
  }

  @Test
  void reconfigure_ttlLengthenedLive_keepsTheEntryForTheNewTtlFromWhenItWasStored() {
    pipeline.handle(key("a"), Features.ALL, () -> answer("a", 10));
    clock.advance(Duration.ofSeconds(50));

    pipeline.reconfigure(config(Duration.ofSeconds(120), 100, 1024 * KB));

    clock.advance(Duration.ofSeconds(60));
    assertThat(cached(key("a"))).as("110 s old, TTL 120 s").isTrue();
    clock.advance(Duration.ofSeconds(10));
    assertThat(pipeline.stats().cache().entries()).isZero();
  }

  @Test
  void reconfigure_otherTypesTtl_leavesThisTypeAlone() {
    pipeline.handle(eventsKey("e"), Features.ALL, () -> answer("e", 10));
    pipeline.handle(key("a"), Features.ALL, () -> answer("a", 10));
    clock.advance(Duration.ofSeconds(59));

    pipeline.reconfigure(config(Duration.ofSeconds(60), 100, 1024 * KB));

    assertThat(cached(key("a"))).isTrue();
    assertThat(cached(eventsKey("e"))).isTrue();
  }

  @Test
  void reconfigure_maxEntriesLowered_evictsDownToTheNewBound() {
    for (int i = 0; i < 10; i++) {
      String id = "k" + i;
      pipeline.handle(key(id), Features.ALL, () -> answer(id, 100));
    }
    assertThat(pipeline.stats().cache().entries()).isEqualTo(10);

    pipeline.reconfigure(config(Duration.ofSeconds(60), 4, 1024 * KB));

    assertThat(pipeline.stats().cache().entries()).isEqualTo(4);
    assertThat(pipeline.stats().cache().evictions()).containsEntry("size", 6L);
  }

  @Test
  void reconfigure_maxBytesLowered_evictsDownToTheNewBound() {
    for (int i = 0; i < 10; i++) {
      String id = "k" + i;
      pipeline.handle(key(id), Features.ALL, () -> answer(id, 100 * KB));
    }
    assertThat(pipeline.stats().cache().weightBytes()).isGreaterThanOrEqualTo(1000L * KB);

    pipeline.reconfigure(config(Duration.ofSeconds(60), 100, 256 * KB));

    CacheStats stats = pipeline.stats().cache();
    assertThat(stats.maxWeightBytes()).isEqualTo(256L * KB);
    assertThat(stats.weightBytes()).isLessThanOrEqualTo(256L * KB);
    assertThat(stats.entries()).isBetween(1L, 2L);
  }

  @Test
  void limitCache_half_capsAtHalfTheBound_andOneRestoresIt() {
    for (int i = 0; i < 10; i++) {
      String id = "k" + i;
      pipeline.handle(key(id), Features.ALL, () -> answer(id, 100 * KB));
    }

    pipeline.limitCache(0.25);

    CacheStats limited = pipeline.stats().cache();
    assertThat(limited.maxWeightBytes()).isEqualTo(256L * KB);
    assertThat(limited.weightBytes()).isLessThanOrEqualTo(256L * KB);

    pipeline.limitCache(1);

    assertThat(pipeline.stats().cache().maxWeightBytes()).isEqualTo(1024L * KB);
    for (int i = 0; i < 9; i++) {
      String id = "n" + i;
      pipeline.handle(key(id), Features.ALL, () -> answer(id, 100 * KB));
    }
    assertThat(pipeline.stats().cache().entries()).isGreaterThanOrEqualTo(9);
  }

  @Test
  void limitCache_outsideZeroToOne_isRejected() {
    assertThatThrownBy(() -> pipeline.limitCache(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cache limit must be a fraction in (0, 1], but was 0.0");
    assertThatThrownBy(() -> pipeline.limitCache(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reconfigure_plainPipeline_isANoOp() {
    RequestPipeline.plain().reconfigure(START);
    RequestPipeline.plain().limitCache(0.5);

    assertThat(RequestPipeline.plain().stats().cache().entries()).isZero();
  }
}
