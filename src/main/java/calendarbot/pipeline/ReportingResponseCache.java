package calendarbot.pipeline;

import calendarbot.config.PipelineConfig;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@link CacheOutcomes} how every lookup and store went, and keeps a failing cache from
 * failing a request: a lookup that throws is a miss (the answer is computed), a store that throws
 * is skipped (the answer is still sent). Invalidation is passed through unguarded: if it fails, the
 * data change that asked for it stays active and its keys keep bypassing the cache, which is slow
 * but never stale.
 */
final class ReportingResponseCache implements ResponseCache {
  private static final Logger log = LoggerFactory.getLogger(ReportingResponseCache.class);

  private final ResponseCache cache;
  private final CacheOutcomes outcomes;

  ReportingResponseCache(ResponseCache cache, CacheOutcomes outcomes) {
    this.cache = cache;
    this.outcomes = outcomes;
  }

  @Override
  public CachedResponse get(RequestKey key) {
    CachedResponse r;
    try {
      r = cache.get(key);
    } catch (RuntimeException e) {
      failed("lookup", key, e);
      return null;
    }
    outcomes.succeeded();
    return r;
  }

  @Override
  public void put(RequestKey key, CachedResponse response) {
    try {
      cache.put(key, response);
    } catch (RuntimeException e) {
      failed("store", key, e);
      return;
    }
    outcomes.succeeded();
  }

  private void failed(String what, RequestKey key, RuntimeException e) {
    // Per request, so DEBUG: the outcomes' receiver (the pipeline breaker) counts and reports.
    log.debug("pipeline: cache {} for {} failed; answering without the cache", what, key, e);
    outcomes.failed(e);
  }

  @Override
  public int invalidate(Predicate<RequestKey> which) {
    return cache.invalidate(which);
  }

  @Override
  public CacheStats stats() {
    return cache.stats();
  }

  @Override
  public void reconfigure(PipelineConfig config) {
    cache.reconfigure(config);
  }

  @Override
  public void limit(double fraction) {
    cache.limit(fraction);
  }
}
