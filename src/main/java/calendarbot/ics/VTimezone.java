package calendarbot.ics;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A VTIMEZONE block as the feed states it.
 *
 * @param tzid the TZID exactly as written (quotes removed)
 * @param line where BEGIN:VTIMEZONE is, for warnings
 */
record VTimezone(String tzid, List<Observance> observances, int line) {

  /**
   * A STANDARD or DAYLIGHT sub-component: from {@code start} (local time in {@code from}) the
   * offset is {@code to}, again at each RRULE/RDATE onset.
   *
   * @param rrule the RRULE value or {@code null}
   */
  record Observance(
      boolean daylight,
      LocalDateTime start,
      ZoneOffset from,
      ZoneOffset to,
      String rrule,
      List<LocalDateTime> rdates) {}
}
