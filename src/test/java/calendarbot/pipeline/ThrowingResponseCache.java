package calendarbot.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The injected fault: a response cache whose lookups and/or stores throw, as a broken cache would
 * (an eviction listener bug, an out-of-memory in a weigher turned into a runtime error).
 */
final class ThrowingResponseCache implements ResponseCache {
  private final ResponseCache real;
  volatile boolean getFails;
  volatile boolean putFails;
  final AtomicInteger gets = new AtomicInteger();
  final AtomicInteger puts = new AtomicInteger();

  ThrowingResponseCache(ResponseCache real, boolean getFails, boolean putFails) {
    this.real = real;
    this.getFails = getFails;
    this.putFails = putFails;
  }

  @Override
  public CachedResponse get(RequestKey key) {
    gets.incrementAndGet();
    if (getFails) {
      throw new IllegalStateException("injected: cache lookup failed");
    }
    return real.get(key);
  }

  @Override
  public void put(RequestKey key, CachedResponse response) {
    puts.incrementAndGet();
    if (putFails) {
      throw new IllegalStateException("injected: cache store failed");
    }
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
