package calendarbot;

import calendarbot.event.TimeWindow;
import calendarbot.pipeline.DataChange;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import calendarbot.source.RefreshListener;
import calendarbot.status.Freshness;
import calendarbot.web.KioskWarmer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the response cache true to the data: brackets every refresh write with a {@link
 * DataChange}, then removes what the write really touched, and warms the kiosk's answers again.
 *
 * <ul>
 *   <li>New data: what's-next and images (they show today and the next meeting), and the events
 *       answers whose window overlaps the span of the changed series.
 *   <li>A change of any source's {@link Freshness} (a failure, a recovery, a first read): every
 *       data answer, because each carries {@code status_info}.
 *   <li>A 304 or an identical re-fetch that leaves the freshness as it was: nothing.
 *   <li>A settings change: every answer keyed by the old settings version (they can no longer be
 *       found anyway: this frees their memory).
 * </ul>
 *
 * <p>Bound in two steps because of the wiring order: it must exist before the refresh service
 * (which it listens to), while the status service and the web server it reads are built after.
 */
final class CacheInvalidation implements RefreshListener {
  private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidation.class);

  /** Every answer that shows calendar data and {@code status_info}. */
  static final Predicate<RequestKey> DATA_ANSWERS =
      k ->
          k.type() == RequestType.WHATS_NEXT
              || k.type() == RequestType.EVENTS_BY_RANGE
              || k.type() == RequestType.IMAGE;

  private final RequestPipeline pipeline;
  private final RefreshListener next;
  private final Executor executor;
  private final Clock clock;
  private final java.util.function.BooleanSupplier warming;
  private final AtomicReference<Freshness> last = new AtomicReference<>();
  private volatile Supplier<Freshness> freshness;
  private volatile KioskWarmer warmer;

  /**
   * @param next told about committed data after the cache is consistent (heap return)
   * @param warming whether to precompute the kiosk's answers after changes (read at each change)
   */
  CacheInvalidation(
      RequestPipeline pipeline,
      RefreshListener next,
      Executor executor,
      Clock clock,
      java.util.function.BooleanSupplier warming) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.next = Objects.requireNonNull(next, "next");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.warming = warming;
  }

  /** Completes the wiring; until then every write invalidates every data answer. */
  void bind(Supplier<Freshness> freshness, KioskWarmer warmer) {
    this.freshness = Objects.requireNonNull(freshness, "freshness");
    this.warmer = Objects.requireNonNull(warmer, "warmer");
  }

  @Override
  public void onSourceChanged(String sourceId) {
    next.onSourceChanged(sourceId);
  }

  @Override
  public Written beforeWrite(String sourceId) {
    DataChange change = pipeline.beginChange(DATA_ANSWERS);
    // Freshness also moves between writes (a source turns stale as time passes): cached answers
    // may carry this one rather than the one the previous write left.
    Supplier<Freshness> f = freshness;
    Freshness before = f == null ? null : f.get();
    return changedData -> {
      Predicate<RequestKey> touched = DATA_ANSWERS;
      try {
        touched = touched(before, changedData);
      } finally {
        change.close(touched);
      }
      warmSoon();
    };
  }

  /** After a settings change: drop the answers of older versions, warm the new ones. */
  void settingsChanged() {
    pipeline.invalidate(
        k ->
            k.type() == RequestType.SETTINGS
                || k.type() == RequestType.WHATS_NEXT
                || k.type() == RequestType.IMAGE
                || k.type() == RequestType.EVENTS_BY_RANGE && "true".equals(k.param("filtered")));
    warmSoon();
  }

  private Predicate<RequestKey> touched(Freshness before, Optional<TimeWindow> changedData) {
    Supplier<Freshness> f = freshness;
    if (f == null || before == null) {
      return DATA_ANSWERS;
    }
    Freshness now = f.get();
    if (!now.equals(last.getAndSet(now)) || !now.equals(before)) {
      return DATA_ANSWERS;
    }
    if (changedData.isEmpty()) {
      return k -> false;
    }
    TimeWindow span = changedData.get();
    return k ->
        k.type() == RequestType.WHATS_NEXT
            || k.type() == RequestType.IMAGE
            || k.type() == RequestType.EVENTS_BY_RANGE
                && (k.window() == null || meets(span, k.window()));
  }

  /** Whether two spans share any instant, ends included: an event at a window's edge counts. */
  static boolean meets(TimeWindow a, TimeWindow b) {
    return !a.end().isBefore(b.start()) && !b.end().isBefore(a.start());
  }

  /** Warms the current and the next minute on the background executor. */
  void warmSoon() {
    KioskWarmer w = warmer;
    if (w == null || !warming.getAsBoolean()) {
      return;
    }
    executor.execute(
        () -> {
          try {
            Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
            w.warm(minute);
            w.warm(minute.plus(Duration.ofMinutes(1)));
          } catch (RuntimeException e) {
            // A failed warm-up only costs the next poll a computation.
            LOG.warn("pipeline: warming the kiosk's answers failed: {}", e.toString());
          }
        });
  }
}
