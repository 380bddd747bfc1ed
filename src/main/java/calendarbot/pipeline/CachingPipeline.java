package calendarbot.pipeline;

import calendarbot.config.PipelineConfig;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The optimised pipeline: cache, then single-flight, then compute, each part used only where the
 * request's {@link Features} allow it; see {@link Invalidations} for how data changes stay
 * consistent with concurrent readers. Requests with different features share one cache and one set
 * of flights: every part returns the bytes {@code compute} would, so mixing them is safe.
 */
final class CachingPipeline implements RequestPipeline {
  private final ResponseCache cache;
  private final SingleFlight singleFlight;
  private final Invalidations invalidations;
  private final Features defaults;
  private final LongSupplier nanoTime;
  private final Map<RequestType, LatencyRecorder> hitLatency = new EnumMap<>(RequestType.class);
  private final Map<RequestType, LatencyRecorder> missLatency = new EnumMap<>(RequestType.class);

  /**
   * @param defaults what {@link #handle(RequestKey, Supplier)} uses, without features of its own
   */
  CachingPipeline(ResponseCache cache, Features defaults, LongSupplier nanoTime) {
    this.cache = cache;
    this.defaults = defaults;
    this.singleFlight = new SingleFlight();
    this.invalidations = new Invalidations(cache);
    this.nanoTime = nanoTime;
    for (RequestType t : RequestType.values()) {
      hitLatency.put(t, new LatencyRecorder());
      missLatency.put(t, new LatencyRecorder());
    }
  }

  @Override
  public CachedResponse handle(RequestKey key, Supplier<CachedResponse> compute) {
    return handle(key, defaults, compute);
  }

  @Override
  public CachedResponse handle(
      RequestKey key, Features features, Supplier<CachedResponse> compute) {
    if (!features.pipeline()) {
      return compute.get();
    }
    long started = nanoTime.getAsLong();
    RequestKey k = key.at(0);
    // Sequence first, then the active check: see Invalidations.
    long seq = invalidations.sequence();
    if (!k.type().cacheable() || invalidations.blocked(k)) {
      CachedResponse r = compute.get();
      missLatency.get(k.type()).record(nanoTime.getAsLong() - started);
      return r;
    }
    if (features.cache()) {
      CachedResponse hit = cache.get(k);
      if (hit != null) {
        hitLatency.get(k.type()).record(nanoTime.getAsLong() - started);
        return hit;
      }
    }
    // Requests join only a flight that started in the same data sequence as they did.
    CachedResponse r =
        features.singleFlight() ? singleFlight.run(k.at(seq), compute) : compute.get();
    if (features.cache() && r.status() >= 200 && r.status() < 300) {
      // Compressed once here, for every client that will get it from the cache.
      r = r.compressed();
      invalidations.putIfUnchanged(seq, k, r);
    }
    missLatency.get(k.type()).record(nanoTime.getAsLong() - started);
    return r;
  }

  @Override
  public void reconfigure(PipelineConfig config) {
    cache.reconfigure(config);
  }

  @Override
  public void limitCache(double fraction) {
    cache.limit(fraction);
  }

  @Override
  public boolean keepsAnswers(Features features) {
    return features.pipeline() && (features.cache() || features.singleFlight());
  }

  @Override
  public DataChange beginChange(Predicate<RequestKey> affects) {
    return invalidations.begin(affects);
  }

  @Override
  public int invalidate(Predicate<RequestKey> which) {
    // As a change, so an answer computed before this call and stored after it is dropped too.
    try (DataChange c = invalidations.begin(which)) {
      return cache.invalidate(which);
    }
  }

  @Override
  public PipelineStats stats() {
    Map<String, Map<String, LatencySummary>> latency = new HashMap<>();
    for (RequestType t : RequestType.values()) {
      latency.put(
          t.code(),
          Map.of("hit", hitLatency.get(t).summary(), "miss", missLatency.get(t).summary()));
    }
    return new PipelineStats(true, cache.stats(), singleFlight.joins(), latency);
  }
}
