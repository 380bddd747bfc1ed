package calendarbot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.config.PipelineConfig;
import calendarbot.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingPipelineTest {
  private final FakeClock clock = FakeClock.at("2026-11-23T09:00:00Z");
  private final RequestPipeline pipeline = RequestPipeline.create(PipelineConfig.defaults(), clock);
  private final RequestKey key = RequestKey.builder(RequestType.WHATS_NEXT).put("l", "a").build();
  private final AtomicInteger computations = new AtomicInteger();

  private CachedResponse compute(String text) {
    computations.incrementAndGet();
    return CachedResponse.of(200, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void handle_secondIdenticalRequest_isAHit() {
    CachedResponse first = pipeline.handle(key, () -> compute("one"));
    CachedResponse second = pipeline.handle(key, () -> compute("two"));

    assertThat(second).isSameAs(first);
    assertThat(computations).hasValue(1);
    assertThat(pipeline.stats().cache().byType().get("whats_next").hits()).isEqualTo(1);
    assertThat(pipeline.stats().latency().get("whats_next").get("hit").count()).isEqualTo(1);
  }

  @Test
  void handle_errorStatus_isNotCached() {
    pipeline.handle(key, () -> CachedResponse.of(503, "application/problem+json", new byte[1]));
    CachedResponse ok = pipeline.handle(key, () -> compute("ok"));

    assertThat(ok.text()).isEqualTo("ok");
    assertThat(pipeline.handle(key, () -> compute("again")).text()).isEqualTo("ok");
  }

  @Test
  void handle_computeThrows_reachesCaller_andNothingIsCached() {
    assertThatThrownBy(
            () ->
                pipeline.handle(
                    key,
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(pipeline.handle(key, () -> compute("after")).text()).isEqualTo("after");
  }

  @Test
  void handle_duringAnAffectingChange_bypassesTheCache_andAfterItComputesAfresh() {
    pipeline.handle(key, () -> compute("before"));

    try (DataChange change = pipeline.beginChange(k -> k.type() == RequestType.WHATS_NEXT)) {
      assertThat(pipeline.handle(key, () -> compute("during")).text()).isEqualTo("during");
    }

    assertThat(pipeline.handle(key, () -> compute("after")).text()).isEqualTo("after");
  }

  @Test
  void handle_changeOfAnotherType_keepsTheEntry() {
    pipeline.handle(key, () -> compute("kept"));

    try (DataChange change = pipeline.beginChange(k -> k.type() == RequestType.SETTINGS)) {
      assertThat(pipeline.handle(key, () -> compute("x")).text()).isEqualTo("kept");
    }
    assertThat(pipeline.handle(key, () -> compute("y")).text()).isEqualTo("kept");
  }

  @Test
  void invalidate_removesMatching_andReportsHowMany() {
    pipeline.handle(key, () -> compute("a"));
    RequestKey other = RequestKey.builder(RequestType.SETTINGS).build();
    pipeline.handle(other, () -> compute("s"));

    assertThat(pipeline.invalidate(k -> k.type() == RequestType.WHATS_NEXT)).isEqualTo(1);
    assertThat(pipeline.handle(key, () -> compute("b")).text()).isEqualTo("b");
    assertThat(pipeline.handle(other, () -> compute("t")).text()).isEqualTo("s");
  }

  @Test
  void plain_computesEveryTime() {
    RequestPipeline plain = RequestPipeline.plain();
    plain.handle(key, () -> compute("1"));
    plain.handle(key, () -> compute("2"));

    assertThat(computations).hasValue(2);
    assertThat(plain.stats().enabled()).isFalse();
  }

  /**
   * Readers race a writer that changes the data 300 times. A reader notes the last committed
   * version before it asks; the answer must never be older than that: no answer computed before a
   * committed change is served after it.
   */
  @Test
  void handle_concurrentReadersDuringChanges_neverSeeAnAnswerOlderThanTheLastCommit()
      throws Exception {
    AtomicLong data = new AtomicLong();
    AtomicLong committed = new AtomicLong();
    ExecutorService readers = Executors.newFixedThreadPool(4);
    List<Future<Integer>> results = new ArrayList<>();
    AtomicInteger stale = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    try {
      for (int r = 0; r < 4; r++) {
        results.add(
            readers.submit(
                () -> {
                  int reads = 0;
                  while (!done.get()) {
                    long floor = committed.get();
                    CachedResponse a =
                        pipeline.handle(
                            key,
                            () ->
                                CachedResponse.of(
                                    200,
                                    "text/plain",
                                    Long.toString(data.get()).getBytes(StandardCharsets.UTF_8)));
                    if (Long.parseLong(a.text()) < floor) {
                      stale.incrementAndGet();
                    }
                    reads++;
                  }
                  return reads;
                }));
      }
      for (int v = 1; v <= 300; v++) {
        try (DataChange c = pipeline.beginChange(k -> k.type() == RequestType.WHATS_NEXT)) {
          data.set(v);
        }
        committed.set(v);
        Thread.yield();
      }
    } finally {
      done.set(true);
      readers.shutdown();
    }
    int reads = 0;
    for (Future<Integer> f : results) {
      reads += f.get(30, TimeUnit.SECONDS);
    }
    assertThat(readers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(reads).isPositive();
    assertThat(stale).hasValue(0);
  }
}
