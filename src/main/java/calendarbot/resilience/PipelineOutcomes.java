package calendarbot.resilience;

import calendarbot.pipeline.CacheOutcomes;

/**
 * Counts every response-cache operation on the pipeline's breaker, and per thread, so the fallback
 * chain can tell whether a request reported any. Cheap; never throws.
 */
final class PipelineOutcomes implements CacheOutcomes {
  /** Operations reported on this thread: [all, failed]. */
  private static final ThreadLocal<int[]> HERE = ThreadLocal.withInitial(() -> new int[2]);

  private final Breaker breaker;

  PipelineOutcomes(Breaker breaker) {
    this.breaker = breaker;
  }

  @Override
  public void succeeded() {
    HERE.get()[0]++;
    breaker.succeeded();
  }

  @Override
  public void failed(RuntimeException error) {
    int[] here = HERE.get();
    here[0]++;
    here[1]++;
    breaker.failed(error);
  }

  int recordedHere() {
    return HERE.get()[0];
  }

  int failedHere() {
    return HERE.get()[1];
  }
}
