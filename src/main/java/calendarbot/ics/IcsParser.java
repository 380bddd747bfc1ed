package calendarbot.ics;

import calendarbot.error.MalformedFeedException;
import calendarbot.event.CalendarData;
import java.io.InputStream;

/**
 * Parses iCalendar (RFC 5545) feeds into {@link CalendarData}. Thread-safe; holds no state between
 * calls.
 *
 * <p>Accepts CRLF and LF, folded lines (also where a fold splits a multi-byte UTF-8 character),
 * several VCALENDARs in one body, VTIMEZONE definitions, Windows/Outlook zone names as TZID, and
 * X-WR-TIMEZONE (floating times in such a feed belong to that zone). VTODO, VJOURNAL and unknown
 * components are ignored. A VEVENT that cannot be understood is skipped with a warning in {@link
 * CalendarData#warnings()}; a body that is not iCalendar at all (HTML, empty, truncated before
 * END:VCALENDAR) fails.
 */
public final class IcsParser {

  /**
   * @param in the feed body, UTF-8; read to the end but not closed
   * @param label names the feed in messages (e.g. "source 'work'")
   * @throws MalformedFeedException when the body is not an iCalendar document, with the line
   */
  public CalendarData parse(InputStream in, String label) {
    throw new UnsupportedOperationException("IcsParser.parse not implemented yet");
  }
}
