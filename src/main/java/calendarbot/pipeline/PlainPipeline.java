package calendarbot.pipeline;

import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Computes every request; the twin the optimised pipeline is compared with. */
final class PlainPipeline implements RequestPipeline {
  static final PlainPipeline INSTANCE = new PlainPipeline();

  private PlainPipeline() {}

  @Override
  public CachedResponse handle(RequestKey key, Supplier<CachedResponse> compute) {
    return compute.get();
  }

  @Override
  public DataChange beginChange(Predicate<RequestKey> affects) {
    return new DataChange() {
      @Override
      public Predicate<RequestKey> affects() {
        return affects;
      }

      @Override
      public void close(Predicate<RequestKey> touched) {}
    };
  }

  @Override
  public int invalidate(Predicate<RequestKey> which) {
    return 0;
  }

  @Override
  public boolean keepsAnswers() {
    return false;
  }

  @Override
  public PipelineStats stats() {
    return new PipelineStats(false, ResponseCache.disabled().stats(), 0, Map.of());
  }
}
