package calendarbot.connection;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one executor for background work (refreshes, health checks; later warming): a fixed number of
 * named daemon threads, created once by {@code App}. Nothing creates a thread, pool or event loop
 * per request.
 */
public final class BackgroundExecutor {
  private BackgroundExecutor() {}

  /**
   * @param threads fixed thread count; at least 2 so one hung feed cannot hold up everything else
   * @return an executor named {@code calendarbot-bg-N}; the caller shuts it down
   */
  public static ScheduledExecutorService create(int threads) {
    if (threads < 2) {
      throw new IllegalArgumentException(
          "background threads must be at least 2, but was " + threads);
    }
    AtomicInteger n = new AtomicInteger();
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            threads,
            r -> {
              Thread t = new Thread(r, "calendarbot-bg-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // Rescheduling cancels pending runs; do not let cancelled tasks pile up in the queue.
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /**
   * Tasks waiting in {@code executor}'s queue, including scheduled ones not yet due (one per source
   * and one per periodic check in normal operation); 0 for executors that do not expose a queue.
   */
  public static int queueDepth(ScheduledExecutorService executor) {
    return executor instanceof ScheduledThreadPoolExecutor s ? s.getQueue().size() : 0;
  }
}
