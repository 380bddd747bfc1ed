package calendarbot;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what {@link App} built, in the reverse order it was built, whatever fails: a component is
 * closed before everything it was built on. Used for a failed start as well as for shutdown.
 */
final class Closer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

  /** How to close one resource. */
  @FunctionalInterface
  interface Closing<T> {
    void close(T resource) throws Exception;
  }

  private final Deque<Runnable> steps = new ArrayDeque<>();

  /** Registers {@code resource} to be closed with {@code how}; returns it. */
  synchronized <T> T add(T resource, Closing<? super T> how) {
    steps.push(
        () -> {
          try {
            how.close(resource);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (Exception e) {
            LOG.warn("app: closing {} failed: {}", resource, e.toString());
          }
        });
    return resource;
  }

  /** Closes everything registered, last first; each at most once. */
  @Override
  public void close() {
    while (true) {
      Runnable step;
      synchronized (this) {
        step = steps.poll();
      }
      if (step == null) {
        return;
      }
      step.run();
    }
  }
}
