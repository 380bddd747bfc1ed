package calendarbot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.PipelineConfig;
import calendarbot.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-request features, cache outcomes and a failing cache. */
class PipelineFeaturesTest {
  private final FakeClock clock = FakeClock.at("2026-11-23T09:00:00Z");
  private final PipelineConfig config = PipelineConfig.defaults();
  private final RecordingOutcomes outcomes = new RecordingOutcomes();
  private final RequestKey key = RequestKey.builder(RequestType.WHATS_NEXT).put("l", "a").build();
  private final AtomicInteger computations = new AtomicInteger();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
  }

  private RequestPipeline caching(ResponseCache cache) {
    return RequestPipeline.caching(config, cache, outcomes);
  }

  private CachedResponse compute(String text) {
    computations.incrementAndGet();
    return CachedResponse.of(200, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void handle_withoutTheCacheFeature_neitherReadsNorWritesTheCache() {
    ThrowingResponseCache cache =
        new ThrowingResponseCache(ResponseCache.create(config, clock), false, false);
    RequestPipeline pipeline = caching(cache);
    Features noCache = new Features(true, false, true, false);

    assertThat(pipeline.handle(key, noCache, () -> compute("1")).text()).isEqualTo("1");
    assertThat(pipeline.handle(key, noCache, () -> compute("2")).text()).isEqualTo("2");

    assertThat(cache.gets).hasValue(0);
    assertThat(cache.puts).hasValue(0);
    assertThat(pipeline.handle(key, Features.ALL, () -> compute("3")).text()).isEqualTo("3");
    assertThat(pipeline.handle(key, Features.ALL, () -> compute("4")).text()).isEqualTo("3");
  }

  @Test
  void handle_cachedByOneClient_isServedToAnotherWithTheCache_notToOneWithout() {
    RequestPipeline pipeline = caching(ResponseCache.create(config, clock));
    pipeline.handle(key, Features.ALL, () -> compute("kept"));

    assertThat(pipeline.handle(key, Features.ALL, () -> compute("x")).text()).isEqualTo("kept");
    assertThat(pipeline.handle(key, Features.PLAIN, () -> compute("plain")).text())
        .isEqualTo("plain");
    assertThat(pipeline.handle(key, new Features(true, false, false, false), () -> compute("nc")))
        .extracting(CachedResponse::text)
        .isEqualTo("nc");
  }

  @Test
  void handle_withoutThePipelineFeature_computesAndKeepsNothing() {
    ThrowingResponseCache cache =
        new ThrowingResponseCache(ResponseCache.create(config, clock), false, false);
    RequestPipeline pipeline = caching(cache);

    pipeline.handle(key, Features.PLAIN, () -> compute("1"));
    pipeline.handle(key, Features.PLAIN, () -> compute("2"));

    assertThat(computations).hasValue(2);
    assertThat(cache.gets).hasValue(0);
    assertThat(outcomes.succeeded).hasValue(0);
    assertThat(pipeline.keepsAnswers(Features.PLAIN)).isFalse();
    assertThat(pipeline.keepsAnswers(Features.ALL)).isTrue();
    assertThat(pipeline.keepsAnswers(new Features(true, false, false, true))).isFalse();
  }

  /**
   * Two identical requests without single-flight both compute: the first waits inside its
   * computation until the second has started its own, which a joined flight never would.
   */
  @Test
  void handle_withoutSingleFlight_identicalRequestsInFlightComputeEach() throws Exception {
    RequestPipeline pipeline = caching(ResponseCache.create(config, clock));
    Features noSharing = new Features(true, false, false, false);
    CountDownLatch secondComputing = new CountDownLatch(1);
    CountDownLatch firstComputing = new CountDownLatch(1);

    Future<CachedResponse> first =
        threads.submit(
            () ->
                pipeline.handle(
                    key,
                    noSharing,
                    () -> {
                      firstComputing.countDown();
                      await(secondComputing);
                      return compute("first");
                    }));
    await(firstComputing);
    Future<CachedResponse> second =
        threads.submit(
            () ->
                pipeline.handle(
                    key,
                    noSharing,
                    () -> {
                      secondComputing.countDown();
                      return compute("second");
                    }));

    assertThat(second.get(30, TimeUnit.SECONDS).text()).isEqualTo("second");
    assertThat(first.get(30, TimeUnit.SECONDS).text()).isEqualTo("first");
    assertThat(pipeline.stats().singleFlightJoins()).isZero();
  }

  @Test
  void handle_everyLookupAndStore_isReportedAsSucceeded() {
    RequestPipeline pipeline =
        RequestPipeline.create(config, ResponseCache.create(config, clock), outcomes);

    pipeline.handle(key, () -> compute("a")); // lookup (miss) + store
    pipeline.handle(key, () -> compute("b")); // lookup (hit)

    assertThat(outcomes.succeeded).hasValue(3);
    assertThat(outcomes.failed).isEmpty();
  }

  @Test
  void handle_cacheLookupAndStoreThrow_answerIsComputed_andBothFailuresReported() {
    RequestPipeline pipeline =
        caching(new ThrowingResponseCache(ResponseCache.create(config, clock), true, true));

    CachedResponse r = pipeline.handle(key, Features.ALL, () -> compute("still here"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("still here");
    assertThat(outcomes.failed)
        .extracting(Throwable::getMessage)
        .containsExactly("injected: cache lookup failed", "injected: cache store failed");
    assertThat(outcomes.succeeded).hasValue(0);
  }

  @Test
  void handle_onlyStoreThrows_answerIsSent_andTheNextRequestComputesAgain() {
    ThrowingResponseCache cache =
        new ThrowingResponseCache(ResponseCache.create(config, clock), false, true);
    RequestPipeline pipeline = caching(cache);

    assertThat(pipeline.handle(key, Features.ALL, () -> compute("1")).text()).isEqualTo("1");
    assertThat(pipeline.handle(key, Features.ALL, () -> compute("2")).text()).isEqualTo("2");
    assertThat(outcomes.failed).hasSize(2);
    assertThat(outcomes.succeeded).hasValue(2);

    cache.putFails = false; // recovered
    pipeline.handle(key, Features.ALL, () -> compute("3"));
    assertThat(pipeline.handle(key, Features.ALL, () -> compute("4")).text()).isEqualTo("3");
  }

  @Test
  void caching_pipelineDisabledInConfig_plainByDefault_butFeaturesTurnTheCacheOn() {
    RequestPipeline pipeline =
        RequestPipeline.caching(
            PipelineConfig.off(), ResponseCache.create(config, clock), CacheOutcomes.IGNORE);

    pipeline.handle(key, () -> compute("1"));
    assertThat(pipeline.handle(key, () -> compute("2")).text()).isEqualTo("2");

    pipeline.handle(key, Features.ALL, () -> compute("3"));
    assertThat(pipeline.handle(key, Features.ALL, () -> compute("4")).text()).isEqualTo("3");
  }

  @Test
  void create_pipelineDisabled_isStillThePlainPath() {
    RequestPipeline pipeline =
        RequestPipeline.create(
            PipelineConfig.off(), ResponseCache.create(config, clock), CacheOutcomes.IGNORE);

    assertThat(pipeline.keepsAnswers()).isFalse();
    assertThat(pipeline.stats().enabled()).isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the other request never started computing");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
