package calendarbot.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.config.PipelineConfig;
import calendarbot.error.RetryLaterException;
import calendarbot.error.StorageException;
import calendarbot.flags.FeatureFlags;
import calendarbot.metrics.Metrics;
import calendarbot.pipeline.CacheStats;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.Features;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import calendarbot.pipeline.ResponseCache;
import calendarbot.testing.FakeClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ResilientPipelineTest {
  private final FakeClock clock = FakeClock.at("2026-11-23T09:00:00Z");
  private final ThrowingCache cache =
      new ThrowingCache(ResponseCache.create(PipelineConfig.defaults(), clock));
  private final Resilience resilience =
      Resilience.create(Configs.small(), FeatureFlags.allOn(), null, clock, Metrics.noop());
  private final RequestPipeline pipeline =
      resilience.guard(
          RequestPipeline.create(PipelineConfig.defaults(), cache, resilience.cacheOutcomes()));
  private final AtomicInteger computations = new AtomicInteger();

  /** A response cache that throws on every operation while {@link #broken} is set. */
  static final class ThrowingCache implements ResponseCache {
    final ResponseCache real;
    final AtomicBoolean broken = new AtomicBoolean();

    ThrowingCache(ResponseCache real) {
      this.real = real;
    }

    private void check() {
      if (broken.get()) {
        throw new IllegalStateException("injected cache fault");
      }
    }

    @Override
    public CachedResponse get(RequestKey key) {
      check();
      return real.get(key);
    }

    @Override
    public void put(RequestKey key, CachedResponse response) {
      check();
      real.put(key, response);
    }

    @Override
    public int invalidate(Predicate<RequestKey> which) {
      return real.invalidate(which);
    }

    @Override
    public CacheStats stats() {
      return real.stats();
    }
  }

  private RequestKey key(RequestType type, String p) {
    return RequestKey.builder(type).put("p", p).build();
  }

  private RequestKey whatsNextNow() {
    return RequestKey.builder(RequestType.WHATS_NEXT)
        .minute(clock.instant().truncatedTo(ChronoUnit.MINUTES))
        .build();
  }

  private CachedResponse json(String text) {
    computations.incrementAndGet();
    return CachedResponse.of(200, "application/json", text.getBytes(StandardCharsets.UTF_8));
  }

  private String pipelineState() {
    return resilience.status().breakers().get(0).state();
  }

  @Test
  void handle_throwingCache_opensTheBreaker_andAnswersStayCorrect() {
    cache.broken.set(true);
    for (int i = 0; i < 10; i++) {
      String body = "{\"n\":" + i + "}";
      assertThat(pipeline.handle(key(RequestType.SETTINGS, "" + i), () -> json(body)).text())
          .isEqualTo(body);
    }

    assertThat(pipelineState()).isEqualTo("OPEN");
    ResilienceStatus.BreakerStatus s = resilience.status().breakers().get(0);
    assertThat(s.name()).isEqualTo("pipeline");
    assertThat(s.transitions()).containsEntry("OPEN", 1L);
    assertThat(s.reason())
        .contains("100% of the last 10 cache operations failed; plain path for 30 s");
    assertThat(s.nextTrialAt()).isEqualTo("2026-11-23T09:00:30Z");
    // Open: the plain path answers, without touching the cache.
    long before = cache.real.stats().byType().get("settings").misses();
    assertThat(pipeline.handle(key(RequestType.SETTINGS, "x"), () -> json("{\"open\":1}")).text())
        .isEqualTo("{\"open\":1}");
    assertThat(cache.real.stats().byType().get("settings").misses()).isEqualTo(before);
  }

  @Test
  void handle_afterTheWaitWithAWorkingCache_closesTheBreakerAgain() {
    cache.broken.set(true);
    for (int i = 0; i < 10; i++) {
      pipeline.handle(key(RequestType.SETTINGS, "" + i), () -> json("{}"));
    }
    assertThat(pipelineState()).isEqualTo("OPEN");

    cache.broken.set(false);
    clock.advance(Configs.OPEN_WAIT.plusSeconds(1));
    for (int i = 0; i < 10; i++) {
      String body = "{\"trial\":" + i + "}";
      assertThat(pipeline.handle(key(RequestType.SETTINGS, "t" + i), () -> json(body)).text())
          .isEqualTo(body);
    }

    assertThat(pipelineState()).isEqualTo("CLOSED");
    assertThat(resilience.status().breakers().get(0).transitions())
        .containsEntry("OPEN", 1L)
        .containsEntry("HALF_OPEN", 1L)
        .containsEntry("CLOSED", 1L);
    // Closed again: answers are cached.
    pipeline.handle(key(RequestType.SETTINGS, "t0"), () -> json("{\"recomputed\":1}"));
    assertThat(pipeline.handle(key(RequestType.SETTINGS, "t0"), () -> json("{}")).text())
        .isEqualTo("{\"trial\":0}");
  }

  @Test
  void handle_afterTheWaitWithTheCacheStillBroken_opensAgain() {
    cache.broken.set(true);
    for (int i = 0; i < 10; i++) {
      pipeline.handle(key(RequestType.SETTINGS, "" + i), () -> json("{}"));
    }
    clock.advance(Configs.OPEN_WAIT.plusSeconds(1));
    for (int i = 0; i < 10; i++) {
      assertThat(
              pipeline.handle(key(RequestType.SETTINGS, "h" + i), () -> json("{\"h\":1}")).text())
          .isEqualTo("{\"h\":1}");
    }

    assertThat(pipelineState()).isEqualTo("OPEN");
    assertThat(resilience.status().breakers().get(0).reason()).startsWith("the trial failed");
  }

  @Test
  void handle_computeThrows_isNotAPipelineFailure() {
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(
              () ->
                  pipeline.handle(
                      key(RequestType.SETTINGS, "x"),
                      () -> {
                        throw new StorageException("database is locked", null);
                      }))
          .isInstanceOf(StorageException.class);
    }
    assertThat(pipelineState()).isEqualTo("CLOSED");
  }

  @Test
  void handle_whatsNextComputeFails_servesTheEmergencyAnswer_staleWithItsAge() throws Exception {
    CachedResponse good =
        pipeline.handle(
            whatsNextNow(), () -> json("{\"current\":null,\"next\":{\"title\":\"A\"}}"));
    clock.advance(Duration.ofMinutes(3));
    pipeline.invalidate(k -> true);

    CachedResponse emergency =
        pipeline.handle(
            whatsNextNow(),
            () -> {
              throw new StorageException("database is locked", null);
            });

    JsonNode body = new ObjectMapper().readTree(emergency.body());
    assertThat(emergency.status()).isEqualTo(200);
    assertThat(body.get("next").get("title").asText()).isEqualTo("A");
    assertThat(body.get("stale").asBoolean()).isTrue();
    assertThat(body.get("emergency").get("saved_at").asText()).isEqualTo("2026-11-23T09:00:00Z");
    assertThat(body.get("emergency").get("age_seconds").asLong()).isEqualTo(180);
    assertThat(body.get("emergency").get("reason").asText())
        .isEqualTo("the calendar database cannot be read right now");
    assertThat(resilience.status().emergency().lastReason()).isEqualTo("database is locked");
    assertThat(emergency.etag()).startsWith("W/\"emergency-").isNotEqualTo(good.etag());
    assertThat(resilience.status().emergency().served()).isEqualTo(1);
    // Never stored: the next good answer is computed, not the emergency one.
    assertThat(pipeline.handle(whatsNextNow(), () -> json("{\"fresh\":1}")).text())
        .isEqualTo("{\"fresh\":1}");
  }

  @Test
  void handle_whatsNextComputeFailsWithNothingSaved_propagates() {
    assertThatThrownBy(
            () ->
                pipeline.handle(
                    whatsNextNow(),
                    () -> {
                      throw new StorageException("database is locked", null);
                    }))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void handle_answerWarmedForTheNextMinute_isNotKeptForEmergencies() {
    RequestKey next =
        RequestKey.builder(RequestType.WHATS_NEXT)
            .minute(clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)))
            .build();
    pipeline.handle(next, () -> json("{\"ahead\":1}"));

    assertThat(resilience.status().emergency().savedAt()).isNull();
  }

  @Test
  void handle_rangeComputeFails_propagatesWithoutEmergency() {
    pipeline.handle(whatsNextNow(), () -> json("{}"));

    assertThatThrownBy(
            () ->
                pipeline.handle(
                    key(RequestType.EVENTS_BY_RANGE, "r"),
                    () -> {
                      throw new StorageException("database is locked", null);
                    }))
        .isInstanceOf(StorageException.class);
    assertThat(resilience.status().emergency().served()).isZero();
  }

  @Test
  void handle_bulkheadFull_refusesWithRetryLater() {
    RequestKey outer = key(RequestType.EVENTS_BY_RANGE, "outer");
    RequestKey inner = key(RequestType.IMAGE, "inner");

    assertThatThrownBy(() -> pipeline.handle(outer, () -> pipeline.handle(inner, () -> json("{}"))))
        .isInstanceOfSatisfying(
            RetryLaterException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RetryLaterException.Kind.OVERLOADED);
              assertThat(e.retryAfterSeconds()).isEqualTo(2);
              assertThat(e.getMessage()).contains("resilience.bulkhead.max_concurrent=1");
            });
    assertThat(resilience.status().bulkhead().rejected()).isEqualTo(1);
    assertThat(resilience.status().bulkhead().available()).isEqualTo(1);
    assertThat(pipelineState()).isEqualTo("CLOSED");
  }

  @Test
  void handle_cacheHitWhileTheBulkheadIsFull_takesNoSlot() {
    RequestKey cached = key(RequestType.EVENTS_BY_RANGE, "cached");
    pipeline.handle(cached, () -> json("{\"cached\":1}"));

    CachedResponse r =
        pipeline.handle(
            key(RequestType.EVENTS_BY_RANGE, "outer"),
            () -> pipeline.handle(cached, () -> json("{\"recomputed\":1}")));

    assertThat(r.text()).isEqualTo("{\"cached\":1}");
    assertThat(resilience.status().bulkhead().rejected()).isZero();
  }

  @Test
  void handle_plainFeatures_computeEveryTime_andTheBreakerIsUntouched() {
    pipeline.handle(key(RequestType.SETTINGS, "a"), Features.PLAIN, () -> json("{}"));
    pipeline.handle(key(RequestType.SETTINGS, "a"), Features.PLAIN, () -> json("{}"));

    assertThat(computations).hasValue(2);
    assertThat(resilience.status().breakers().get(0).bufferedCalls()).isZero();
  }

  @Test
  void status_listsPipelineAndPoolBreakers_closedAtStart() {
    ResilienceStatus s = resilience.status();

    assertThat(s.breakers())
        .extracting(ResilienceStatus.BreakerStatus::name, ResilienceStatus.BreakerStatus::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pipeline", "CLOSED"),
            org.assertj.core.groups.Tuple.tuple("feed_pool", "CLOSED"));
    assertThat(s.memory()).isNull();
    assertThat(s.bulkhead().maxConcurrent()).isEqualTo(1);
    assertThat(Instant.parse(s.breakers().get(0).since())).isEqualTo(clock.instant());
  }
}
