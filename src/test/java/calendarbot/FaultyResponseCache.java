package calendarbot;

import calendarbot.config.PipelineConfig;
import calendarbot.pipeline.CacheStats;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.ResponseCache;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** A response cache whose lookups and stores throw while its switch is on (phase c). */
final class FaultyResponseCache implements ResponseCache {
  private final ResponseCache delegate;
  private final AtomicBoolean on;

  FaultyResponseCache(ResponseCache delegate, AtomicBoolean on) {
    this.delegate = delegate;
    this.on = on;
  }

  private void maybeThrow(String op) {
    if (on.get()) {
      throw new IllegalStateException("injected fault: response cache " + op + " failed");
    }
  }

  @Override
  public CachedResponse get(RequestKey key) {
    maybeThrow("get");
    return delegate.get(key);
  }

  @Override
  public void put(RequestKey key, CachedResponse response) {
    maybeThrow("put");
    delegate.put(key, response);
  }

  @Override
  public int invalidate(Predicate<RequestKey> which) {
    return delegate.invalidate(which);
  }

  @Override
  public CacheStats stats() {
    return delegate.stats();
  }

  @Override
  public void reconfigure(PipelineConfig config) {
    delegate.reconfigure(config);
  }

  @Override
  public void limit(double fraction) {
    delegate.limit(fraction);
  }
}
