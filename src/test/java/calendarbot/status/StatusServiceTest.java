package calendarbot.status;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.SourceConfig;
import calendarbot.error.StorageException;
import calendarbot.store.SourceState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private final Map<String, SourceState> states = new HashMap<>();
  private Runnable storage = () -> {};

  private StatusService service(String... ids) {
    List<SourceConfig> sources =
        java.util.Arrays.stream(ids)
            .map(
                id ->
                    new SourceConfig(
                        id,
                        null,
                        URI.create("https://x.example.test/" + id + ".ics"),
                        null,
                        null,
                        null))
            .toList();
    return new StatusService(
        () -> sources,
        id -> states.getOrDefault(id, SourceState.initial(id)),
        id -> Optional.of(NOW.plusSeconds(300)),
        s -> Duration.ofMinutes(5),
        Clock.fixed(NOW, ZoneOffset.UTC),
        () -> storage.run());
  }

  private static SourceState state(String id, Instant lastSuccess, String reason) {
    return new SourceState(
        id,
        null,
        null,
        NOW,
        lastSuccess,
        null,
        reason,
        reason == null ? null : "source '" + id + "' answered HTTP 404; check the URL",
        reason == null ? 0 : 2,
        3);
  }

  @Test
  void health_allSourcesFresh_isUpWithoutReasons() {
    states.put("a", state("a", NOW.minusSeconds(60), null));

    Health h = service("a").health();

    assertThat(h.status()).isEqualTo(Health.UP);
    assertThat(h.reasons()).isEmpty();
  }

  @Test
  void health_newSourceThatNeverSucceeded_isFailedWithItsReasonNotLoading() {
    states.put("a", state("a", null, "HTTP_STATUS"));
    StatusService s = service("a");

    Health h = s.health();
    DataStatus d = s.current();

    assertThat(h.status()).isEqualTo(Health.DEGRADED);
    assertThat(h.reasons())
        .containsExactly(
            "source 'a' has never been read (HTTP_STATUS): source 'a' answered HTTP 404; check the URL");
    assertThat(d.sources().get(0).state()).isEqualTo("FAILED");
    assertThat(d.dataReady()).isFalse();
    assertThat(d.loadingSources()).containsExactly("a");
  }

  @Test
  void health_failingAfterSuccess_saysSinceWhen() {
    states.put("a", state("a", NOW.minusSeconds(3600), "HTTP_STATUS"));

    Health h = service("a").health();

    assertThat(h.reasons().get(0))
        .startsWith(
            "source 'a' is failing (HTTP_STATUS) since its last success at 2026-11-23T09:00:00Z");
  }

  @Test
  void health_lastSuccessOlderThanTwoIntervals_isStale() {
    states.put("a", state("a", NOW.minus(Duration.ofMinutes(11)), null));

    StatusService s = service("a");

    assertThat(s.health().reasons())
        .containsExactly("source 'a' is stale: last success 2026-11-23T09:49:00Z");
    assertThat(s.current().staleSources()).containsExactly("a");
  }

  @Test
  void freshUntil_freshSources_isWhenTheFirstTurnsStale() {
    states.put("a", state("a", NOW.minusSeconds(60), null));
    states.put("b", state("b", NOW.minusSeconds(300), null));
    states.put("failing", state("failing", NOW.minusSeconds(500), "HTTP_STATUS"));
    states.put("stale", state("stale", NOW.minusSeconds(3600), null));

    Instant until = service("a", "b", "failing", "stale", "loading").freshUntil();

    // b's data (5 min old) turns stale after two 5-minute intervals.
    assertThat(until).isEqualTo(NOW.plusSeconds(300));
  }

  @Test
  void freshUntil_noSourceCanTurnStale_isMax() {
    states.put("failing", state("failing", NOW.minusSeconds(60), "HTTP_STATUS"));

    assertThat(service("failing", "loading").freshUntil()).isEqualTo(Instant.MAX);
  }

  @Test
  void health_neverAttempted_isLoading() {
    Health h = service("a").health();

    assertThat(h.reasons()).containsExactly("source 'a' has not been read yet");
  }

  @Test
  void health_databaseUnreadable_isDownNamingTheDatabase() {
    storage =
        () -> {
          throw new StorageException(
              "store: read failed on database '/x.db': disk I/O error", null);
        };

    Health h = service("a").health();

    assertThat(h.status()).isEqualTo(Health.DOWN);
    assertThat(h.reasons())
        .containsExactly("database: store: read failed on database '/x.db': disk I/O error");
  }

  @Test
  void health_extraCheckReportsAProblem_isDegradedWithItsLine() {
    states.put("a", state("a", NOW.minusSeconds(60), null));
    java.util.concurrent.atomic.AtomicInteger depth =
        new java.util.concurrent.atomic.AtomicInteger(3);
    StatusService s =
        new StatusService(
            () ->
                List.of(
                    new SourceConfig(
                        "a", null, URI.create("https://x.example.test/a.ics"), null, null, null)),
            id -> states.getOrDefault(id, SourceState.initial(id)),
            id -> Optional.empty(),
            c -> Duration.ofMinutes(5),
            Clock.fixed(NOW, ZoneOffset.UTC),
            () -> {},
            List.of(HealthMonitor.backlog("the background executor", depth::get, 5)));

    assertThat(s.health().status()).isEqualTo(Health.UP);
    depth.set(12);
    assertThat(s.health().status()).isEqualTo(Health.DEGRADED);
    assertThat(s.health().reasons())
        .containsExactly("the background executor has 12 tasks waiting (more than 5)");
  }

  @Test
  void monitor_check_recordsTheLatestHealth() {
    StatusService s = service("a");
    HealthMonitor monitor = new HealthMonitor(s);

    monitor.check();
    assertThat(monitor.last().reasons()).containsExactly("source 'a' has not been read yet");
    states.put("a", state("a", NOW.minusSeconds(60), null));
    monitor.check();

    assertThat(monitor.last().status()).isEqualTo(Health.UP);
  }

  @Test
  void saturation_atNinetyFivePercentOrWithWaiters_isReported() {
    HealthCheck idle = HealthMonitor.saturation("the feed HTTP pool", () -> 3, () -> 0, () -> 100);
    HealthCheck full = HealthMonitor.saturation("the feed HTTP pool", () -> 95, () -> 0, () -> 100);
    HealthCheck waiting =
        HealthMonitor.saturation("the feed HTTP pool", () -> 1, () -> 2, () -> 100);
    HealthCheck plain = HealthMonitor.saturation("the feed HTTP pool", () -> 0, () -> 0, () -> 0);

    assertThat(idle.problem()).isEmpty();
    assertThat(full.problem())
        .contains("the feed HTTP pool is saturated: 95 of 100 in use, 0 waiting");
    assertThat(waiting.problem())
        .contains("the feed HTTP pool is saturated: 1 of 100 in use, 2 waiting");
    assertThat(plain.problem()).isEmpty();
  }
}
