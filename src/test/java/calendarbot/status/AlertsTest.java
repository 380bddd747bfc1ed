package calendarbot.status;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.SourceConfig;
import calendarbot.store.SourceState;
import calendarbot.testing.FakeClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each alert rule over fake inputs and a fake clock. */
class AlertsTest {
  private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
  private static final Duration INTERVAL = Duration.ofMinutes(15);

  private final FakeClock clock = FakeClock.at(START);
  private final Map<String, SourceState> states = new HashMap<>();
  private final List<String> sourceIds = new ArrayList<>();
  private final List<HealthCheck> checks = new ArrayList<>();
  private Alerts.Memory memory;
  private List<Alerts.Breaker> breakers = List.of();

  private Alerts alerts() {
    StatusService status =
        new StatusService(
            () ->
                sourceIds.stream()
                    .map(
                        id ->
                            new SourceConfig(
                                id,
                                null,
                                URI.create("https://x.example.test/" + id + ".ics"),
                                null,
                                null,
                                null))
                    .toList(),
            id -> states.getOrDefault(id, SourceState.initial(id)),
            id -> Optional.empty(),
            s -> INTERVAL,
            clock,
            () -> {},
            checks);
    return new Alerts(status, () -> memory, () -> breakers);
  }

  private static SourceState succeeded(String id, Instant at) {
    return new SourceState(id, null, null, at, at, null, null, null, 0, 3);
  }

  private static SourceState failing(String id, Instant lastSuccess, Instant lastAttempt) {
    return new SourceState(
        id,
        null,
        null,
        lastAttempt,
        lastSuccess,
        null,
        "TIMEOUT",
        "source '" + id + "' fetch timed out after 5000 ms",
        4,
        3);
  }

  @Test
  void alerts_nothingWrong_none() {
    sourceIds.add("work");
    states.put("work", succeeded("work", START));
    memory = new Alerts.Memory("NORMAL", 0.4, 0.75, 0.9, 64L << 20, START);
    breakers = List.of(new Alerts.Breaker("pipeline", "CLOSED", START, null));
    checks.add(HealthMonitor.saturation("the database pool", () -> 1, () -> 0, () -> 10));

    assertThat(alerts().get()).isEmpty();
  }

  @Test
  void memory_aboveSoft_warningSinceTheLevelWasEntered() {
    memory = new Alerts.Memory("SOFT", 0.78, 0.75, 0.9, 64L << 20, START.minusSeconds(60));

    assertThat(alerts().get())
        .containsExactly(
            new Alert(
                "memory_soft",
                Alert.Severity.WARNING,
                "memory",
                "heap after GC is 78% of 64 MB, above the soft limit of 75%: the response cache"
                    + " was shrunk",
                "2026-11-23T09:59:00Z"));
  }

  @Test
  void memory_aboveHard_critical() {
    memory = new Alerts.Memory("HARD", 0.93, 0.75, 0.9, 64L << 20, START);

    Alert a = alerts().get().get(0);

    assertThat(a.code()).isEqualTo("memory_hard");
    assertThat(a.severity()).isEqualTo(Alert.Severity.CRITICAL);
    assertThat(a.message())
        .startsWith("heap after GC is 93% of 64 MB, above the hard limit of 90%");
  }

  @Test
  void memory_noWatchRunning_none() {
    memory = null;

    assertThat(alerts().get()).isEmpty();
  }

  @Test
  void source_failingForThreeIntervalsExactly_noAlertYet() {
    sourceIds.add("work");
    states.put("work", failing("work", START, START.plus(INTERVAL.multipliedBy(3))));
    Alerts alerts = alerts();
    clock.set(START.plus(INTERVAL.multipliedBy(3)));

    assertThat(alerts.get()).isEmpty();
  }

  @Test
  void source_noSuccessForLongerThanThreeIntervals_staleAlertSinceTheLimitWithTheLastError() {
    sourceIds.add("work");
    sourceIds.add("home");
    states.put("work", failing("work", START, START.plus(Duration.ofMinutes(46))));
    states.put("home", succeeded("home", START.plus(Duration.ofMinutes(40))));
    Alerts alerts = alerts();
    clock.set(START.plus(Duration.ofMinutes(46)));

    assertThat(alerts.get())
        .containsExactly(
            new Alert(
                "source_stale",
                Alert.Severity.WARNING,
                "source:work",
                "source 'work' has had no fresh data for 46 min (last success"
                    + " 2026-11-23T10:00:00Z), more than 3 refresh intervals of 15 min; last"
                    + " error (TIMEOUT): source 'work' fetch timed out after 5000 ms",
                "2026-11-23T10:45:00Z"));
  }

  @Test
  void source_neverReadForLongerThanThreeIntervalsSinceStart_staleAlert() {
    sourceIds.add("work");
    Alerts alerts = alerts();
    clock.set(START.plus(Duration.ofMinutes(44)));
    List<Alert> early = alerts.get();
    states.put("work", failing("work", null, START.plus(Duration.ofMinutes(50))));
    clock.set(START.plus(Duration.ofMinutes(50)));

    List<Alert> late = alerts.get();

    assertThat(early).isEmpty();
    assertThat(late)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.code()).isEqualTo("source_stale");
              assertThat(a.message())
                  .startsWith(
                      "source 'work' has not been read in the 50 min since start, more than 3");
              assertThat(a.since()).isEqualTo("2026-11-23T10:45:00Z");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"OPEN", "HALF_OPEN", "FORCED_OPEN"})
  void breaker_notClosed_alertNamingItsStateAndReason(String state) {
    breakers =
        List.of(
            new Alerts.Breaker("pipeline", "CLOSED", START, null),
            new Alerts.Breaker(
                "source:work", state, START.minusSeconds(30), "failure rate 100% over 4 calls"));

    assertThat(alerts().get())
        .containsExactly(
            new Alert(
                "breaker_open",
                Alert.Severity.WARNING,
                "breaker:source:work",
                "breaker 'source:work' is "
                    + state
                    + " since 2026-11-23T09:59:30Z: failure rate 100% over 4 calls",
                "2026-11-23T09:59:30Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CLOSED", "DISABLED", "METRICS_ONLY"})
  void breaker_closedOrDisabled_none(String state) {
    breakers = List.of(new Alerts.Breaker("feed_pool", state, START, null));

    assertThat(alerts().get()).isEmpty();
  }

  @Test
  void pool_saturated_alertSinceFirstSeenUntilItClears() {
    AtomicInteger inUse = new AtomicInteger(10);
    checks.add(HealthMonitor.saturation("the feed HTTP pool", inUse::get, () -> 2, () -> 10));
    Alerts alerts = alerts();

    List<Alert> first = alerts.get();
    clock.advance(Duration.ofMinutes(5));
    List<Alert> later = alerts.get();
    assertThat(first)
        .containsExactly(
            new Alert(
                "pool_saturated",
                Alert.Severity.WARNING,
                "the feed HTTP pool",
                "the feed HTTP pool is saturated: 10 of 10 in use, 2 waiting",
                "2026-11-23T10:00:00Z"));
    assertThat(later).isEqualTo(first);
  }

  @Test
  void pool_saturatedAgainAfterClearing_sinceStartsAgain() {
    AtomicInteger waiting = new AtomicInteger(1);
    checks.add(HealthMonitor.saturation("the database pool", () -> 0, waiting::get, () -> 4));
    Alerts alerts = alerts();
    alerts.get();
    waiting.set(0);
    clock.advance(Duration.ofMinutes(1));
    List<Alert> cleared = alerts.get();
    waiting.set(3);
    clock.advance(Duration.ofMinutes(1));

    List<Alert> again = alerts.get();

    assertThat(cleared).isEmpty();
    assertThat(again).singleElement().extracting(Alert::since).isEqualTo("2026-11-23T10:02:00Z");
  }

  @Test
  void backlog_tooManyTasks_executorBacklogAlert() {
    checks.add(HealthMonitor.backlog("the background executor", () -> 12, 9));

    assertThat(alerts().get())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.code()).isEqualTo("executor_backlog");
              assertThat(a.subject()).isEqualTo("the background executor");
              assertThat(a.message())
                  .isEqualTo("the background executor has 12 tasks waiting (more than 9)");
            });
  }

  @Test
  void alerts_oneRuleFails_theOthersStillReported() {
    memory = new Alerts.Memory("SOFT", 0.8, 0.75, 0.9, 64L << 20, START);
    StatusService status =
        new StatusService(
            List::of, SourceState::initial, id -> Optional.empty(), s -> INTERVAL, clock, () -> {});
    Alerts alerts =
        new Alerts(
            status,
            () -> memory,
            () -> {
              throw new IllegalStateException("breakers unreadable");
            });

    assertThat(alerts.get()).extracting(Alert::code).containsExactly("memory_soft");
  }
}
