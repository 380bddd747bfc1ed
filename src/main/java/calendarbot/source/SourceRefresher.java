package calendarbot.source;

import calendarbot.config.ExpansionConfig;
import calendarbot.config.SourceConfig;
import calendarbot.error.FeedException;
import calendarbot.error.StorageException;
import calendarbot.error.TooManyInstancesException;
import calendarbot.event.CalendarData;
import calendarbot.event.TimeWindow;
import calendarbot.ics.Expander;
import calendarbot.ics.IcsParser;
import calendarbot.source.RefreshResult.Outcome;
import calendarbot.store.Materialization;
import calendarbot.store.MaterializedHorizon;
import calendarbot.store.SeriesStore;
import calendarbot.store.SourceState;
import calendarbot.store.SourceStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One refresh of one source: fetch (conditionally), parse while streaming, expand the
 * materialization horizon, and replace the source's data and state in one transaction; or, when
 * anything fails, record the failure in the source's state and keep its data.
 *
 * <p>Thread-safe; {@link RefreshService} guarantees at most one refresh per source at a time and
 * decides when refreshes run. The only state kept between calls is which sources were over the
 * materialization cap, and when (in memory: after a restart such a source is fetched in full once).
 */
final class SourceRefresher {
  private static final Logger log = LoggerFactory.getLogger(SourceRefresher.class);

  /** How far the materialized horizon may lag behind "now" before an unchanged feed is re-read. */
  static final Duration REMATERIALIZE_AFTER = Duration.ofDays(1);

  /** Parse warnings per refresh logged at WARN; the rest go to DEBUG. */
  static final int WARNINGS_LOGGED = 3;

  private final Feed feed;
  private final IcsParser parser;
  private final Expander expander;
  private final SeriesStore series;
  private final SourceStateStore states;
  private final ExpansionConfig expansion;
  private final ZoneId zone;
  private final Clock clock;
  private final RefreshListener writes;

  /**
   * Sources whose last stored horizon was over the materialization cap, with when that was found.
   * They have no stored materialization by design, which must not count as stale.
   */
  private final Map<String, Instant> overCapSince = new ConcurrentHashMap<>();

  SourceRefresher(
      Feed feed,
      IcsParser parser,
      Expander expander,
      SeriesStore series,
      SourceStateStore states,
      ExpansionConfig expansion,
      ZoneId zone,
      Clock clock,
      RefreshListener writes) {
    this.feed = feed;
    this.parser = parser;
    this.expander = expander;
    this.series = series;
    this.states = states;
    this.expansion = expansion;
    this.zone = zone;
    this.clock = clock;
    this.writes = writes;
  }

  /** Refreshes {@code source} once; never throws a {@link RuntimeException}. */
  RefreshResult refresh(SourceConfig source) {
    String id = source.id();
    Instant begin = clock.instant();
    SourceState previous;
    try {
      previous = states.load(id);
    } catch (RuntimeException e) {
      log.error("source '{}' state could not be read; refresh skipped", id, e);
      return failureResult(
          id,
          Reasons.STORAGE,
          FeedFetcher.label(source) + " state could not be read: " + e.getMessage(),
          begin,
          0,
          1);
    }
    try {
      String label = FeedFetcher.label(source);
      Validators validators =
          previous.ready() && !materializationStale(id, begin)
              ? Validators.of(previous)
              : Validators.NONE;
      FetchResult<CalendarData> fetched =
          feed.fetch(source, validators, in -> parser.parse(in, label));
      Instant now = clock.instant();
      if (fetched instanceof FetchResult.Fetched<CalendarData> body) {
        return commit(source, previous, body, begin, now);
      }
      Validators v = fetched.validators();
      saveState(
          new SourceState(
              id, v.etag(), v.lastModified(), now, now, now, null, null, 0, previous.eventCount()));
      log.debug("source '{}' not modified", id);
      return new RefreshResult(
          id,
          Outcome.NOT_MODIFIED,
          null,
          null,
          Duration.between(begin, now),
          previous.eventCount(),
          0,
          0);
    } catch (FeedException e) {
      return fail(source, previous, e.reason(), e.getMessage(), begin, null);
    } catch (StorageException e) {
      return fail(
          source,
          previous,
          Reasons.STORAGE,
          FeedFetcher.label(source) + " could not be stored: " + e.getMessage(),
          begin,
          e);
    } catch (RuntimeException e) {
      return fail(
          source,
          previous,
          Reasons.INTERNAL,
          FeedFetcher.label(source) + " refresh failed unexpectedly: " + e,
          begin,
          e);
    }
  }

  /**
   * Records that {@code source} was not fetched because {@code why} (its breaker is open): the data
   * and the failure count stay, the reason and message show in its state. Never throws a {@link
   * RuntimeException}.
   */
  RefreshResult skipped(SourceConfig source, String why) {
    String id = source.id();
    Instant now = clock.instant();
    SourceState previous;
    try {
      previous = states.load(id);
      saveState(
          new SourceState(
              id,
              previous.etag(),
              previous.lastModified(),
              previous.lastAttempt(),
              previous.lastSuccess(),
              previous.lastChecked(),
              Reasons.BREAKER_OPEN,
              why,
              previous.consecutiveFailures(),
              previous.eventCount()));
    } catch (RuntimeException e) {
      log.error("source '{}' skipped refresh could not be recorded", id, e);
      return failureResult(id, Reasons.BREAKER_OPEN, why, now, 0, 0);
    }
    log.info("source '{}' not fetched: {}", id, why);
    return failureResult(
        id, Reasons.BREAKER_OPEN, why, now, previous.eventCount(), previous.consecutiveFailures());
  }

  /**
   * Whether the stored instances no longer match what a refresh would materialize now: the horizon
   * has slid by more than {@link #REMATERIALIZE_AFTER} or the display zone changed. A 304 would
   * keep them as they are, so the source is then fetched unconditionally. (Queries stay correct
   * either way; outside the horizon they expand on demand, which is slower.)
   */
  private boolean materializationStale(String id, Instant now) {
    Optional<MaterializedHorizon> stored = series.materialization(id);
    if (stored.isEmpty()) {
      // Over the cap nothing is materialized, so an unchanged feed needs no re-read; but check
      // again after a day, as the sliding horizon may have brought it under the cap.
      Instant overCap = overCapSince.get(id);
      return overCap == null || !now.isBefore(overCap.plus(REMATERIALIZE_AFTER));
    }
    Instant wanted = now.plus(expansion.materializeFuture()).minus(REMATERIALIZE_AFTER);
    return !stored.get().zone().equals(zone) || stored.get().horizon().end().isBefore(wanted);
  }

  private RefreshResult commit(
      SourceConfig source,
      SourceState previous,
      FetchResult.Fetched<CalendarData> body,
      Instant begin,
      Instant now) {
    String id = source.id();
    CalendarData data = body.value();
    logWarnings(id, data.warnings());
    if (data.componentCount() == 0 && !data.warnings().isEmpty() && previous.eventCount() > 0) {
      // Every VEVENT was skipped: more likely a feed or parser problem than a cleared calendar, so
      // keep what is stored. A feed with no events and no warnings is genuinely empty.
      return fail(
          source,
          previous,
          Reasons.MALFORMED,
          FeedFetcher.label(source)
              + " parsed to no events ("
              + data.warnings().size()
              + " parse warnings, the first: "
              + data.warnings().get(0)
              + "); keeping the "
              + previous.eventCount()
              + " stored events",
          begin,
          null);
    }
    TimeWindow horizon =
        new TimeWindow(
            now.minus(expansion.materializePast()), now.plus(expansion.materializeFuture()));
    Materialization materialization;
    try {
      materialization =
          new Materialization(
              horizon, zone, expander.expand(id, data.series(), data.zones(), horizon, zone));
    } catch (TooManyInstancesException e) {
      // The feed is still good: store its series without pre-expanded instances, and queries of
      // this source expand on demand (bounded per query) instead of failing the whole refresh.
      log.warn("source '{}': not materializing the horizon: {}", id, e.getMessage());
      materialization = null;
    }
    int instanceCount = materialization == null ? 0 : materialization.instances().size();
    int events = data.componentCount();
    Validators v = body.validators();
    SourceState state =
        new SourceState(
            id,
            v.etag(),
            v.lastModified(),
            now,
            now,
            previous.lastChecked(),
            null,
            null,
            0,
            events);
    // Data and state in one transaction: a new ETag is never recorded without its data.
    // Bracket only the commit: the write takes seconds for a large feed, during which readers
    // still see the old data and may be answered from the cache.
    AtomicReference<RefreshListener.Written> written = new AtomicReference<>();
    Optional<TimeWindow> changed = Optional.empty();
    try {
      changed =
          series.replace(
              id, data, materialization, state, () -> written.set(writes.beforeWrite(id)));
    } finally {
      RefreshListener.Written w = written.get();
      if (w != null) {
        w.after(changed);
      }
    }
    if (materialization == null) {
      overCapSince.put(id, now);
    } else {
      overCapSince.remove(id);
    }
    log.info(
        "source '{}' updated: {} events, {} instances in horizon, {} bytes, {} warnings",
        id,
        events,
        instanceCount,
        body.bytes(),
        data.warnings().size());
    return new RefreshResult(
        id,
        Outcome.UPDATED,
        null,
        null,
        Duration.between(begin, clock.instant()),
        events,
        0,
        body.bytes());
  }

  /**
   * The first {@link #WARNINGS_LOGGED} at WARN, so a user sees why events are missing; the rest at
   * DEBUG.
   */
  private static void logWarnings(String id, List<String> warnings) {
    for (int i = 0; i < warnings.size(); i++) {
      if (i < WARNINGS_LOGGED) {
        log.warn(
            "source '{}' parse warning {}/{}: {}", id, i + 1, warnings.size(), warnings.get(i));
      } else {
        log.debug(
            "source '{}' parse warning {}/{}: {}", id, i + 1, warnings.size(), warnings.get(i));
      }
    }
  }

  private RefreshResult fail(
      SourceConfig source,
      SourceState previous,
      String reason,
      String message,
      Instant begin,
      RuntimeException unexpected) {
    String id = source.id();
    Instant now = clock.instant();
    int failures = previous.consecutiveFailures() + 1;
    if (unexpected != null) {
      log.error("source '{}' refresh failed ({}): {}", id, reason, message, unexpected);
    } else {
      log.warn("source '{}' refresh failed ({}, failure {}): {}", id, reason, failures, message);
    }
    try {
      saveState(
          new SourceState(
              id,
              previous.etag(),
              previous.lastModified(),
              now,
              previous.lastSuccess(),
              previous.lastChecked(),
              reason,
              message,
              failures,
              previous.eventCount()));
    } catch (RuntimeException e) {
      log.error("source '{}' failure could not be recorded", id, e);
    }
    return failureResult(id, reason, message, begin, previous.eventCount(), failures);
  }

  /** Saves a state-only change, bracketed for the listener like every write. */
  private void saveState(SourceState state) {
    RefreshListener.Written written = writes.beforeWrite(state.sourceId());
    try {
      states.save(state);
    } finally {
      written.after(Optional.empty());
    }
  }

  private RefreshResult failureResult(
      String id, String reason, String message, Instant begin, int events, int failures) {
    return new RefreshResult(
        id,
        Outcome.FAILED,
        reason,
        message,
        Duration.between(begin, clock.instant()),
        events,
        failures,
        0);
  }
}
