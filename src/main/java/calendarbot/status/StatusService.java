package calendarbot.status;

import calendarbot.config.SourceConfig;
import calendarbot.store.SourceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Derives {@link DataStatus} from the configured sources and their stored fetch state. Cheap enough
 * to call per request (one small read per source). Thread-safe.
 */
public final class StatusService {
  private final Supplier<List<SourceConfig>> sources;
  private final Function<String, SourceState> states;
  private final Function<String, Optional<Instant>> nextRefresh;
  private final Function<SourceConfig, Duration> intervalOf;
  private final Clock clock;
  private final Runnable storageCheck;
  private final List<HealthCheck> checks;

  /**
   * @param sources the configured sources, in display order
   * @param states loads a source's stored fetch state
   * @param nextRefresh when a source's next refresh is scheduled, if it is
   * @param intervalOf a source's effective refresh interval (data older than twice it is stale)
   * @param storageCheck a database round trip; throws when stored data cannot be read
   */
  public StatusService(
      Supplier<List<SourceConfig>> sources,
      Function<String, SourceState> states,
      Function<String, Optional<Instant>> nextRefresh,
      Function<SourceConfig, Duration> intervalOf,
      Clock clock,
      Runnable storageCheck) {
    this(sources, states, nextRefresh, intervalOf, clock, storageCheck, List.of());
  }

  /**
   * @param checks further checks (pool saturation, executor backlog) whose problems make the server
   *     DEGRADED
   */
  public StatusService(
      Supplier<List<SourceConfig>> sources,
      Function<String, SourceState> states,
      Function<String, Optional<Instant>> nextRefresh,
      Function<SourceConfig, Duration> intervalOf,
      Clock clock,
      Runnable storageCheck,
      List<HealthCheck> checks) {
    this.sources = sources;
    this.states = states;
    this.nextRefresh = nextRefresh;
    this.intervalOf = intervalOf;
    this.clock = clock;
    this.storageCheck = storageCheck;
    this.checks = List.copyOf(checks);
  }

  /**
   * The server's health: {@code DOWN} when stored data cannot be read at all; {@code DEGRADED} with
   * one reason per source that has no data yet, is failing or is stale; {@code UP} otherwise.
   */
  public Health health() {
    try {
      storageCheck.run();
    } catch (RuntimeException e) {
      return new Health(Health.DOWN, List.of("database: " + e.getMessage()), List.of());
    }
    return health(current());
  }

  /**
   * As {@link #health()}, judging an already read {@code current} (saves reading every source's
   * state twice when a caller needs both); does not run the storage check again.
   */
  public Health health(DataStatus current) {
    List<SourceStatus> sources = current.sources();
    List<String> reasons = new ArrayList<>();
    for (SourceStatus s : sources) {
      String id = "source '" + s.id() + "'";
      if (s.state().equals("FAILED")) {
        reasons.add(
            s.lastSuccess() == null
                ? id + " has never been read (" + s.lastErrorReason() + "): " + s.lastError()
                : id
                    + " is failing ("
                    + s.lastErrorReason()
                    + ") since its last success at "
                    + s.lastSuccess()
                    + ": "
                    + s.lastError());
      } else if (s.state().equals("LOADING")) {
        reasons.add(id + " has not been read yet");
      } else if (s.stale()) {
        reasons.add(id + " is stale: last success " + s.lastSuccess());
      }
    }
    for (HealthCheck check : checks) {
      check.problem().ifPresent(reasons::add);
    }
    return new Health(reasons.isEmpty() ? Health.UP : Health.DEGRADED, reasons, sources);
  }

  /** The {@code status_info} of data answers now: {@link #current()} without its bookkeeping. */
  public Freshness freshness() {
    return Freshness.of(current());
  }

  /**
   * Until when {@link #freshness()} stays as it is now by the passing of time alone: the latest
   * instant at which every source that is fresh now is still fresh (a source turns stale once its
   * data is older than twice its interval); {@link Instant#MAX} when no source will turn stale. A
   * refresh or failure may change the freshness earlier.
   */
  public Instant freshUntil() {
    Instant now = clock.instant();
    Instant until = Instant.MAX;
    for (SourceConfig cfg : sources.get()) {
      SourceState s = states.apply(cfg.id());
      if (s.ready() && !s.failing()) {
        Instant staleAfter = s.lastSuccess().plus(intervalOf.apply(cfg).multipliedBy(2));
        if (!staleAfter.isBefore(now) && staleAfter.isBefore(until)) {
          until = staleAfter;
        }
      }
    }
    return until;
  }

  /** The freshness of all sources now, with every timestamp ({@code /api/status}, health). */
  public DataStatus current() {
    Instant now = clock.instant();
    List<SourceStatus> out = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    List<String> loading = new ArrayList<>();
    Instant latest = null;
    for (SourceConfig cfg : sources.get()) {
      SourceState s = states.apply(cfg.id());
      // FAILED also before a first success: a new source that answers 404 is not "loading".
      String state = s.failing() ? "FAILED" : !s.ready() ? "LOADING" : "OK";
      boolean isStale =
          s.ready()
              && (s.failing()
                  || s.lastSuccess().plus(intervalOf.apply(cfg).multipliedBy(2)).isBefore(now));
      if (!s.ready()) {
        loading.add(cfg.id());
      }
      if (isStale) {
        stale.add(cfg.id());
      }
      if (s.lastSuccess() != null && (latest == null || s.lastSuccess().isAfter(latest))) {
        latest = s.lastSuccess();
      }
      out.add(
          new SourceStatus(
              cfg.id(),
              cfg.name(),
              SourceConfig.redact(cfg.url()),
              state,
              isStale,
              str(s.lastSuccess()),
              str(s.lastAttempt()),
              str(s.lastChecked()),
              s.lastError(),
              s.lastErrorReason(),
              s.consecutiveFailures(),
              s.eventCount(),
              nextRefresh.apply(cfg.id()).map(Instant::toString).orElse(null)));
    }
    return new DataStatus(loading.isEmpty(), str(latest), stale, loading, out);
  }

  /** Every configured source's age, for {@link Alerts}. */
  List<SourceAge> ages() {
    List<SourceAge> out = new ArrayList<>();
    for (SourceConfig cfg : sources.get()) {
      SourceState s = states.apply(cfg.id());
      out.add(
          new SourceAge(
              cfg.id(),
              s.lastSuccess(),
              intervalOf.apply(cfg),
              s.lastErrorReason(),
              s.lastError()));
    }
    return out;
  }

  /** The checks beyond sources and storage, for {@link Alerts}. */
  List<HealthCheck> checks() {
    return checks;
  }

  /** The clock this service judges by. */
  Clock clock() {
    return clock;
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
