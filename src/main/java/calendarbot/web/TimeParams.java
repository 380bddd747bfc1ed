package calendarbot.web;

import calendarbot.error.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/** Parses the time forms the API accepts in query parameters. */
final class TimeParams {
  static final String FORMS =
      "an ISO-8601 instant, offset date-time or date (e.g. 2026-11-22T09:00:00Z, 2026-11-22T10:00:00+01:00, 2026-11-22)";

  /** ISO local date-time followed by an offset written +01:00, +0100 or +01. */
  private static final DateTimeFormatter OFFSET_DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter();

  private static final Instant EARLIEST = Instant.parse("0001-01-02T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  private TimeParams() {}

  /**
   * An ISO-8601 instant ({@code ...Z}), offset date-time, local date-time (read in {@code zone}) or
   * date (local midnight in {@code zone}).
   *
   * @throws InvalidRequestException naming the parameter and the accepted forms
   */
  static Instant parse(String name, String text, ZoneId zone) {
    Instant parsed = parseForm(name, text, zone);
    if (parsed.isBefore(EARLIEST) || !parsed.isBefore(LATEST)) {
      // Far-out years overflow local date-time arithmetic in expansion; no calendar needs them.
      throw InvalidRequestException.of(name, "between the years 1 and 9999", text);
    }
    return parsed;
  }

  private static Instant parseForm(String name, String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      throw InvalidRequestException.of(name, FORMS, null);
    }
    String t = text.strip();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(zone).toInstant();
      }
      if (t.endsWith("Z") || t.endsWith("z")) {
        return Instant.parse(t.toUpperCase(java.util.Locale.ROOT));
      }
      if (t.indexOf('T') > 0 && t.matches(".*T.* \\d\\d(:?\\d\\d)?$")) {
        // An unencoded '+' in a query string arrives as a space: "...T10:00:00 01:00".
        t = t.substring(0, t.lastIndexOf(' ')) + '+' + t.substring(t.lastIndexOf(' ') + 1);
      }
      if (t.indexOf('T') > 0 && t.matches(".*T.*[+-]\\d\\d(:?\\d\\d)?$")) {
        return OffsetDateTime.parse(t, OFFSET_DATE_TIME).toInstant();
      }
      return LocalDateTime.parse(t).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw InvalidRequestException.of(name, FORMS, text);
    }
  }
}
