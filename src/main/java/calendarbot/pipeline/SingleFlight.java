package calendarbot.pipeline;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Concurrent calls with equal keys compute once: the first caller (the leader) computes on its own
 * thread, the others wait for its result. A failure reaches every waiter and is not remembered: the
 * next call computes afresh. Thread-safe.
 */
final class SingleFlight {
  private final ConcurrentHashMap<RequestKey, CompletableFuture<CachedResponse>> inFlight =
      new ConcurrentHashMap<>();
  private final LongAdder joins = new LongAdder();

  /**
   * The result of {@code compute} for {@code key}, computed by this call or by a concurrent one.
   *
   * @throws RuntimeException whatever {@code compute} threw (the leader's exception, for waiters)
   */
  CachedResponse run(RequestKey key, Supplier<CachedResponse> compute) {
    CompletableFuture<CachedResponse> mine = new CompletableFuture<>();
    CompletableFuture<CachedResponse> theirs = inFlight.putIfAbsent(key, mine);
    if (theirs != null) {
      joins.increment();
      return Futures.await(theirs, Duration.ZERO, "an identical request");
    }
    try {
      CachedResponse r = compute.get();
      mine.complete(r);
      return r;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      if (!mine.isDone()) {
        // An Error passed through: waiters must not hang on a future nobody completes.
        mine.completeExceptionally(
            new IllegalStateException("the identical request being computed failed with an Error"));
      }
      inFlight.remove(key, mine);
    }
  }

  /** Calls that waited for another's computation instead of computing. */
  long joins() {
    return joins.sum();
  }
}
