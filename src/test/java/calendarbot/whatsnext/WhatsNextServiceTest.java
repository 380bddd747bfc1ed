package calendarbot.whatsnext;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.SourceConfig;
import calendarbot.event.EventDetails;
import calendarbot.event.Instance;
import calendarbot.event.InstanceId;
import calendarbot.event.TimeWindow;
import calendarbot.settings.SettingsSnapshot;
import calendarbot.status.StatusService;
import calendarbot.store.SourceState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhatsNextServiceTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final ZonedDateTime NOON = ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, ZONE);

  private final List<Instance> instances = new ArrayList<>();
  private final List<TimeWindow> asked = new ArrayList<>();
  private SourceState state = SourceState.initial("work");
  private Runnable onQuery = () -> {};

  private WhatsNextService service() {
    SourceConfig src =
        new SourceConfig(
            "work", "Work", URI.create("https://x.example.test/a.ics"), null, null, null);
    StatusService status =
        new StatusService(
            () -> List.of(src),
            id -> state,
            id -> Optional.empty(),
            s -> Duration.ofMinutes(5),
            Clock.fixed(NOON.toInstant(), ZONE),
            () -> {});
    InstanceSource source =
        (w, z) -> {
          asked.add(w);
          onQuery.run();
          return instances.stream()
              .filter(i -> w.overlaps(i.start(), i.end()))
              .sorted(Instance::byStart)
              .toList();
        };
    return new WhatsNextService(
        source, status, () -> SettingsSnapshot.defaults(ZONE), Clock.fixed(NOON.toInstant(), ZONE));
  }

  private void add(String title, ZonedDateTime start, Duration length, boolean allDay) {
    instances.add(
        new Instance(
            InstanceId.of("work", title, ""),
            "work",
            title,
            null,
            start.toInstant(),
            start.plus(length).toInstant(),
            allDay,
            new EventDetails(title, "Room 1", null, null, null, null, null, null, null)));
  }

  @Test
  void now_meetingInProgressAndTwoLater_splitsCurrentNextLater() {
    add("Standup", NOON.minusMinutes(15), Duration.ofMinutes(30), false);
    add("Review", NOON.plusMinutes(45), Duration.ofHours(1), false);
    add("Retro", NOON.plusHours(3), Duration.ofHours(1), false);
    add("Tomorrow", NOON.plusDays(1), Duration.ofHours(1), false);

    WhatsNext w = service().now();

    assertThat(w.currentEvents()).extracting(WhatsNextEvent::subject).containsExactly("Standup");
    assertThat(w.currentEvents().get(0).timeRemainingMinutes()).isEqualTo(15);
    assertThat(w.currentEvents().get(0).isCurrent()).isTrue();
    assertThat(w.nextEvents()).extracting(WhatsNextEvent::subject).containsExactly("Review");
    assertThat(w.nextEvents().get(0).timeUntilMinutes()).isEqualTo(45);
    assertThat(w.nextEvents().get(0).durationMinutes()).isEqualTo(60);
    assertThat(w.laterEvents()).extracting(WhatsNextEvent::subject).containsExactly("Retro");
    assertThat(w.currentTime()).isEqualTo("2026-11-23T12:00+01:00");
    assertThat(w.displayDate()).isEqualTo("Monday, 23 November 2026");
  }

  @Test
  void now_twoMeetingsShareTheNextStart_bothAreNext() {
    add("A", NOON.plusMinutes(30), Duration.ofMinutes(30), false);
    add("B", NOON.plusMinutes(30), Duration.ofMinutes(60), false);

    WhatsNext w = service().now();

    assertThat(w.nextEvents()).extracting(WhatsNextEvent::subject).containsExactly("A", "B");
    assertThat(w.laterEvents()).isEmpty();
  }

  @Test
  void now_nothingLeftToday_nextIsTomorrowAndLaterIsEmpty() {
    add("Tomorrow", NOON.plusDays(1).withHour(9), Duration.ofHours(1), false);
    add("Day after", NOON.plusDays(2).withHour(9), Duration.ofHours(1), false);

    WhatsNext w = service().now();

    assertThat(w.nextEvents()).extracting(WhatsNextEvent::subject).containsExactly("Tomorrow");
    assertThat(w.laterEvents()).isEmpty();
    assertThat(asked.get(0).end()).isEqualTo(NOON.plus(WhatsNextService.LOOKAHEAD).toInstant());
  }

  @Test
  void now_allDayEvent_goesToTheAllDayStripNotCurrent() {
    add("Holiday", NOON.toLocalDate().atStartOfDay(ZONE), Duration.ofDays(1), true);

    WhatsNext w = service().now();

    assertThat(w.allDayEvents()).extracting(WhatsNextEvent::subject).containsExactly("Holiday");
    assertThat(w.currentEvents()).isEmpty();
  }

  @Test
  void now_eventEndingExactlyNow_isNotCurrent() {
    add("Done", NOON.minusHours(1), Duration.ofHours(1), false);

    assertThat(service().now().currentEvents()).isEmpty();
  }

  @Test
  void at_debugTime_replacesNowEverywhere() {
    add("Review", NOON.plusMinutes(45), Duration.ofHours(1), false);

    WhatsNext w = service().at(NOON.plusMinutes(50).toInstant());

    assertThat(w.currentTime()).isEqualTo("2026-11-23T12:50+01:00");
    assertThat(w.currentEvents()).extracting(WhatsNextEvent::subject).containsExactly("Review");
    assertThat(w.nextEvents()).isEmpty();
  }

  @Test
  void now_sourceNeverRead_statusSaysNotReady() {
    WhatsNext w = service().now();

    assertThat(w.statusInfo().dataReady()).isFalse();
    assertThat(w.statusInfo().loadingSources()).containsExactly("work");
  }

  @Test
  void now_sourceFailingAfterSuccess_isReadyButStale() {
    state =
        new SourceState(
            "work",
            null,
            null,
            NOON.toInstant(),
            NOON.minusHours(1).toInstant(),
            null,
            "HTTP_STATUS",
            "source 'work' answered HTTP 500",
            3,
            10);

    WhatsNext w = service().now();

    assertThat(w.statusInfo().dataReady()).isTrue();
    assertThat(w.statusInfo().staleSources()).containsExactly("work");
    assertThat(w.statusInfo().sources().get(0).state()).isEqualTo("FAILED");
    // While failing, the last success is shown (it no longer moves).
    assertThat(w.statusInfo().sources().get(0).lastSuccess())
        .isEqualTo(NOON.minusHours(1).toInstant().toString());
  }

  @Test
  void now_upcomingInThirtySeconds_roundsUpToOneMinute() {
    add("Soon", NOON.plusSeconds(30), Duration.ofMinutes(30), false);

    assertThat(service().now().nextEvents().get(0).timeUntilMinutes()).isEqualTo(1);
  }

  @Test
  void now_dstChangeDay_usesLocalMidnightBoundaries() {
    ZonedDateTime dstDay = ZonedDateTime.of(2026, 10, 25, 23, 30, 0, 0, ZONE);
    instances.add(
        new Instance(
            InstanceId.of("work", "late", ""),
            "work",
            "late",
            null,
            dstDay.plusMinutes(10).toInstant(),
            dstDay.plusMinutes(20).toInstant(),
            false,
            new EventDetails("Late", null, null, null, null, null, null, null, null)));
    WhatsNextService s = service();

    WhatsNext w = s.at(dstDay.toInstant());

    assertThat(w.nextEvents()).extracting(WhatsNextEvent::subject).containsExactly("Late");
    assertThat(asked.get(0).start()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
  }

  @Test
  void now_firstRefreshCommitsDuringTheQuery_neverReportsReadyWithoutItsData() {
    // The data read sees nothing, then the first refresh commits before the status is read.
    onQuery =
        () ->
            state =
                new SourceState(
                    "work", null, null, NOON.toInstant(), NOON.toInstant(), null, null, null, 0, 4);

    WhatsNext w = service().now();

    assertThat(w.currentEvents()).isEmpty();
    assertThat(w.statusInfo().dataReady()).isFalse();
  }

  @Test
  void now_zeroLengthEventExactlyNow_isCurrent() {
    add("Deadline", NOON, Duration.ZERO, false);

    WhatsNext w = service().now();

    assertThat(w.currentEvents()).extracting(WhatsNextEvent::subject).containsExactly("Deadline");
    assertThat(w.nextEvents()).isEmpty();
  }
}
