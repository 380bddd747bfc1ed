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
  default void reconfigure(PipelineConfig config) {}

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

  /**
   * Whether a request with {@code features} may have its answer kept or shared (so it must be
   * whole, not streamed): only when it uses the cache or single-flight.
   */
  default boolean keepsAnswers(Features features) {
    return keepsAnswers() && features.pipeline() && (features.cache() || features.singleFlight());
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
   * false), reporting every cache lookup and store to {@code outcomes}; see {@link #caching}.
   */
  static RequestPipeline create(
      PipelineConfig config, ResponseCache cache, CacheOutcomes outcomes) {
    return config.enabled() ? caching(config, cache, outcomes) : plain();
  }

  /**
   * The optimised pipeline over {@code cache} whatever {@code pipeline.enabled} says, so that the
   * feature flags can turn its parts on and off per request and live: {@link #handle(RequestKey,
   * Features, Supplier)} uses exactly the parts given; {@link #handle(RequestKey, Supplier)} uses
   * the switches of {@code config} ({@code pipeline.enabled}, {@code pipeline.cache.enabled},
   * {@code pipeline.single_flight.enabled}, {@code pipeline.batching.enabled}) as they were at
   * creation. Every cache lookup and store is reported to {@code outcomes}; one that throws is
   * reported as failed and the request goes on without the cache.
   */
  static RequestPipeline caching(
      PipelineConfig config, ResponseCache cache, CacheOutcomes outcomes) {
    Features defaults =
        new Features(
            config.enabled(),
            config.cacheEnabled(),
            config.singleFlightEnabled(),
            config.batchingEnabled());
    return new CachingPipeline(
        new ReportingResponseCache(cache, outcomes), defaults, System::nanoTime);
  }
}
