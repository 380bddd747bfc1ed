package calendarbot.whatsnext;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.SourceConfig;
import calendarbot.event.EventDetails;
import calendarbot.event.Instance;
import calendarbot.event.InstanceId;
import calendarbot.settings.Display;
import calendarbot.settings.Settings;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WhatsNext#fingerprint()}: blind to the passing of time, sensitive to every state. */
class WhatsNextFingerprintTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final ZonedDateTime TEN = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZONE);

  private final List<Instance> instances = new ArrayList<>();
  private final AtomicReference<SourceState> state = new AtomicReference<>();
  private final AtomicReference<SettingsSnapshot> settings =
      new AtomicReference<>(SettingsSnapshot.defaults(ZONE));
  private WhatsNextService service;

  @BeforeEach
  void setUp() {
    Instant success = TEN.minusMinutes(1).toInstant();
    state.set(new SourceState("work", null, null, success, success, success, null, null, 0, 3));
    SourceConfig src =
        new SourceConfig(
            "work", "Work", URI.create("https://x.example.test/a.ics"), null, null, null);
    Clock fixed = Clock.fixed(TEN.toInstant(), ZONE);
    StatusService status =
        new StatusService(
            () -> List.of(src),
            id -> state.get(),
            id -> Optional.empty(),
            s -> Duration.ofHours(12),
            fixed,
            () -> {});
    service =
        new WhatsNextService(
            (w, z) ->
                instances.stream()
                    .filter(i -> w.overlaps(i.start(), i.end()))
                    .sorted(Instance::byStart)
                    .toList(),
            status,
            settings::get,
            fixed);
    add("Review", TEN, Duration.ofHours(1), "Room 4");
    add("Planning", TEN.plusMinutes(90), Duration.ofMinutes(30), null);
    add("1:1", TEN.plusHours(5), Duration.ofMinutes(30), null);
  }

  private void add(String title, ZonedDateTime start, Duration length, String location) {
    instances.add(
        new Instance(
            InstanceId.of("work", title, ""),
            "work",
            title,
            null,
            start.toInstant(),
            start.plus(length).toInstant(),
            false,
            new EventDetails(title, location, null, null, null, null, null, null, null)));
  }

  private String at(ZonedDateTime t) {
    return service.at(t.toInstant()).fingerprint();
  }

  @Test
  void fingerprint_onlySecondsAndMinutesPassed_isEqual() {
    WhatsNext early = service.at(TEN.plusMinutes(10).toInstant());
    WhatsNext late = service.at(TEN.plusMinutes(47).plusSeconds(13).toInstant());

    assertThat(early.currentTime()).isNotEqualTo(late.currentTime());
    assertThat(early.currentEvents().get(0).timeRemainingMinutes())
        .isNotEqualTo(late.currentEvents().get(0).timeRemainingMinutes());
    assertThat(early.fingerprint()).isEqualTo(late.fingerprint()).hasSize(32);
  }

  @Test
  void fingerprint_nextBecomesCurrentWithTheSameEvents_isEqual() {
    // At 11:00 Planning is next; at 11:40 it is in progress: the lists differ, the events do not.
    WhatsNext before = service.at(TEN.plusMinutes(60).toInstant());
    WhatsNext during = service.at(TEN.plusMinutes(100).toInstant());

    assertThat(before.nextEvents()).extracting(WhatsNextEvent::subject).containsExactly("Planning");
    assertThat(during.currentEvents())
        .extracting(WhatsNextEvent::subject)
        .containsExactly("Planning");
    assertThat(before.fingerprint()).isEqualTo(during.fingerprint());
  }

  @Test
  void fingerprint_anEventEnds_differs() {
    // After 11:00 Review is no longer part of the answer.
    assertThat(at(TEN.plusMinutes(30))).isNotEqualTo(at(TEN.plusMinutes(61)));
  }

  @Test
  void fingerprint_anEventIsAdded_differs() {
    String before = at(TEN.plusMinutes(10));
    add("Retro", TEN.plusHours(3), Duration.ofHours(1), null);

    assertThat(at(TEN.plusMinutes(10))).isNotEqualTo(before);
  }

  @Test
  void fingerprint_anEventsContentChanges_differs() {
    String before = at(TEN.plusMinutes(10));
    instances.remove(0);
    add("Review", TEN, Duration.ofHours(1), "Room 5");

    assertThat(at(TEN.plusMinutes(10))).isNotEqualTo(before);
  }

  @Test
  void fingerprint_aSourceStartsFailing_differs() {
    String before = at(TEN.plusMinutes(10));
    SourceState ok = state.get();
    state.set(
        new SourceState(
            "work",
            null,
            null,
            TEN.plusMinutes(5).toInstant(),
            ok.lastSuccess(),
            ok.lastChecked(),
            "HTTP_STATUS",
            "source 'work' answered HTTP 500",
            1,
            3));

    assertThat(at(TEN.plusMinutes(10))).isNotEqualTo(before);
  }

  @Test
  void fingerprint_theDisplaySettingsChange_differs() {
    String before = at(TEN.plusMinutes(10));
    Display dark = new Display(null, "24h", "whats-next", "dark", 5, 60);
    settings.set(SettingsSnapshot.of(1, Settings.defaults().withDisplay(dark), List.of(), ZONE));

    assertThat(at(TEN.plusMinutes(10))).isNotEqualTo(before);
  }

  @Test
  void fingerprint_theLocalDateChanges_differs() {
    instances.clear();

    assertThat(at(TEN.withHour(23))).isNotEqualTo(at(TEN.plusDays(1).withHour(1)));
  }
}
