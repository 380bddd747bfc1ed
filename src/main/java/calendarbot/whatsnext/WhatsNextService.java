package calendarbot.whatsnext;

import calendarbot.event.EventDetails;
import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import calendarbot.settings.SettingsSnapshot;
import calendarbot.status.Freshness;
import calendarbot.status.StatusService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Computes what the kiosk shows. Thread-safe; reads the clock once per call so one answer is
 * consistent with itself.
 */
public final class WhatsNextService {
  /** How far ahead "next" looks when nothing else is left today. */
  public static final Duration LOOKAHEAD = Duration.ofDays(7);

  private static final DateTimeFormatter DISPLAY_DATE =
      DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu", Locale.ENGLISH);

  private final InstanceSource events;
  private final StatusService status;
  private final Supplier<SettingsSnapshot> settings;
  private final Clock clock;

  /**
   * @param settings read once per answer: the display zone, filters, hidden events and how many
   *     later events to show
   */
  public WhatsNextService(
      InstanceSource events,
      StatusService status,
      Supplier<SettingsSnapshot> settings,
      Clock clock) {
    this.events = Objects.requireNonNull(events, "events");
    this.status = Objects.requireNonNull(status, "status");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The settings the next answer will use. */
  public SettingsSnapshot settings() {
    return settings.get();
  }

  /** What to show at the clock's current instant. */
  public WhatsNext now() {
    return at(clock.instant());
  }

  /** What to show at {@code now} (used for {@code debug_time}). */
  public WhatsNext at(Instant now) {
    return at(now, settings.get());
  }

  /** What to show at {@code now} with the settings {@code view} (one snapshot per answer). */
  public WhatsNext at(Instant now, SettingsSnapshot view) {
    ZoneId zone = view.zone();
    ZonedDateTime localNow = now.truncatedTo(ChronoUnit.MILLIS).atZone(zone);
    LocalDate today = localNow.toLocalDate();
    Instant startOfToday = today.atStartOfDay(zone).toInstant();
    Instant endOfToday = today.plusDays(1).atStartOfDay(zone).toInstant();
    Instant lookaheadEnd =
        now.plus(LOOKAHEAD).isAfter(endOfToday) ? now.plus(LOOKAHEAD) : endOfToday;

    // Status first: a first refresh committing between the two reads then yields "not ready"
    // with its data, never "ready" with an empty list (which a kiosk would show as no meetings).
    Freshness freshness = status.freshness();
    List<Instance> all =
        view.visibility().apply(events.instances(new TimeWindow(startOfToday, lookaheadEnd), zone));
    List<Instance> current = new ArrayList<>();
    List<Instance> upcoming = new ArrayList<>();
    List<Instance> allDay = new ArrayList<>();
    for (Instance i : all) {
      if (i.allDay()) {
        if (i.start().isBefore(endOfToday) && i.end().isAfter(startOfToday)) {
          allDay.add(i);
        }
      } else if (inProgress(i, now)) {
        current.add(i);
      } else if (i.start().isAfter(now)) {
        upcoming.add(i);
      }
    }
    List<Instance> next = new ArrayList<>();
    List<Instance> later = new ArrayList<>();
    int laterLimit = view.display().laterEvents();
    if (!upcoming.isEmpty()) {
      Instant firstStart = upcoming.get(0).start();
      for (Instance i : upcoming) {
        if (i.start().equals(firstStart)) {
          next.add(i);
        } else if (i.start().isBefore(endOfToday) && later.size() < laterLimit) {
          later.add(i);
        }
      }
    }
    return new WhatsNext(
        localNow.toOffsetDateTime().toString(),
        DISPLAY_DATE.format(localNow),
        zone.getId(),
        map(current, now, zone),
        map(next, now, zone),
        map(later, now, zone),
        map(allDay, now, zone),
        freshness,
        DisplayInfo.of(view));
  }

  private static List<WhatsNextEvent> map(List<Instance> list, Instant now, ZoneId zone) {
    List<WhatsNextEvent> out = new ArrayList<>(list.size());
    for (Instance i : list) {
      EventDetails d = i.details();
      boolean isCurrent = inProgress(i, now);
      boolean upcoming = i.start().isAfter(now);
      Optional<OnlineMeeting> meeting = OnlineMeeting.find(d);
      out.add(
          new WhatsNextEvent(
              i.id().value(),
              i.sourceId(),
              i.uid(),
              d.summary() == null ? "(no title)" : d.summary(),
              i.start().atZone(zone).toOffsetDateTime().toString(),
              i.end().atZone(zone).toOffsetDateTime().toString(),
              d.location(),
              d.description(),
              d.url(),
              upcoming ? ceilMinutes(Duration.between(now, i.start())) : 0,
              isCurrent ? ceilMinutes(Duration.between(now, i.end())) : null,
              Duration.between(i.start(), i.end()).toMinutes(),
              isCurrent,
              upcoming,
              i.allDay(),
              d.status(),
              d.transparency(),
              meeting.map(OnlineMeeting::url).orElse(null),
              meeting.map(OnlineMeeting::provider).orElse(null)));
    }
    return out;
  }

  /**
   * Whether {@code i} is in progress at {@code now}: started and not yet ended; a zero-length event
   * (a deadline, a reminder) is in progress exactly at its instant, so it is never skipped.
   */
  private static boolean inProgress(Instance i, Instant now) {
    return !i.start().isAfter(now)
        && (i.end().isAfter(now) || i.end().equals(now) && i.start().equals(now));
  }

  private static long ceilMinutes(Duration d) {
    long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    return (seconds + 59) / 60;
  }
}
