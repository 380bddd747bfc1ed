package calendarbot.source;

import calendarbot.config.AppConfig;
import calendarbot.config.ExpansionConfig;
import calendarbot.config.FetchConfig;
import calendarbot.config.RefreshConfig;
import calendarbot.config.SourceConfig;
import calendarbot.error.NotFoundException;
import calendarbot.ics.Expander;
import calendarbot.ics.IcsParser;
import calendarbot.metrics.MetricNames;
import calendarbot.metrics.Metrics;
import calendarbot.source.RefreshResult.Outcome;
import calendarbot.store.SeriesStore;
import calendarbot.store.SourceStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every source's stored data fresh: fetch, parse while streaming, expand the materialization
 * horizon, replace the source's data in one transaction, record its state.
 *
 * <p>Threading: refreshes run on the executor given at construction, never on the caller's or a
 * request thread. At most one refresh of a source runs at a time; asking for a source that is
 * already being refreshed joins the running refresh. Different sources refresh in parallel, so a
 * slow source delays only itself (given at least two executor threads). All methods are
 * thread-safe.
 *
 * <p>A feed can never end the process: every {@link RuntimeException} of a refresh is caught,
 * recorded in the source's state and returned as {@link Outcome#FAILED}; stored data is kept. An
 * {@link Error} is logged, the source rescheduled with back-off, and the Error rethrown on the
 * refresh thread; waiters see an {@link IllegalStateException} caused by it.
 */
public final class RefreshService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RefreshService.class);

  /** How long {@link #close} waits for running refreshes before giving up on them. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /**
   * What {@link #refreshAll()} allows for expanding and storing a feed once it has arrived (a large
   * feed on a Pi Zero 2W takes a few seconds).
   */
  static final Duration STORE_ALLOWANCE = Duration.ofSeconds(10);

  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final SourceRefresher refresher;
  private final RefreshListener listener;
  private final RefreshGuard guard;
  private final Metrics metrics;
  private volatile RefreshConfig refresh;
  private final ScheduledExecutorService executor;
  private final Duration refreshAllWait;
  private final Clock clock;
  private final Random random;
  private volatile boolean started;
  private volatile boolean closed;

  /** One source's schedule and in-flight refresh. */
  private static final class Slot {
    final SourceConfig source;
    final AtomicReference<CompletableFuture<RefreshResult>> inFlight = new AtomicReference<>();

    /**
     * Failures since the last success, as last recorded; drives back-off. Written only by the one
     * refresh of this source that runs at a time.
     */
    volatile int failures;

    /** Events stored after the last finished refresh; 0 before the first. */
    volatile int events;

    // guarded by this
    ScheduledFuture<?> next;
    // guarded by this
    Instant nextAt;

    Slot(SourceConfig source) {
      this.source = source;
    }
  }

  RefreshService(
      List<SourceConfig> sources,
      Feed feed,
      IcsParser parser,
      Expander expander,
      SeriesStore series,
      SourceStateStore states,
      RefreshConfig refresh,
      ExpansionConfig expansion,
      ZoneId zone,
      ScheduledExecutorService executor,
      Duration refreshAllWait,
      Clock clock,
      Random random,
      RefreshListener listener,
      Metrics metrics,
      RefreshGuard guard) {
    for (SourceConfig s : sources) {
      slots.put(s.id(), new Slot(s));
    }
    this.refresher =
        new SourceRefresher(
            Objects.requireNonNull(feed, "feed"),
            Objects.requireNonNull(parser, "parser"),
            Objects.requireNonNull(expander, "expander"),
            Objects.requireNonNull(series, "series"),
            Objects.requireNonNull(states, "states"),
            Objects.requireNonNull(expansion, "expansion"),
            Objects.requireNonNull(zone, "zone"),
            Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(listener, "listener"));
    this.listener = Objects.requireNonNull(listener, "listener");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.refreshAllWait = Objects.requireNonNull(refreshAllWait, "refreshAllWait");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Builds the refresh service for {@code config}'s sources, or for the {@link DemoCalendar} (a
   * file in {@code data_dir}) when none are configured, and registers them in the store. Nothing is
   * fetched until {@link #start} or a refresh call.
   *
   * @param executor runs refreshes and the schedule; owned by the caller (see {@link
   *     calendarbot.connection.BackgroundExecutor}); give it at least two threads so one hung
   *     source cannot hold up the others
   * @param random draws the jitter of each interval
   * @param listener told after each commit that changed a source's data
   * @throws calendarbot.error.StorageException if the sources cannot be registered
   */
  public static RefreshService create(
      AppConfig config,
      FeedFetcher fetcher,
      SeriesStore series,
      SourceStateStore states,
      ScheduledExecutorService executor,
      Clock clock,
      Random random,
      RefreshListener listener) {
    return create(
        config,
        fetcher,
        series,
        states,
        executor,
        clock,
        random,
        listener,
        Metrics.noop(),
        RefreshGuard.NONE);
  }

  /**
   * As {@link #create(AppConfig, FeedFetcher, SeriesStore, SourceStateStore,
   * ScheduledExecutorService, Clock, Random, RefreshListener, Metrics)}, asking {@code guard}
   * before each refresh whether to fetch (a source's open circuit breaker skips the fetch and keeps
   * the data) and telling it every outcome.
   */
  public static RefreshService create(
      AppConfig config,
      FeedFetcher fetcher,
      SeriesStore series,
      SourceStateStore states,
      ScheduledExecutorService executor,
      Clock clock,
      Random random,
      RefreshListener listener,
      Metrics metrics,
      RefreshGuard guard) {
    List<SourceConfig> sources = config.sources();
    Feed feed = fetcher;
    if (sources.isEmpty()) {
      sources = List.of(DemoCalendar.source(config.dataDir()));
      feed = new DemoFeed(new DemoCalendar(clock, config.displayZone()), fetcher);
      log.info(
          "no sources configured: serving the demo calendar (source '{}')", DemoCalendar.SOURCE_ID);
    }
    for (SourceConfig s : sources) {
      states.register(s.id(), s.name(), s.url());
    }
    return new RefreshService(
        sources,
        feed,
        new IcsParser(),
        new Expander(materializationLimits(config.expansion())),
        series,
        states,
        config.refresh(),
        config.expansion(),
        config.displayZone(),
        executor,
        defaultRefreshAllWait(config.fetch()),
        clock,
        random,
        listener,
        metrics,
        guard);
  }

  /**
   * How long {@link #refreshAll()} waits: a fetch's total deadline ({@link
   * FeedFetcher#totalTimeout}), one more read timeout (the read that notices the deadline may block
   * that long), and {@link #STORE_ALLOWANCE}. 170 s with the default fetch timeouts.
   */
  static Duration defaultRefreshAllWait(FetchConfig fetch) {
    return FeedFetcher.totalTimeout(fetch).plus(fetch.readTimeout()).plus(STORE_ALLOWANCE);
  }

  /**
   * Materialization pre-expands a whole horizon, not one query's window, so it has its own, larger
   * instance cap: {@value #MAX_MATERIALIZED_INSTANCES} per source (about 100 bytes each while the
   * refresh holds them). A source past it is served by on-demand expansion.
   */
  static final int MAX_MATERIALIZED_INSTANCES = 200_000;

  static ExpansionConfig materializationLimits(ExpansionConfig query) {
    return new ExpansionConfig(
        Math.max(query.maxInstancesPerQuery(), MAX_MATERIALIZED_INSTANCES),
        query.maxIterationsPerRule(),
        query.materializePast(),
        query.materializeFuture());
  }

  /** The sources this service refreshes, in configuration order (the demo source if none). */
  public List<SourceConfig> sources() {
    List<SourceConfig> out = new ArrayList<>(slots.size());
    slots.values().forEach(s -> out.add(s.source));
    return List.copyOf(out);
  }

  /**
   * Schedules every source now, then each at its interval (jittered), failing sources with
   * back-off. Returns at once.
   *
   * @throws IllegalStateException if already started or closed
   */
  public synchronized void start() {
    if (started || closed) {
      throw new IllegalStateException(
          "refresh service was already " + (closed ? "closed" : "started"));
    }
    started = true;
    for (Slot slot : slots.values()) {
      schedule(slot, Duration.ZERO);
    }
  }

  /**
   * {@link #refreshAll(Duration)} with the default wait derived from the fetch timeouts (see {@link
   * #defaultRefreshAllWait}).
   */
  public List<RefreshResult> refreshAll() {
    return refreshAll(refreshAllWait);
  }

  /**
   * Refreshes every source concurrently and waits for them, at most {@code maxWait} in all. A
   * source still refreshing then is reported as {@link Outcome#RUNNING} and finishes in the
   * background. Must not be called from a refresh thread. If the calling thread is interrupted, the
   * interrupt flag is restored and every unfinished source is reported as running.
   *
   * @return one result per source, in configuration order
   * @throws IllegalStateException if the service or its executor is closed
   */
  public List<RefreshResult> refreshAll(Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait");
    long start = System.nanoTime();
    long deadline = start + maxWait.toNanos();
    List<Slot> order = new ArrayList<>(slots.values());
    List<CompletableFuture<RefreshResult>> futures = new ArrayList<>();
    for (Slot slot : order) {
      futures.add(submit(slot));
    }
    List<RefreshResult> results = new ArrayList<>(futures.size());
    boolean interrupted = false;
    for (int i = 0; i < futures.size(); i++) {
      Slot slot = order.get(i);
      CompletableFuture<RefreshResult> f = futures.get(i);
      try {
        long left = interrupted ? 0 : Math.max(0, deadline - System.nanoTime());
        results.add(f.get(left, TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        results.add(running(slot, start));
      } catch (InterruptedException e) {
        interrupted = true;
        results.add(f.isDone() && !f.isCompletedExceptionally() ? f.join() : running(slot, start));
      } catch (ExecutionException e) {
        // Only an Error ends a refresh abnormally; it was logged where it happened.
        results.add(
            new RefreshResult(
                slot.source.id(),
                Outcome.FAILED,
                Reasons.INTERNAL,
                String.valueOf(e.getCause().getMessage()),
                Duration.ofNanos(System.nanoTime() - start),
                slot.events,
                slot.failures,
                0));
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return results;
  }

  private static RefreshResult running(Slot slot, long startNanos) {
    return new RefreshResult(
        slot.source.id(),
        Outcome.RUNNING,
        null,
        RefreshResult.STILL_RUNNING,
        Duration.ofNanos(System.nanoTime() - startNanos),
        slot.events,
        slot.failures,
        0);
  }

  /**
   * Refreshes one source and waits for it.
   *
   * @throws NotFoundException if no such source is configured
   * @throws IllegalStateException if the service or its executor is closed
   */
  public RefreshResult refresh(String sourceId) {
    return refreshAsync(sourceId).join();
  }

  /**
   * Starts a refresh of one source on the executor, or returns the one already running. The future
   * completes normally (failures are {@link Outcome#FAILED} results).
   *
   * @throws NotFoundException if no such source is configured
   * @throws IllegalStateException if the service or its executor is closed
   */
  public CompletableFuture<RefreshResult> refreshAsync(String sourceId) {
    return submit(slot(sourceId));
  }

  /**
   * When the source is next refreshed by the schedule; empty before {@link #start} and after {@link
   * #close}. While a refresh runs, the time it was due.
   *
   * @throws NotFoundException if no such source is configured
   */
  public Optional<Instant> nextRefreshAt(String sourceId) {
    Slot slot = slot(sourceId);
    synchronized (slot) {
      return Optional.ofNullable(slot.nextAt);
    }
  }

  /**
   * Stops scheduling and waits up to {@link #CLOSE_WAIT} for running refreshes, so the store can be
   * closed afterwards. Does not shut down the executor (its owner does). Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    for (Slot slot : slots.values()) {
      synchronized (slot) {
        if (slot.next != null) {
          slot.next.cancel(false);
          slot.next = null;
        }
        slot.nextAt = null;
      }
    }
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    for (Slot slot : slots.values()) {
      CompletableFuture<RefreshResult> running = slot.inFlight.get();
      if (running == null) {
        continue;
      }
      try {
        running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        log.warn(
            "source '{}' refresh still running after {} ms at close; abandoning it",
            slot.source.id(),
            CLOSE_WAIT.toMillis());
      } catch (ExecutionException e) {
        // Already logged by the refresh itself.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Slot slot(String sourceId) {
    Slot slot = slots.get(sourceId);
    if (slot == null) {
      throw new NotFoundException(
          "source '" + sourceId + "' is not configured; configured sources: " + slots.keySet());
    }
    return slot;
  }

  /** Starts a refresh on the executor, or joins the one already running. */
  private CompletableFuture<RefreshResult> submit(Slot slot) {
    if (closed) {
      throw new IllegalStateException("refresh service is closed");
    }
    CompletableFuture<RefreshResult> mine = new CompletableFuture<>();
    CompletableFuture<RefreshResult> running = slot.inFlight.compareAndExchange(null, mine);
    if (running != null) {
      return running;
    }
    try {
      executor.execute(() -> execute(slot, mine, true));
    } catch (RejectedExecutionException e) {
      slot.inFlight.set(null);
      throw new IllegalStateException("refresh executor is shut down", e);
    }
    return mine;
  }

  /** The scheduled task: refresh here unless a refresh is already running (it reschedules). */
  private void runScheduled(Slot slot) {
    CompletableFuture<RefreshResult> mine = new CompletableFuture<>();
    if (slot.inFlight.compareAndExchange(null, mine) == null) {
      execute(slot, mine, false);
    }
  }

  /**
   * @param manual whether an operator asked for it (every call but the schedule's)
   */
  private void execute(Slot slot, CompletableFuture<RefreshResult> mine, boolean manual) {
    RefreshResult result = null;
    Error error = null;
    try {
      Optional<String> skip = guard.skip(slot.source.id(), manual);
      if (skip.isPresent()) {
        // Not a refresh: no fetch metrics, no outcome for the guard, the back-off as it was.
        result = refresher.skipped(slot.source, skip.get());
        return;
      }
      result = refresher.refresh(slot.source);
      guard.record(result);
      slot.failures = result.consecutiveFailures();
      slot.events = result.events();
      record(result);
      if (result.outcome() == Outcome.UPDATED) {
        // Told here, not inside the refresh: the parsed feed is unreachable by now, so a listener
        // that reclaims memory (App) can, and one that recomputes answers sees committed data.
        notifyChanged(slot.source.id());
      }
    } catch (Error e) {
      // Not swallowed: rethrown below. Logged here because on a scheduled run it would otherwise
      // vanish into a ScheduledFuture nobody reads.
      error = e;
      log.error(
          "source '{}' refresh ended with {}; stored data kept, retrying with back-off",
          slot.source.id(),
          e.toString(),
          e);
      throw e;
    } finally {
      slot.inFlight.set(null);
      if (result == null) {
        // An Error (refresh never throws a RuntimeException): count it as a failure so the source
        // keeps being retried, with back-off, instead of never again.
        slot.failures++;
      }
      // Schedule first, so a caller woken by the result already sees the next time.
      if (started && !closed) {
        schedule(slot, delayAfter(slot, result));
      }
      if (result != null) {
        mine.complete(result);
      } else {
        // Waiters must not hang.
        mine.completeExceptionally(
            new IllegalStateException(
                "source '" + slot.source.id() + "' refresh ended abnormally: " + error, error));
      }
    }
  }

  /**
   * @param result {@code null} when the refresh ended with an {@link Error}: back-off
   */
  private void record(RefreshResult r) {
    String source = "source=" + r.sourceId();
    metrics.count(MetricNames.FEED_FETCHES, source, 1);
    metrics.time(MetricNames.FEED_FETCH_TIME, source, r.duration());
    metrics.count(MetricNames.FEED_BYTES, source, r.bytes());
    if (r.outcome() == Outcome.NOT_MODIFIED) {
      metrics.count(MetricNames.FEED_NOT_MODIFIED, source, 1);
    } else if (r.outcome() == Outcome.FAILED) {
      metrics.count(MetricNames.FEED_FAILURES, source + ",reason=" + r.reason(), 1);
    }
  }

  private void notifyChanged(String sourceId) {
    try {
      listener.onSourceChanged(sourceId);
    } catch (RuntimeException e) {
      log.warn("source '{}' change listener failed; ignored", sourceId, e);
    }
  }

  /**
   * Applies new refresh settings (they are live): the next schedule of every source uses them, and
   * a source whose next refresh is further away than its new interval allows is brought forward to
   * it (a shortened interval takes effect now, not after the old one ran out).
   */
  public void reconfigure(RefreshConfig config) {
    RefreshConfig old = refresh;
    refresh = Objects.requireNonNull(config, "config");
    if (!started || closed) {
      return;
    }
    Instant now = clock.instant();
    for (Slot slot : slots.values()) {
      Duration interval = slot.source.effectiveInterval(config);
      Instant latest = now.plus(interval);
      Instant nextAt;
      synchronized (slot) {
        nextAt = slot.nextAt;
      }
      if (slot.failures == 0 && nextAt != null && nextAt.isAfter(latest)) {
        schedule(slot, RefreshSchedule.jittered(interval, config.jitter(), random.nextDouble()));
      }
    }
    log.info("refresh: settings changed from {} to {}", old, config);
  }

  private Duration delayAfter(Slot slot, RefreshResult result) {
    if (result == null || result.outcome() == Outcome.FAILED) {
      return RefreshSchedule.backoff(slot.failures, refresh.minBackoff(), refresh.maxBackoff());
    }
    Duration interval = slot.source.effectiveInterval(refresh);
    return RefreshSchedule.jittered(interval, refresh.jitter(), random.nextDouble());
  }

  private void schedule(Slot slot, Duration delay) {
    synchronized (slot) {
      if (closed) {
        return;
      }
      if (slot.next != null) {
        slot.next.cancel(false);
      }
      try {
        slot.next =
            executor.schedule(() -> runScheduled(slot), delay.toMillis(), TimeUnit.MILLISECONDS);
        slot.nextAt = clock.instant().plus(delay);
      } catch (RejectedExecutionException e) {
        log.debug("source '{}' not rescheduled: executor is shut down", slot.source.id());
        slot.next = null;
        slot.nextAt = null;
      }
    }
  }
}
