package calendarbot.whatsnext;

import calendarbot.status.DataStatus;
import calendarbot.status.Freshness;
import calendarbot.status.SourceStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Fixed what's-next views for the e-ink tests, built by hand so the pictures depend on nothing but
 * this file: Monday 23 November 2026, 10:56 in Berlin.
 */
final class EinkFixtures {
  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-23T10:56+01:00");

  private EinkFixtures() {}

  /**
   * An in-progress meeting with 4 minutes left ("Wrap up"), a next one in 14 minutes with a
   * location, four later ones (one with a long title), two all-day events and a stale source.
   */
  static WhatsNext busyDay() {
    return view(
        List.of(event("Architecture review", "10:00", 60, "Room 4")),
        List.of(event("Planning with the platform team", "11:10", 50, "Room 2.14 / Teams")),
        List.of(
            event("Deadline: quarterly report", "12:00", 0, null),
            event("1:1 with Alex", "15:00", 30, null),
            event(
                "Release retrospective for the calendar synchronisation project, all hands",
                "16:00",
                45,
                "Big room"),
            event("Standup (moved)", "17:00", 15, null)),
        List.of(allDay("Team offsite"), allDay("Public holiday (Bavaria)")),
        staleHome());
  }

  /** Every text far too long for any width, to prove that cutting keeps the margins blank. */
  static WhatsNext longTexts() {
    String longWord = "W".repeat(300);
    return view(
        List.of(event(longWord, "10:00", 60, longWord)),
        List.of(event(longWord, "11:10", 50, longWord)),
        List.of(event(longWord, "12:00", 30, longWord), event(longWord, "13:00", 30, null)),
        List.of(allDay(longWord), allDay(longWord)),
        staleHome());
  }

  static WhatsNext view(
      List<WhatsNextEvent> current,
      List<WhatsNextEvent> next,
      List<WhatsNextEvent> later,
      List<WhatsNextEvent> allDay,
      Freshness status) {
    return new WhatsNext(
        NOW.toString(),
        "Monday, 23 November 2026",
        "Europe/Berlin",
        current,
        next,
        later,
        allDay,
        status,
        new DisplayInfo("24h", "whats-next", "eink", 5, 60, 1));
  }

  /** A timed event on the fixture day; current or upcoming relative to {@link #NOW}. */
  static WhatsNextEvent event(String subject, String start, long minutes, String location) {
    OffsetDateTime s = OffsetDateTime.parse("2026-11-23T" + start + "+01:00");
    OffsetDateTime e = s.plusMinutes(minutes);
    boolean current = !s.isAfter(NOW) && e.isAfter(NOW);
    boolean upcoming = s.isAfter(NOW);
    long until = upcoming ? Duration.between(NOW, s).toMinutes() : 0;
    Long remaining = current ? Duration.between(NOW, e).toMinutes() : null;
    return new WhatsNextEvent(
        "id-" + subject.hashCode(),
        "work",
        subject + "@test",
        subject,
        s.toString(),
        e.toString(),
        location,
        null,
        null,
        until,
        remaining,
        minutes,
        current,
        upcoming,
        false,
        "CONFIRMED",
        "OPAQUE",
        null,
        null);
  }

  static WhatsNextEvent allDay(String subject) {
    return new WhatsNextEvent(
        "id-" + subject.hashCode(),
        "work",
        subject + "@test",
        subject,
        "2026-11-23T00:00+01:00",
        "2026-11-24T00:00+01:00",
        null,
        null,
        null,
        0,
        null,
        1440,
        false,
        false,
        true,
        "CONFIRMED",
        "TRANSPARENT",
        null,
        null);
  }

  /** "work" fresh at 10:50, "home" failing since its last success at 08:40 (Berlin). */
  static Freshness staleHome() {
    return status(
        true,
        "2026-11-23T09:50:00Z",
        List.of("home"),
        List.of(),
        List.of(
            source("work", "OK", false, "2026-11-23T09:50:00Z"),
            source("home", "FAILED", true, "2026-11-23T07:40:00Z")));
  }

  static Freshness fresh() {
    return status(
        true,
        "2026-11-23T09:50:00Z",
        List.of(),
        List.of(),
        List.of(source("work", "OK", false, "2026-11-23T09:50:00Z")));
  }

  /** The answers' view of a full status, as the server derives it. */
  static Freshness status(
      boolean ready,
      String lastSuccessfulRefresh,
      List<String> stale,
      List<String> loading,
      List<SourceStatus> sources) {
    return Freshness.of(new DataStatus(ready, lastSuccessfulRefresh, stale, loading, sources));
  }

  static SourceStatus source(String id, String state, boolean stale, String lastSuccess) {
    return new SourceStatus(
        id, id, null, state, stale, lastSuccess, lastSuccess, lastSuccess, null, null, 0, 3, null);
  }
}
