package calendarbot.source;

import calendarbot.config.SourceConfig;
import calendarbot.ics.IcsWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * The bundled calendar served when no sources are configured, so a fresh install always shows a
 * current and a next meeting. Generated relative to the clock in the display zone: a meeting in
 * progress, the next one within half an hour, more later (with Teams and Zoom links and locations),
 * an all-day event, a daily stand-up and tomorrow's events.
 *
 * <p>It is an ordinary iCalendar file in the data directory, refreshed through the same path as any
 * feed ({@link #source}); the file only changes when the half-hour slot or the day moves on, so
 * most refreshes see it unmodified. Thread-safe.
 */
public final class DemoCalendar {
  /** The id of the demo source. */
  public static final String SOURCE_ID = "demo";

  static final String FILE_NAME = "demo.ics";
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final Duration SLOT = Duration.ofMinutes(30);

  private final Clock clock;
  private final ZoneId zone;

  /**
   * @param zone the display zone: "today", the slot grid and the floating events use it
   */
  public DemoCalendar(Clock clock, ZoneId zone) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** The demo source: a {@code file:} URL of {@code demo.ics} in {@code dataDir}. */
  public static SourceConfig source(Path dataDir) {
    return new SourceConfig(
        SOURCE_ID,
        "Demo calendar",
        dataDir.resolve(FILE_NAME).toAbsolutePath().toUri(),
        null,
        null,
        null);
  }

  /** The calendar for the clock's current time, as iCalendar text (CRLF, folded). */
  public String ics() {
    Instant now = clock.instant();
    LocalDateTime local = LocalDateTime.ofInstant(now, zone);
    LocalDate today = local.toLocalDate();
    // Anchor to the half-hour grid so the text only changes every 30 minutes, not every refresh.
    LocalDateTime slotLocal =
        local.truncatedTo(ChronoUnit.HOURS).plusMinutes(local.getMinute() >= 30 ? 30 : 0);
    Instant slot = slotLocal.atZone(zone).toInstant();
    String stamp = UTC.format(slot);

    Ics ics = new Ics();
    ics.line("BEGIN:VCALENDAR");
    ics.line("VERSION:2.0");
    ics.line("PRODID:-//CalendarBot//Demo calendar//EN");
    ics.line("CALSCALE:GREGORIAN");
    ics.text("X-WR-CALNAME", "CalendarBot demo");

    ics.event(
        "demo-now@calendarbot",
        stamp,
        "DTSTART:" + UTC.format(slot.minus(SLOT)),
        "DTEND:" + UTC.format(slot.plus(SLOT)));
    ics.text("SUMMARY", "Project sync");
    ics.text("LOCATION", "Room 2.14, 2nd floor");
    ics.text("DESCRIPTION", "Weekly status; agenda in the shared notes.");
    ics.line("END:VEVENT");

    String teams = "https://teams.microsoft.com/l/meetup-join/19%3ademo-meeting%40thread.v2/0";
    ics.event(
        "demo-next@calendarbot",
        stamp,
        "DTSTART:" + UTC.format(slot.plus(SLOT)),
        "DTEND:" + UTC.format(slot.plus(Duration.ofMinutes(75))));
    ics.text("SUMMARY", "Design review: kiosk layout");
    ics.text("LOCATION", "Microsoft Teams Meeting");
    ics.text("DESCRIPTION", "Join on your computer or mobile app:\n" + teams);
    ics.line("URL:" + teams);
    ics.line("ORGANIZER;CN=Alex Demo:mailto:alex@example.org");
    ics.line("ATTENDEE;CN=Sam Demo;PARTSTAT=ACCEPTED:mailto:sam@example.org");
    ics.line("END:VEVENT");

    String zoom = "https://zoom.us/j/5550100123?pwd=demo";
    ics.event(
        "demo-later@calendarbot",
        stamp,
        "DTSTART:" + UTC.format(slot.plus(Duration.ofHours(2))),
        "DTEND:" + UTC.format(slot.plus(Duration.ofHours(3))));
    ics.text("SUMMARY", "Customer call");
    ics.text("LOCATION", "Zoom, " + zoom);
    ics.text("DESCRIPTION", "Join Zoom meeting: " + zoom);
    ics.line("END:VEVENT");

    ics.event(
        "demo-focus@calendarbot",
        stamp,
        "DTSTART:" + UTC.format(slot.plus(Duration.ofMinutes(210))),
        "DTEND:" + UTC.format(slot.plus(Duration.ofHours(5))));
    ics.text("SUMMARY", "Focus time");
    ics.line("TRANSP:TRANSPARENT");
    ics.line("END:VEVENT");

    ics.event(
        "demo-allday@calendarbot",
        stamp,
        "DTSTART;VALUE=DATE:" + DATE.format(today),
        "DTEND;VALUE=DATE:" + DATE.format(today.plusDays(1)));
    ics.text("SUMMARY", "Offsite planning week");
    ics.line("TRANSP:TRANSPARENT");
    ics.line("END:VEVENT");

    // Floating times: 09:30 in whatever zone displays the calendar, every day.
    LocalDate firstStandup = today.minusDays(14);
    ics.event(
        "demo-standup@calendarbot",
        stamp,
        "DTSTART:" + LOCAL.format(firstStandup.atTime(LocalTime.of(9, 30))),
        "DTEND:" + LOCAL.format(firstStandup.atTime(LocalTime.of(9, 45))));
    ics.line("RRULE:FREQ=DAILY");
    ics.text("SUMMARY", "Daily stand-up");
    ics.text("LOCATION", "Team corner");
    ics.line("END:VEVENT");

    LocalDate tomorrow = today.plusDays(1);
    ics.event(
        "demo-planning@calendarbot",
        stamp,
        "DTSTART:" + LOCAL.format(tomorrow.atTime(10, 0)),
        "DTEND:" + LOCAL.format(tomorrow.atTime(11, 30)));
    ics.text("SUMMARY", "Sprint planning");
    ics.text("LOCATION", "Room 3.01");
    ics.line("END:VEVENT");

    ics.event(
        "demo-lunch@calendarbot",
        stamp,
        "DTSTART:" + LOCAL.format(tomorrow.atTime(12, 30)),
        "DTEND:" + LOCAL.format(tomorrow.atTime(13, 30)));
    ics.text("SUMMARY", "Lunch with Sam");
    ics.text("LOCATION", "Café Nord");
    ics.line("END:VEVENT");

    ics.line("END:VCALENDAR");
    return ics.toString();
  }

  /**
   * Writes {@link #ics()} to {@code file} unless it already holds exactly that text, so an
   * unchanged demo keeps its modification time and refreshes see "not modified". The write is
   * atomic (temporary file, then rename).
   *
   * @return whether the file was written
   * @throws IOException if the file cannot be read or written
   */
  public boolean writeIfChanged(Path file) throws IOException {
    byte[] text = ics().getBytes(StandardCharsets.UTF_8);
    if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), text)) {
      return false;
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
    try {
      Files.write(tmp, text);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return true;
  }

  /** Builds content lines: escapes TEXT values, folds at 75 octets, ends lines with CRLF. */
  private static final class Ics {
    private final StringBuilder out = new StringBuilder(4096);

    void event(String uid, String stamp, String start, String end) {
      line("BEGIN:VEVENT");
      line("UID:" + uid);
      line("DTSTAMP:" + stamp);
      line(start);
      line(end);
    }

    void text(String name, String value) {
      line(name + ":" + IcsWriter.escape(value));
    }

    void line(String line) {
      out.append(IcsWriter.fold(line));
    }

    @Override
    public String toString() {
      return out.toString();
    }
  }
}
