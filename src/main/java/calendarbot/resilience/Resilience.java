package calendarbot.resilience;

import calendarbot.config.ResilienceConfig;
import calendarbot.connection.FeedConnections;
import calendarbot.flags.FeatureFlags;
import calendarbot.metrics.Metrics;
import calendarbot.pipeline.CacheOutcomes;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.source.RefreshGuard;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The front door of the package: builds the breakers, the fallback chain, the bulkhead, the memory
 * watch, and reports them all in {@link #status}. One per server; built by hand in {@code App}:
 *
 * <pre>{@code
 * Resilience r = Resilience.create(config.resilience(), flags, config.dataDir(), clock, metrics);
 * RequestPipeline pipeline =
 *     r.guard(RequestPipeline.create(config.pipeline(), cache, r.cacheOutcomes()));
 * MemoryPressure memory = r.watchHeap(pipeline);          // schedule memory.check() every 30 s
 * FeedConnections feeds = r.guard(pooled, plain);         // schedule r.checkPoolSaturation()
 * RefreshService.create(..., metrics, r.sourceGuard());
 * status: r.status()
 * }</pre>
 *
 * <p>Its settings are read once: a change of {@code resilience.*} needs a restart. Thread-safe.
 */
public final class Resilience {
  /** The pipeline breaker's name in logs, metrics and status. */
  public static final String PIPELINE = "pipeline";

  /** The feed pool breaker's name. */
  public static final String FEED_POOL = "feed_pool";

  /** Calls a half-open pipeline breaker lets through before it decides. */
  static final int PIPELINE_TRIAL_CALLS = 10;

  private final ResilienceConfig config;
  private final FeatureFlags flags;
  private final Clock clock;
  private final Metrics metrics;
  private final Breaker pipelineBreaker;
  private final Breaker poolBreaker;
  private final PipelineOutcomes outcomes;
  private final ExpensiveWork bulkhead;
  private final EmergencyAnswers emergency;
  private final SourceBreakers sources;
  private volatile MemoryPressure memory;
  private volatile GuardedFeedConnections feeds;

  private Resilience(
      ResilienceConfig config, FeatureFlags flags, Path dataDir, Clock clock, Metrics metrics) {
    this.config = config;
    this.flags = flags;
    this.clock = clock;
    this.metrics = metrics;
    int window = config.pipelineWindow();
    this.pipelineBreaker =
        new Breaker(
            PIPELINE,
            "cache operations",
            "plain path",
            config.pipelineOpenWait(),
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(window)
                .minimumNumberOfCalls(window)
                .failureRateThreshold((float) config.pipelineFailureRate())
                .permittedNumberOfCallsInHalfOpenState(Math.min(window, PIPELINE_TRIAL_CALLS)),
            clock,
            metrics);
    this.poolBreaker =
        new Breaker(
            FEED_POOL,
            "pooled fetches",
            "plain connections",
            config.poolOpenWait(),
            Breaker.consecutive(config.poolFailureThreshold() + 1),
            clock,
            metrics);
    this.outcomes = new PipelineOutcomes(pipelineBreaker);
    this.bulkhead =
        new ExpensiveWork(config.bulkheadMaxConcurrent(), config.bulkheadMaxWait(), metrics);
    this.emergency = new EmergencyAnswers(dataDir, clock, metrics);
    this.sources = new SourceBreakers(config, clock, metrics);
  }

  /**
   * @param flags decides per source whether the connection pool is used
   * @param dataDir holds {@code emergency/whats-next.json}; {@code null} keeps the emergency answer
   *     in memory only
   */
  public static Resilience create(
      ResilienceConfig config, FeatureFlags flags, Path dataDir, Clock clock, Metrics metrics) {
    return new Resilience(
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(flags, "flags"),
        dataDir,
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(metrics, "metrics"));
  }

  /**
   * Give it to {@link RequestPipeline#create(calendarbot.config.PipelineConfig,
   * calendarbot.pipeline.ResponseCache, CacheOutcomes)}: the pipeline breaker counts these.
   */
  public CacheOutcomes cacheOutcomes() {
    return outcomes;
  }

  /**
   * {@code optimised} inside the fallback chain: optimised path → plain path → emergency answer
   * (what's-next), with the bulkhead around expensive computations. Call once.
   */
  public RequestPipeline guard(RequestPipeline optimised) {
    return new ResilientPipeline(
        Objects.requireNonNull(optimised, "optimised"),
        pipelineBreaker,
        outcomes,
        bulkhead,
        emergency);
  }

  /**
   * Watches the heap after GC (threshold notifications) and acts on {@code pipeline}; the caller
   * also schedules {@link MemoryPressure#check} every 30 s and closes it at shutdown.
   */
  public MemoryPressure watchHeap(RequestPipeline pipeline) {
    MemoryPressure m = MemoryPressure.watchHeap(config, pipeline, pipelineBreaker, clock, metrics);
    memory = m;
    return m;
  }

  /** As {@link #watchHeap} over the given numbers (tests, and heaps the JVM cannot report). */
  public MemoryPressure memoryPressure(
      RequestPipeline pipeline, LongSupplier usedAfterGcBytes, LongSupplier maxBytes) {
    MemoryPressure m =
        new MemoryPressure(
            config, usedAfterGcBytes, maxBytes, pipeline, pipelineBreaker, clock, metrics);
    memory = m;
    return m;
  }

  /**
   * The feed connections behind the pool's breaker and the {@code connection_pool} flag: {@code
   * pooled} when both allow, else {@code plain}. Closing the result closes both. Call once.
   */
  public FeedConnections guard(FeedConnections pooled, FeedConnections plain) {
    GuardedFeedConnections g =
        new GuardedFeedConnections(
            Objects.requireNonNull(pooled, "pooled"),
            Objects.requireNonNull(plain, "plain"),
            flags,
            poolBreaker,
            config,
            clock);
    feeds = g;
    return g;
  }

  /**
   * Opens the pool's breaker when the pool stays above {@code resilience.pool.saturation} for
   * {@code resilience.pool.saturation_for}; schedule it every 5 s. A no-op before {@link
   * #guard(FeedConnections, FeedConnections)}.
   */
  public void checkPoolSaturation() {
    GuardedFeedConnections g = feeds;
    if (g != null) {
      g.checkSaturation();
    }
  }

  /** The per-source breakers, for {@code RefreshService.create(..., guard)}. */
  public RefreshGuard sourceGuard() {
    return sources;
  }

  /** Everything for {@code /api/status}; cheap. */
  public ResilienceStatus status() {
    List<ResilienceStatus.BreakerStatus> breakers = new ArrayList<>();
    breakers.add(pipelineBreaker.status());
    breakers.add(poolBreaker.status());
    breakers.addAll(sources.status());
    MemoryPressure m = memory;
    return new ResilienceStatus(
        List.copyOf(breakers),
        m == null ? null : m.status(),
        bulkhead.status(),
        emergency.status());
  }
}
