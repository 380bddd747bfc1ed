package calendarbot.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Remembers every cache outcome the pipeline reports. */
final class RecordingOutcomes implements CacheOutcomes {
  final AtomicInteger succeeded = new AtomicInteger();
  final List<RuntimeException> failed = new CopyOnWriteArrayList<>();

  @Override
  public void succeeded() {
    succeeded.incrementAndGet();
  }

  @Override
  public void failed(RuntimeException error) {
    failed.add(error);
  }
}
