package calendarbot.pipeline;

import calendarbot.config.PipelineConfig;
import java.time.Clock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where every API request passes: {@link #handle} answers from the cache, joins an identical
 * request in flight, or computes. Data changes are bracketed by {@link #beginChange} so that no
 * answer computed before a committed change is served after it.
 *
 * <p>Only successful answers (2xx) are cached; an exception from {@code compute} reaches the caller
 * (and every request that joined it) and nothing is cached. Thread-safe.
 */
public interface RequestPipeline {
  /**
   * The answer for {@code key}: cached, shared with an identical request in flight, or from {@code
   * compute}, which must be a pure function of everything {@code key} holds plus the stored data.
   */
  CachedResponse handle(RequestKey key, Supplier<CachedResponse> compute);

  /**
   * {@link #handle(RequestKey, Supplier)} with only the parts {@code features} allows: without
   * {@link Features#pipeline()} the answer is computed and nothing kept; without {@link
   * Features#cache()} the cache is neither read nor written; without {@link
   * Features#singleFlight()} no flight is joined. The bytes answered are the same in every case.
   */
  default CachedResponse handle(
      RequestKey key, Features features, Supplier<CachedResponse> compute) {
    return features.pipeline() ? handle(key, compute) : compute.get();
  }

  /**
   * Applies the live settings of {@code config} (TTLs, entry and byte bounds) to the cache, keeping
   * what it holds where the new bounds allow. A no-op for the plain path.
   */
  default void reconfigure(calendarbot.config.PipelineConfig config) {}

  /**
   * Caps the cache at {@code fraction} (0 &lt; fraction &le; 1) of its configured byte bound,
   * evicting now as needed; 1 restores the configured bound. What memory pressure calls.
   */
  default void limitCache(double fraction) {}

  /**
   * Starts a change of the data the answers matching {@code affects} are computed from; call it
   * before the change commits and close the result after (try-with-resources).
   */
  DataChange beginChange(Predicate<RequestKey> affects);

  /**
   * Removes the cached answers matching {@code which} now (the admin API's pattern invalidation).
   */
  int invalidate(Predicate<RequestKey> which);

  /** Counters since start. */
  PipelineStats stats();

  /** Whether answers may be kept or shared; false for the plain path, which computes each. */
  default boolean keepsAnswers() {
    return true;
  }

  /** The plain path: every request computes, nothing is shared or kept. */
  static RequestPipeline plain() {
    return PlainPipeline.INSTANCE;
  }

  /**
   * The pipeline {@code config} describes (the plain path when {@code pipeline.enabled} is false);
   * TTLs read {@code clock}, latencies {@link System#nanoTime}.
   */
  static RequestPipeline create(PipelineConfig config, Clock clock) {
    return create(
        config,
        config.cacheEnabled() ? ResponseCache.create(config, clock) : ResponseCache.disabled(),
        CacheOutcomes.IGNORE);
  }

  /**
   * The optimised pipeline over {@code cache} (the plain path when {@code pipeline.enabled} is
   * false), reporting every cache operation to {@code outcomes}.
   */
  static RequestPipeline create(
      PipelineConfig config, ResponseCache cache, CacheOutcomes outcomes) {
    if (!config.enabled()) {
      return plain();
    }
    // TODO(issue 6, pipeline helper): report cache operations to outcomes.
    return new CachingPipeline(cache, config.singleFlightEnabled(), System::nanoTime);
  }
}
