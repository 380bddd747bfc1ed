package calendarbot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
  private static final int CALLERS = 50;
  private final ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
  private final RequestKey key = RequestKey.builder(RequestType.WHATS_NEXT).put("x", "1").build();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void run_fiftyConcurrentIdenticalCalls_computeOnce() throws Exception {
    SingleFlight flight = new SingleFlight();
    AtomicInteger computations = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    CachedResponse answer = CachedResponse.of(200, "text/plain", new byte[] {42});
    List<Future<CachedResponse>> results = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      results.add(
          pool.submit(
              () ->
                  flight.run(
                      key,
                      () -> {
                        computations.incrementAndGet();
                        await(release);
                        return answer;
                      })));
    }
    // The leader is blocked inside compute; wait until every other caller has joined it.
    Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> flight.joins() == CALLERS - 1);
    release.countDown();

    for (Future<CachedResponse> f : results) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(answer);
    }
    assertThat(computations).hasValue(1);
  }

  @Test
  void run_leaderFails_everyWaiterGetsTheException_andTheNextCallComputesAgain() throws Exception {
    SingleFlight flight = new SingleFlight();
    CountDownLatch release = new CountDownLatch(1);
    IllegalStateException boom = new IllegalStateException("database is down");
    List<Future<CachedResponse>> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      results.add(
          pool.submit(
              () ->
                  flight.run(
                      key,
                      () -> {
                        await(release);
                        throw boom;
                      })));
    }
    Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> flight.joins() == 9);
    release.countDown();

    for (Future<CachedResponse> f : results) {
      assertThat(f)
          .failsWithin(10, TimeUnit.SECONDS)
          .withThrowableThat()
          .havingCause()
          .isSameAs(boom);
    }
    CachedResponse fresh = CachedResponse.of(200, "text/plain", new byte[] {1});
    assertThat(flight.run(key, () -> fresh)).isSameAs(fresh);
  }

  @Test
  void run_differentKeys_doNotShare() {
    SingleFlight flight = new SingleFlight();
    RequestKey other = RequestKey.builder(RequestType.WHATS_NEXT).put("x", "2").build();
    CachedResponse a = CachedResponse.of(200, "text/plain", new byte[] {1});
    CachedResponse b = CachedResponse.of(200, "text/plain", new byte[] {2});

    assertThat(flight.run(key, () -> a)).isSameAs(a);
    assertThat(flight.run(other, () -> b)).isSameAs(b);
    assertThat(flight.joins()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
