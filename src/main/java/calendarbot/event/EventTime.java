package calendarbot.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A DTSTART/DTEND/RECURRENCE-ID/EXDATE/RDATE value as iCalendar states it (RFC 5545 3.3.4/3.3.5):
 * an absolute UTC time, a local time in a named zone, a floating local time, or a date.
 *
 * <p>Floating times and dates are interpreted in the display zone; zoned times through a {@link
 * ZoneTable} that knows the feed's own VTIMEZONE definitions.
 */
public sealed interface EventTime {

  /** The instant this value denotes; floating and all-day values use {@code displayZone}. */
  Instant toInstant(ZoneTable zones, ZoneId displayZone);

  /** Whether this is a DATE value (an all-day event). */
  default boolean isDate() {
    return this instanceof AllDay;
  }

  /**
   * A stable text form, independent of the display zone where the value is absolute: used for
   * instance ids and storage. Utc and Zoned values give the UTC instant; floating values the local
   * date-time prefixed {@code F:}; dates the date prefixed {@code D:}.
   */
  String key(ZoneTable zones);

  /** {@code DTSTART:19970714T173000Z}. */
  record Utc(Instant instant) implements EventTime {
    public Utc {
      Objects.requireNonNull(instant, "instant");
    }

    @Override
    public Instant toInstant(ZoneTable zones, ZoneId displayZone) {
      return instant;
    }

    @Override
    public String key(ZoneTable zones) {
      return instant.toString();
    }
  }

  /**
   * {@code DTSTART;TZID=Europe/Berlin:20260301T090000}. {@code tzid} is a key of the {@link
   * ZoneTable} (an IANA id, or a feed-defined zone).
   */
  record Zoned(LocalDateTime local, String tzid) implements EventTime {
    public Zoned {
      Objects.requireNonNull(local, "local");
      Objects.requireNonNull(tzid, "tzid");
    }

    @Override
    public Instant toInstant(ZoneTable zones, ZoneId displayZone) {
      return zones.resolve(local, tzid);
    }

    @Override
    public String key(ZoneTable zones) {
      return zones.resolve(local, tzid).toString();
    }
  }

  /** {@code DTSTART:20260301T090000}: the same wall-clock time in whatever zone displays it. */
  record Floating(LocalDateTime local) implements EventTime {
    public Floating {
      Objects.requireNonNull(local, "local");
    }

    @Override
    public Instant toInstant(ZoneTable zones, ZoneId displayZone) {
      return ZoneTable.resolve(local, displayZone.getRules());
    }

    @Override
    public String key(ZoneTable zones) {
      return "F:" + local;
    }
  }

  /** {@code DTSTART;VALUE=DATE:20260301}: starts at local midnight in the display zone. */
  record AllDay(LocalDate date) implements EventTime {
    public AllDay {
      Objects.requireNonNull(date, "date");
    }

    @Override
    public Instant toInstant(ZoneTable zones, ZoneId displayZone) {
      return date.atStartOfDay(displayZone).toInstant();
    }

    @Override
    public String key(ZoneTable zones) {
      return "D:" + date;
    }
  }
}
