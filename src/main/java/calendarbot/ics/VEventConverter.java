package calendarbot.ics;

import calendarbot.event.Attendee;
import calendarbot.event.EventDetails;
import calendarbot.event.EventLength;
import calendarbot.event.EventTime;
import calendarbot.event.ZoneTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns one VEVENT's content lines into values: times (through the TZID resolver), rules, dates,
 * details. A component that cannot be understood is skipped with a warning, never fails the feed.
 * One instance per parse; not thread-safe.
 */
final class VEventConverter {
  /** One VEVENT's content lines, with the X-WR-TIMEZONE of its VCALENDAR. */
  record RawEvent(List<ContentLine> lines, int line, String calendarZone) {}

  /**
   * A VEVENT understood. {@code length} is {@code null} when the component gave none; a DURATION
   * with weeks or days keeps them nominal, a DTEND gives the exact difference; for dates it is
   * whole days.
   */
  record Parsed(
      String uid,
      EventTime recurrenceId,
      EventTime start,
      EventLength length,
      String rrule,
      List<EventTime> rdates,
      List<EventTime> exdates,
      EventDetails details,
      int sequence,
      int line) {}

  private final TzidResolver zones;
  private final Consumer<String> warn;

  VEventConverter(TzidResolver zones, Consumer<String> warn) {
    this.zones = zones;
    this.warn = warn;
  }

  Parsed convert(RawEvent raw) {
    Map<String, ContentLine> single = new HashMap<>();
    List<ContentLine> rdateLines = new ArrayList<>();
    List<ContentLine> exdateLines = new ArrayList<>();
    List<Attendee> attendees = new ArrayList<>();
    for (ContentLine cl : raw.lines()) {
      switch (cl.name()) {
        case "RDATE" -> rdateLines.add(cl);
        case "EXDATE" -> exdateLines.add(cl);
        case "ATTENDEE" -> {
          String email = address(cl.value());
          if (!email.isEmpty()) {
            attendees.add(new Attendee(email, nullIfBlank(cl.param("CN")), cl.param("PARTSTAT")));
          }
        }
        default -> single.putIfAbsent(cl.name(), cl);
      }
    }
    ContentLine uidLine = single.get("UID");
    String uid = uidLine == null ? null : uidLine.value().trim();
    if (uid == null || uid.isEmpty()) {
      uid = synthesiseUid(raw.lines());
      warn.accept(
          "VEVENT at line " + raw.line() + " has no UID; using the synthesised UID '" + uid + "'");
    }
    String where = "VEVENT at line " + raw.line() + " (UID '" + uid + "')";
    try {
      EventTime recurrenceId =
          single.containsKey("RECURRENCE-ID")
              ? time(single.get("RECURRENCE-ID"), raw.calendarZone())
              : null;
      ContentLine dtstart = single.get("DTSTART");
      EventTime start;
      if (dtstart != null) {
        start = time(dtstart, raw.calendarZone());
      } else if (recurrenceId != null) {
        start = recurrenceId;
      } else {
        warn.accept(where + " skipped: it has no DTSTART");
        return null;
      }
      EventLength length = null;
      if (single.containsKey("DTEND")) {
        EventTime end = time(single.get("DTEND"), raw.calendarZone());
        Duration exact = between(start, end);
        if (exact.isNegative()) {
          warn.accept(
              where
                  + " skipped: DTEND '"
                  + single.get("DTEND").value().trim()
                  + "' is before DTSTART '"
                  + (dtstart == null ? "" : dtstart.value().trim())
                  + "'");
          return null;
        }
        length =
            start.isDate()
                ? EventLength.ofDays(InstanceEnds.allDayDays(EventLength.exact(exact)))
                : EventLength.exact(exact);
      } else if (single.containsKey("DURATION")) {
        length = ValueParser.duration(single.get("DURATION").value());
        if (start.isDate()) {
          length = EventLength.ofDays(InstanceEnds.allDayDays(length));
        }
      }
      String rrule = null;
      ContentLine rruleLine = single.get("RRULE");
      if (rruleLine != null && recurrenceId == null) {
        rrule = rruleLine.value().trim();
        RecurrenceRule.parse(rrule); // validate now, so a bad rule skips only this event
      }
      List<EventTime> rdates = new ArrayList<>();
      for (ContentLine cl : rdateLines) {
        timeList(cl, raw.calendarZone(), rdates);
      }
      List<EventTime> exdates = new ArrayList<>();
      for (ContentLine cl : exdateLines) {
        timeList(cl, raw.calendarZone(), exdates);
      }
      EventDetails details =
          new EventDetails(
              text(single.get("SUMMARY")),
              text(single.get("LOCATION")),
              text(single.get("DESCRIPTION")),
              raw(single.get("URL")),
              upper(single.get("STATUS")),
              upper(single.get("TRANSP")),
              upper(single.get("CLASS")),
              single.containsKey("ORGANIZER") ? address(single.get("ORGANIZER").value()) : null,
              attendees);
      int sequence = 0;
      if (single.containsKey("SEQUENCE")) {
        try {
          sequence = Integer.parseInt(single.get("SEQUENCE").value().trim());
        } catch (NumberFormatException e) {
          sequence = 0; // a broken SEQUENCE only matters for picking duplicates
        }
      }
      return new Parsed(
          uid, recurrenceId, start, length, rrule, rdates, exdates, details, sequence, raw.line());
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      warn.accept(where + " skipped: " + e.getMessage());
      return null;
    }
  }

  /** A DTSTART-like property: DATE, UTC, zoned (via the resolver) or floating. */
  private EventTime time(ContentLine cl, String calendarZone) {
    return time(cl.value().trim(), cl, calendarZone);
  }

  private EventTime time(String value, ContentLine cl, String calendarZone) {
    String type = cl.param("VALUE");
    if ("DATE".equalsIgnoreCase(type) || (type == null && ValueParser.isDate(value))) {
      return new EventTime.AllDay(ValueParser.date(value));
    }
    try {
      if (ValueParser.isUtc(value)) {
        return new EventTime.Utc(ValueParser.utc(value));
      }
      LocalDateTime local = ValueParser.localDateTime(value);
      String tzid = cl.param("TZID");
      String key = null;
      if (tzid != null && !tzid.isBlank()) {
        key = zones.resolve(tzid);
      } else if (calendarZone != null) {
        key = zones.resolve(calendarZone);
      }
      return key == null ? new EventTime.Floating(local) : new EventTime.Zoned(local, key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          cl.name() + " at line " + cl.line() + ": " + e.getMessage(), e);
    }
  }

  private void timeList(ContentLine cl, String calendarZone, List<EventTime> out) {
    boolean period = "PERIOD".equalsIgnoreCase(cl.param("VALUE"));
    for (String v : ValueParser.list(cl.value())) {
      v = v.trim();
      if (v.isEmpty()) {
        continue;
      }
      if (period || v.indexOf('/') > 0) {
        v = v.substring(0, v.indexOf('/') > 0 ? v.indexOf('/') : v.length());
      }
      if (period) {
        // A PERIOD's start is a DATE-TIME; VALUE=PERIOD must not make it a DATE.
        out.add(time(v, withoutValue(cl), calendarZone));
      } else {
        out.add(time(v, cl, calendarZone));
      }
    }
  }

  private static ContentLine withoutValue(ContentLine cl) {
    Map<String, String> params = new HashMap<>(cl.params());
    params.remove("VALUE");
    return new ContentLine(cl.name(), params, cl.value(), cl.line());
  }

  private Duration between(EventTime start, EventTime end) {
    if (start instanceof EventTime.AllDay s) {
      LocalDate endDate = end instanceof EventTime.AllDay e ? e.date() : localOf(end).toLocalDate();
      return Duration.ofDays(ChronoUnit.DAYS.between(s.date(), endDate));
    }
    return Duration.between(instantOf(start), instantOf(end));
  }

  private LocalDateTime localOf(EventTime t) {
    if (t instanceof EventTime.AllDay a) {
      return a.date().atStartOfDay();
    }
    if (t instanceof EventTime.Floating f) {
      return f.local();
    }
    if (t instanceof EventTime.Zoned z) {
      return z.local();
    }
    return LocalDateTime.ofInstant(((EventTime.Utc) t).instant(), ZoneOffset.UTC);
  }

  /** Absolute where the value is; floating and dates as if in UTC (only differences matter). */
  private Instant instantOf(EventTime t) {
    if (t instanceof EventTime.Zoned z) {
      java.time.zone.ZoneRules rules = zones.custom().get(z.tzid());
      return ZoneTable.resolve(z.local(), rules != null ? rules : ZoneId.of(z.tzid()).getRules());
    }
    if (t instanceof EventTime.Utc u) {
      return u.instant();
    }
    return localOf(t).toInstant(ZoneOffset.UTC);
  }

  private static String text(ContentLine cl) {
    return cl == null ? null : ValueParser.text(cl.value());
  }

  private static String raw(ContentLine cl) {
    return cl == null ? null : nullIfBlank(cl.value().trim());
  }

  private static String upper(ContentLine cl) {
    return cl == null ? null : nullIfBlank(cl.value().trim().toUpperCase(Locale.ROOT));
  }

  private static String nullIfBlank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String address(String value) {
    String v = value.trim();
    return v.regionMatches(true, 0, "mailto:", 0, 7) ? v.substring(7).trim() : v;
  }

  private static String synthesiseUid(List<ContentLine> lines) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    for (ContentLine cl : lines) {
      if (!cl.name().equals("DTSTAMP")) { // DTSTAMP changes on every export
        sha.update(
            (cl.name() + cl.params() + ":" + cl.value() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return "calendarbot-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  // ---- grouping by UID

}
