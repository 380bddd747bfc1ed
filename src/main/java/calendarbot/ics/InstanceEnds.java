package calendarbot.ics;

import calendarbot.event.EventLength;
import calendarbot.event.EventTime;
import calendarbot.event.ZoneTable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Where an instance ends, given its start and {@link EventLength}. Stateless.
 *
 * <p>RFC 5545 3.3.6: nominal days end at the same local time on a later day (23 or 25 hours per day
 * across a DST change), then the exact part is added (the order RFC 8984 1.4.6 spells out).
 */
final class InstanceEnds {
  private static final long DAY_SECONDS = 86_400L;

  private InstanceEnds() {}

  /**
   * The days an all-day instance covers: its nominal days plus the exact part in whole days rounded
   * up, at least one (a zero or partial day still shows on its day).
   */
  static long allDayDays(EventLength length) {
    long partial = (length.exact().getSeconds() + DAY_SECONDS - 1) / DAY_SECONDS;
    return Math.max(1, length.days() + partial);
  }

  /**
   * The end of an instance starting at {@code start} (the instant {@code from}): for dates local
   * midnight after its last day in {@code displayZone}; otherwise the nominal days added to the
   * local time in the start's own zone (UTC for UTC times, {@code displayZone} for floating ones; a
   * local time in a gap moves forward as {@link ZoneTable#resolve} says), then the exact part.
   */
  static Instant end(
      EventTime start, Instant from, EventLength length, ZoneTable zones, ZoneId displayZone) {
    if (start instanceof EventTime.AllDay day) {
      return day.date().plusDays(allDayDays(length)).atStartOfDay(displayZone).toInstant();
    }
    long days = length.days();
    Instant afterDays;
    if (days == 0) {
      afterDays = from;
    } else if (start instanceof EventTime.Zoned z) {
      afterDays = zones.resolve(z.local().plusDays(days), z.tzid());
    } else if (start instanceof EventTime.Floating f) {
      afterDays = ZoneTable.resolve(f.local().plusDays(days), displayZone.getRules());
    } else {
      afterDays = from.plus(Duration.ofDays(days)); // UTC: every day is 24 hours
    }
    return afterDays.plus(length.exact());
  }
}
