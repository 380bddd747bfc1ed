package calendarbot;

import calendarbot.web.KioskWarmer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At each minute boundary, while a kiosk has polled recently, computes the what's-next answers of
 * this minute and the next one, so that a kiosk's poll is a cache hit however it is timed. Runs on
 * the shared background executor; costs one computation a minute while someone is looking, nothing
 * otherwise.
 */
final class MinuteWarming implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MinuteWarming.class);

  /** A kiosk that polled within this long counts as looking. */
  static final Duration POLLED_RECENTLY = Duration.ofMinutes(5);

  private final KioskWarmer warmer;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final BooleanSupplier enabled;
  private volatile boolean closed;
  private volatile ScheduledFuture<?> next;

  /**
   * @param enabled whether warming is on at a boundary (the {@code warming} flag, read each time)
   */
  MinuteWarming(
      KioskWarmer warmer, ScheduledExecutorService executor, Clock clock, BooleanSupplier enabled) {
    this.warmer = warmer;
    this.executor = executor;
    this.clock = clock;
    this.enabled = enabled;
  }

  void start() {
    schedule();
  }

  private void schedule() {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    Instant boundary = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    long delay = Math.max(1, Duration.between(now, boundary).toMillis());
    next = executor.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
  }

  /** One boundary: warm if someone is looking, then schedule the next. */
  void tick() {
    try {
      Instant now = clock.instant();
      Instant last = warmer.lastPoll();
      if (last != null
          && Duration.between(last, now).compareTo(POLLED_RECENTLY) < 0
          && enabled.getAsBoolean()) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        warmer.warm(minute);
        warmer.warm(minute.plus(Duration.ofMinutes(1)));
      }
    } catch (RuntimeException e) {
      LOG.warn("pipeline: warming at the minute boundary failed: {}", e.toString());
    } finally {
      schedule();
    }
  }

  @Override
  public void close() {
    closed = true;
    ScheduledFuture<?> f = next;
    if (f != null) {
      f.cancel(false);
    }
  }
}
