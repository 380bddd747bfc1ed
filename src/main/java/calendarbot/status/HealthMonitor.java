package calendarbot.status;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the health checks periodically on the background executor and logs every change of status,
 * with its reasons, so a degradation is in the log even when nobody polls {@code /health}. {@code
 * /health} itself computes a fresh answer on each call.
 */
public final class HealthMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

  private final StatusService status;
  private volatile Health last;
  private ScheduledFuture<?> task;

  public HealthMonitor(StatusService status) {
    this.status = status;
  }

  /** Checks now and then every {@code period} on {@code executor}. */
  public synchronized void start(ScheduledExecutorService executor, Duration period) {
    task =
        executor.scheduleWithFixedDelay(this::check, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs the checks once; logs when the status or its reasons changed. Never throws. */
  void check() {
    try {
      Health now = status.health();
      Health before = last;
      last = now;
      if (before == null
          || !before.status().equals(now.status())
          || !before.reasons().equals(now.reasons())) {
        if (now.status().equals(Health.UP)) {
          LOG.info("health: UP");
        } else {
          LOG.warn("health: {}: {}", now.status(), String.join("; ", now.reasons()));
        }
      }
    } catch (RuntimeException e) {
      LOG.error("health: check failed", e);
    }
  }

  /** The last periodic result, or {@code null} before the first check. */
  Health last() {
    return last;
  }

  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /**
   * A check that reports {@code name} as saturated when {@code inUse} reaches 95% of {@code max},
   * or callers are waiting for it. Its alert is {@code pool_saturated} about {@code name}.
   */
  public static HealthCheck saturation(
      String name, IntSupplier inUse, IntSupplier waiting, IntSupplier max) {
    return HealthCheck.named(
        "pool_saturated",
        name,
        () -> {
          int used = inUse.getAsInt();
          int wait = waiting.getAsInt();
          int limit = max.getAsInt();
          boolean saturated = limit > 0 && (used * 100 >= limit * 95 || wait > 0);
          return saturated
              ? Optional.of(
                  name
                      + " is saturated: "
                      + used
                      + " of "
                      + limit
                      + " in use, "
                      + wait
                      + " waiting")
              : Optional.empty();
        });
  }

  /**
   * A check that reports {@code name}'s backlog when more than {@code limit} tasks wait. Its alert
   * is {@code executor_backlog} about {@code name}.
   */
  public static HealthCheck backlog(String name, IntSupplier depth, int limit) {
    return HealthCheck.named(
        "executor_backlog",
        name,
        () -> {
          int d = depth.getAsInt();
          return d > limit
              ? Optional.of(name + " has " + d + " tasks waiting (more than " + limit + ")")
              : Optional.empty();
        });
  }
}
