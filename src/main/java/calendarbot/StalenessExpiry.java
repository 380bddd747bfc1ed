package calendarbot;

import calendarbot.config.PipelineConfig;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.DataChange;
import calendarbot.pipeline.Features;
import calendarbot.pipeline.PipelineStats;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestPipeline;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The pipeline, with one more reason for data answers to go: each carries {@code status_info},
 * whose stale flags move with the clock, not only at refreshes. Once the clock has passed the
 * instant until which the freshness holds ({@link calendarbot.status.StatusService#freshUntil}),
 * the next data request first drops every data answer, so none says "fresh" after its source turned
 * stale. The instant is read again after every data change (a refresh's write) and after each such
 * expiry.
 *
 * <p>Costs a request one clock read; thread-safe.
 */
final class StalenessExpiry implements RequestPipeline {
  private final RequestPipeline pipeline;
  private final Clock clock;
  private volatile Supplier<Instant> freshUntil;
  private volatile Instant deadline = Instant.MAX;

  StalenessExpiry(RequestPipeline pipeline, Clock clock) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Completes the wiring (the status service is built after the pipeline); until then, no expiry.
   */
  void bind(Supplier<Instant> freshUntil) {
    this.freshUntil = Objects.requireNonNull(freshUntil, "freshUntil");
    recompute();
  }

  @Override
  public CachedResponse handle(RequestKey key, Supplier<CachedResponse> compute) {
    expireIfDue(key);
    return pipeline.handle(key, compute);
  }

  @Override
  public CachedResponse handle(
      RequestKey key, Features features, Supplier<CachedResponse> compute) {
    expireIfDue(key);
    return pipeline.handle(key, features, compute);
  }

  private void expireIfDue(RequestKey key) {
    if (CacheInvalidation.DATA_ANSWERS.test(key) && clock.instant().isAfter(deadline)) {
      expire();
    }
  }

  @Override
  public void reconfigure(PipelineConfig config) {
    pipeline.reconfigure(config);
  }

  @Override
  public void limitCache(double fraction) {
    pipeline.limitCache(fraction);
  }

  @Override
  public boolean keepsAnswers(Features features) {
    return pipeline.keepsAnswers(features);
  }

  /** Drops every data answer if the deadline has passed (checked again under the lock). */
  private synchronized void expire() {
    if (clock.instant().isAfter(deadline)) {
      pipeline.invalidate(CacheInvalidation.DATA_ANSWERS);
      deadline = freshUntil.get();
    }
  }

  /** Reads the deadline from the current state; serialised with {@link #expire}. */
  private synchronized void recompute() {
    Supplier<Instant> f = freshUntil;
    if (f != null) {
      deadline = f.get();
    }
  }

  @Override
  public DataChange beginChange(Predicate<RequestKey> affects) {
    DataChange change = pipeline.beginChange(affects);
    return new DataChange() {
      @Override
      public Predicate<RequestKey> affects() {
        return change.affects();
      }

      @Override
      public void close(Predicate<RequestKey> touched) {
        try {
          change.close(touched);
        } finally {
          // A write moves the last success, and with it when the data turns stale.
          recompute();
        }
      }
    };
  }

  @Override
  public int invalidate(Predicate<RequestKey> which) {
    return pipeline.invalidate(which);
  }

  @Override
  public boolean keepsAnswers() {
    return pipeline.keepsAnswers();
  }

  @Override
  public PipelineStats stats() {
    return pipeline.stats();
  }
}
