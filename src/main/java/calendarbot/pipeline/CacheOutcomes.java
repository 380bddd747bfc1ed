package calendarbot.pipeline;

/**
 * Told the outcome of every response-cache operation (a lookup or a store), so a circuit breaker
 * can count failing ones. A failing operation never loses an answer: the pipeline computes it
 * instead of reading, or answers without storing. Implementations must be cheap and must not throw.
 */
public interface CacheOutcomes {
  /** A cache operation completed. */
  void succeeded();

  /** A cache operation threw {@code error}; the request went on without the cache. */
  void failed(RuntimeException error);

  /** Ignores every outcome. */
  CacheOutcomes IGNORE =
      new CacheOutcomes() {
        @Override
        public void succeeded() {}

        @Override
        public void failed(RuntimeException error) {}
      };
}
