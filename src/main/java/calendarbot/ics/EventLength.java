package calendarbot.ics;

import calendarbot.event.EventTime;
import calendarbot.event.ZoneTable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * How this package keeps an event's length in {@code Series#duration} and {@code
 * InstanceOverride#duration}, and where an instance with that length ends. Stateless.
 *
 * <p>RFC 5545 3.3.6: the week and day parts of a DURATION are nominal ({@code P1D} ends at the same
 * local time on the next day, 23 or 25 hours later across a DST change), its hour, minute and
 * second parts exact. Days are added first, then the exact part (as RFC 8984 1.4.6 spells out). A
 * length taken from DTEND is exact for every instance (RFC 5545 3.8.5.3).
 *
 * <p>The event records carry a {@link Duration}, which has no nominal part, so the nominal day
 * count is encoded in its nanosecond field, which no iCalendar value otherwise uses (DATE-TIME,
 * DURATION and UTC-OFFSET have whole seconds):
 *
 * <ul>
 *   <li>seconds = nominal days × 86,400 + exact seconds, so a reader that does not know the
 *       encoding (store bounds, codecs) sees the length with each nominal day taken as 24 hours:
 *       off by at most the DST shifts crossed and some nanoseconds;
 *   <li>nanoseconds = nominal days (0 = the whole length is exact).
 * </ul>
 *
 * The encoding survives {@link Duration#toString()} and {@link Duration#parse}. Only {@link #end}
 * interprets it; everything else in this package treats the value as an ordinary duration.
 */
final class EventLength {
  /** The most nominal days a length can carry (the nanosecond field's range). */
  static final long MAX_NOMINAL_DAYS = 999_999_999L;

  private static final long DAY_SECONDS = 86_400L;

  private EventLength() {}

  /**
   * @param nominalDays weeks × 7 + days of a DURATION, 0 to {@link #MAX_NOMINAL_DAYS}
   * @param exactSeconds hours, minutes and seconds of it, 0 or more
   * @throws IllegalArgumentException when a part is negative or too large
   */
  static Duration of(long nominalDays, long exactSeconds) {
    if (nominalDays < 0 || nominalDays > MAX_NOMINAL_DAYS || exactSeconds < 0) {
      throw new IllegalArgumentException(
          "a length needs 0.."
              + MAX_NOMINAL_DAYS
              + " nominal days and exact seconds >= 0, but was "
              + nominalDays
              + " days and "
              + exactSeconds
              + " s");
    }
    try {
      return Duration.ofSeconds(
          Math.addExact(Math.multiplyExact(nominalDays, DAY_SECONDS), exactSeconds), nominalDays);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "a length of " + nominalDays + " days and " + exactSeconds + " s is too long", e);
    }
  }

  /** The nominal days in {@code length} (0 for an exact length, and for negative ones). */
  static long nominalDays(Duration length) {
    return length.isNegative() ? 0 : length.getNano();
  }

  /**
   * The days an all-day instance covers: whole days, rounded up, at least one (a zero or partial
   * day still shows on its day).
   */
  static long allDayDays(Duration length) {
    return Math.max(1, (length.getSeconds() + DAY_SECONDS - 1) / DAY_SECONDS);
  }

  /**
   * Where an instance starting at {@code start} (the instant {@code from}) with {@code length}
   * ends: for dates at local midnight after its last day in {@code displayZone}; otherwise the
   * nominal days are added to the local time in the start's own zone (UTC for UTC times, {@code
   * displayZone} for floating ones; a local time in a gap moves forward as {@link
   * ZoneTable#resolve} says), then the exact part.
   */
  static Instant end(
      EventTime start, Instant from, Duration length, ZoneTable zones, ZoneId displayZone) {
    if (start instanceof EventTime.AllDay day) {
      return day.date().plusDays(allDayDays(length)).atStartOfDay(displayZone).toInstant();
    }
    long days = nominalDays(length);
    if (days == 0) {
      return from.plus(length);
    }
    Duration exact = Duration.ofSeconds(length.getSeconds() - days * DAY_SECONDS);
    Instant afterDays;
    if (start instanceof EventTime.Zoned z) {
      afterDays = zones.resolve(z.local().plusDays(days), z.tzid());
    } else if (start instanceof EventTime.Floating f) {
      afterDays = ZoneTable.resolve(f.local().plusDays(days), displayZone.getRules());
    } else {
      afterDays = from.plus(Duration.ofDays(days)); // UTC: every day is 24 hours
    }
    return afterDays.plus(exact);
  }
}
