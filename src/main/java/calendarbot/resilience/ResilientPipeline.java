package calendarbot.resilience;

import calendarbot.config.PipelineConfig;
import calendarbot.error.AccessDeniedException;
import calendarbot.error.InvalidRequestException;
import calendarbot.error.NotFoundException;
import calendarbot.error.RetryLaterException;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.DataChange;
import calendarbot.pipeline.Features;
import calendarbot.pipeline.PipelineStats;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place holding the fallback chain of every answer: the optimised path (when the request's
 * features allow it and the pipeline's breaker is closed), else the plain path (compute, nothing
 * kept), else, for what's-next only, the emergency answer. Expensive computations (range queries,
 * images) pass the bulkhead on either path; a cache hit never takes a slot.
 *
 * <p>A failure of the optimised path's machinery (the cache, single-flight) is counted on the
 * breaker and the request answered on the plain path. A failure of the computation itself is not
 * retried (it would fail the same way: the database is locked, the store unreadable): what's-next
 * gets the emergency answer, every other request the failure. Thread-safe.
 */
final class ResilientPipeline implements RequestPipeline {
  private static final Logger log = LoggerFactory.getLogger(ResilientPipeline.class);

  /**
   * Added as suppressed to an exception thrown by a computation, so the chain tells it from a
   * failure of the pipeline, also for requests that joined the computation in flight. No stack.
   */
  private static final RuntimeException FROM_COMPUTE =
      new RuntimeException("thrown by the answer's computation", null, false, false) {
        private static final long serialVersionUID = 1L;
      };

  private final RequestPipeline optimised;
  private final Breaker breaker;
  private final PipelineOutcomes outcomes;
  private final ExpensiveWork bulkhead;
  private final EmergencyAnswers emergency;

  ResilientPipeline(
      RequestPipeline optimised,
      Breaker breaker,
      PipelineOutcomes outcomes,
      ExpensiveWork bulkhead,
      EmergencyAnswers emergency) {
    this.optimised = optimised;
    this.breaker = breaker;
    this.outcomes = outcomes;
    this.bulkhead = bulkhead;
    this.emergency = emergency;
  }

  @Override
  public CachedResponse handle(RequestKey key, Supplier<CachedResponse> compute) {
    return handle(key, Features.ALL, compute);
  }

  @Override
  public CachedResponse handle(
      RequestKey key, Features features, Supplier<CachedResponse> compute) {
    Supplier<CachedResponse> work = marked(bulkhead.guard(key, compute));
    CachedResponse answer;
    try {
      answer = answer(key, features, work);
    } catch (RuntimeException e) {
      if (key.type() != RequestType.WHATS_NEXT || isClientError(e)) {
        throw e;
      }
      return emergency
          .answer(e)
          .orElseThrow(
              () -> {
                log.warn(
                    "resilience: what's-next failed on every path and no emergency answer is"
                        + " saved yet: {}",
                    e.toString());
                return e;
              });
    }
    if (key.type() == RequestType.WHATS_NEXT) {
      emergency.offer(key, answer);
    }
    return answer;
  }

  private CachedResponse answer(
      RequestKey key, Features features, Supplier<CachedResponse> compute) {
    if (!features.pipeline() || !breaker.permits()) {
      return compute.get();
    }
    int recorded = outcomes.recordedHere();
    int failed = outcomes.failedHere();
    try {
      CachedResponse r = optimised.handle(key, features, compute);
      settle(key, features, recorded);
      return r;
    } catch (RuntimeException e) {
      if (fromCompute(e)) {
        settle(key, features, recorded);
        throw e;
      }
      if (outcomes.failedHere() == failed) {
        // Not reported by the pipeline itself: count it here, once.
        breaker.failed(e);
      }
      log.warn(
          "resilience: optimised path failed for {} ({}); answering on the plain path",
          key,
          e.toString());
      return compute.get();
    }
  }

  /**
   * A request on the optimised path that reported no cache operation (an uncached type, the cache
   * off for it, or a pipeline that reports none) gives its breaker permission back; a cacheable one
   * counts as one successful operation.
   */
  private void settle(RequestKey key, Features features, int recordedBefore) {
    if (outcomes.recordedHere() != recordedBefore) {
      return;
    }
    if (key.type().cacheable() && features.cache()) {
      breaker.succeeded();
    } else {
      breaker.release();
    }
  }

  private static Supplier<CachedResponse> marked(Supplier<CachedResponse> compute) {
    return () -> {
      try {
        return compute.get();
      } catch (RuntimeException e) {
        if (!fromCompute(e)) {
          e.addSuppressed(FROM_COMPUTE);
        }
        throw e;
      }
    };
  }

  private static boolean fromCompute(RuntimeException e) {
    for (Throwable s : e.getSuppressed()) {
      if (s == FROM_COMPUTE) {
        return true;
      }
    }
    return false;
  }

  /** Failures that are the request's fault (or a refusal) get no emergency answer. */
  private static boolean isClientError(RuntimeException e) {
    return e instanceof InvalidRequestException
        || e instanceof NotFoundException
        || e instanceof AccessDeniedException
        || e instanceof RetryLaterException;
  }

  @Override
  public void reconfigure(PipelineConfig config) {
    optimised.reconfigure(config);
  }

  @Override
  public void limitCache(double fraction) {
    optimised.limitCache(fraction);
  }

  @Override
  public DataChange beginChange(Predicate<RequestKey> affects) {
    return optimised.beginChange(affects);
  }

  @Override
  public int invalidate(Predicate<RequestKey> which) {
    return optimised.invalidate(which);
  }

  @Override
  public PipelineStats stats() {
    return optimised.stats();
  }

  @Override
  public boolean keepsAnswers() {
    return optimised.keepsAnswers();
  }
}
