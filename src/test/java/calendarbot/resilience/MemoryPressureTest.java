package calendarbot.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.PipelineConfig;
import calendarbot.flags.FeatureFlags;
import calendarbot.metrics.Metrics;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import calendarbot.pipeline.ResponseCache;
import calendarbot.resilience.MemoryPressure.Level;
import calendarbot.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryPressureTest {
  private static final long MAX = 100L << 20;

  private final FakeClock clock = FakeClock.at("2026-11-23T09:00:00Z");
  private final Resilience resilience =
      Resilience.create(Configs.small(), FeatureFlags.allOn(), null, clock, Metrics.noop());
  private final List<Double> limits = new ArrayList<>();
  private final RequestPipeline inner =
      RequestPipeline.create(
          PipelineConfig.defaults(),
          ResponseCache.create(PipelineConfig.defaults(), clock),
          resilience.cacheOutcomes());
  private final RequestPipeline pipeline = resilience.guard(new Recording(inner, limits));
  private final AtomicLong used = new AtomicLong();
  private final MemoryPressure memory = resilience.memoryPressure(pipeline, used::get, () -> MAX);

  /** Records the cache limits memory pressure sets, passing everything on. */
  private record Recording(RequestPipeline p, List<Double> limits) implements RequestPipeline {
    @Override
    public CachedResponse handle(RequestKey key, java.util.function.Supplier<CachedResponse> c) {
      return p.handle(key, c);
    }

    @Override
    public void limitCache(double fraction) {
      limits.add(fraction);
      p.limitCache(fraction);
    }

    @Override
    public calendarbot.pipeline.DataChange beginChange(
        java.util.function.Predicate<RequestKey> affects) {
      return p.beginChange(affects);
    }

    @Override
    public int invalidate(java.util.function.Predicate<RequestKey> which) {
      return p.invalidate(which);
    }

    @Override
    public calendarbot.pipeline.PipelineStats stats() {
      return p.stats();
    }
  }

  private Level at(double fraction) {
    used.set((long) (MAX * fraction));
    return memory.check();
  }

  private String pipelineBreaker() {
    return resilience.status().breakers().get(0).state();
  }

  @Test
  void check_belowSoft_isNormal_andChangesNothing() {
    assertThat(at(0.5)).isEqualTo(Level.NORMAL);
    assertThat(limits).isEmpty();
  }

  @Test
  void check_aboveSoft_shrinksTheCacheToHalf() {
    assertThat(at(0.85)).isEqualTo(Level.SOFT);

    assertThat(limits).containsExactly(0.5);
    assertThat(pipelineBreaker()).isEqualTo("CLOSED");
    ResilienceStatus.MemoryStatus s = resilience.status().memory();
    assertThat(s.level()).isEqualTo("SOFT");
    assertThat(s.usedAfterGcBytes()).isEqualTo((long) (MAX * 0.85));
    assertThat(s.maxBytes()).isEqualTo(MAX);
  }

  @Test
  void check_aboveHard_clearsTheCache_andForcesThePipelineBreakerOpen() {
    RequestKey key = RequestKey.builder(RequestType.SETTINGS).build();
    pipeline.handle(key, () -> CachedResponse.of(200, "text/plain", bytes("old")));

    assertThat(at(0.95)).isEqualTo(Level.HARD);

    assertThat(limits).containsExactly(0.25);
    assertThat(pipelineBreaker()).isEqualTo("FORCED_OPEN");
    assertThat(resilience.status().breakers().get(0).reason()).contains("memory pressure HARD");
    // The plain path answers, correctly, and keeps nothing.
    assertThat(
            pipeline.handle(key, () -> CachedResponse.of(200, "text/plain", bytes("new"))).text())
        .isEqualTo("new");
    assertThat(inner.stats().cache().entries()).isZero();
  }

  @Test
  void check_backBelowSoftWithHysteresis_restoresEverything() {
    at(0.95);
    assertThat(at(0.78)).as("inside the hysteresis band").isEqualTo(Level.SOFT);
    assertThat(pipelineBreaker()).isEqualTo("FORCED_OPEN");

    assertThat(at(0.70)).isEqualTo(Level.NORMAL);

    assertThat(limits).containsExactly(0.25, 0.5, 1.0);
    assertThat(pipelineBreaker()).isEqualTo("CLOSED");
  }

  @Test
  void check_softHoveringAtTheThreshold_doesNotFlap() {
    at(0.81);
    at(0.79);
    at(0.81);
    at(0.78);

    assertThat(memory.level()).isEqualTo(Level.SOFT);
    assertThat(limits).containsExactly(0.5);
  }

  @Test
  void watchHeap_thisJvm_reportsHeapAfterGcAndALevel() {
    try (MemoryPressure heap = resilience.watchHeap(pipeline)) {
      Level level = heap.check();

      ResilienceStatus.MemoryStatus s = resilience.status().memory();
      assertThat(s.level()).isEqualTo(level.name());
      assertThat(s.maxBytes()).isPositive();
      assertThat(s.usedAfterGcBytes()).isBetween(0L, s.maxBytes());
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
