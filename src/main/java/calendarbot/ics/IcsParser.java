package calendarbot.ics;

import calendarbot.error.MalformedFeedException;
import calendarbot.event.Attendee;
import calendarbot.event.CalendarData;
import calendarbot.event.EventDetails;
import calendarbot.event.EventTime;
import calendarbot.event.InstanceOverride;
import calendarbot.event.Series;
import calendarbot.event.ZoneTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 *
 * <p>Details of the mapping:
 *
 * <ul>
 *   <li>TZIDs resolve as {@link TzidResolver} says; an unknown TZID makes its times floating.
 *   <li>A VEVENT without UID gets a stable synthesised one ({@code calendarbot-} + content hash).
 *   <li>DATE without DTEND/DURATION lasts one day; DATE-TIME without them is zero length; DTEND
 *       before DTSTART skips the event.
 *   <li>RECURRENCE-ID with {@code RANGE=THISANDFUTURE} is treated as an override of that one
 *       instance only.
 *   <li>RDATE;VALUE=PERIOD contributes the period's start.
 *   <li>Of several masters (or overrides of one instance) with one UID the highest SEQUENCE wins,
 *       the later one on a tie.
 * </ul>
 *
 * <p>The content lines are read by this package rather than by ical4j's {@code CalendarBuilder}:
 * the builder decodes before unfolding (breaking UTF-8 split by a fold), resolves TZIDs while
 * building (unknown and Windows names fail or fall back to the JVM zone), and one bad property
 * stops the whole feed, where a feed must lose at most the broken VEVENT. ical4j does the
 * recurrence arithmetic (see {@link Expander}).
 */
public final class IcsParser {
  private static final int MAX_WARNINGS = 200;

  /**
   * @param in the feed body, UTF-8; read to the end but not closed
   * @param label names the feed in messages (e.g. "source 'work'")
   * @throws MalformedFeedException when the body is not an iCalendar document, with the line
   */
  public CalendarData parse(InputStream in, String label) {
    try {
      return new Run(label).parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(label + ": reading the feed body failed", e);
    }
  }

  /** One VEVENT's content lines, with the X-WR-TIMEZONE of its VCALENDAR. */
  private record RawEvent(List<ContentLine> lines, int line, String calendarZone) {}

  /** A VEVENT understood. {@code duration} is {@code null} when the component gave none. */
  private record Parsed(
      String uid,
      EventTime recurrenceId,
      EventTime start,
      Duration duration,
      String rrule,
      List<EventTime> rdates,
      List<EventTime> exdates,
      EventDetails details,
      int sequence,
      int line) {}

  /** Per-call state. */
  private static final class Run {
    private final String label;
    private final List<String> warnings = new ArrayList<>();
    private int droppedWarnings;
    private final List<RawEvent> deferred = new ArrayList<>();
    private final List<Parsed> parsed = new ArrayList<>();
    private final Map<String, VTimezone> vtimezones = new HashMap<>();
    private final TzidResolver zones;
    private String name;

    Run(String label) {
      this.label = label;
      // The resolver sees VTIMEZONEs as they are read (the map fills during read()).
      this.zones = new TzidResolver(vtimezones, WindowsZones.instance(), warnings, label);
    }

    CalendarData parse(InputStream in) throws IOException {
      read(in);
      for (RawEvent raw : deferred) {
        add(toParsed(raw));
      }
      deferred.clear();
      ZoneTable table = new ZoneTable(zones.custom());
      List<Series> series = group(parsed, table);
      if (droppedWarnings > 0) {
        warnings.add(label + ": " + droppedWarnings + " more warnings not listed");
      }
      return new CalendarData(name, series, table, warnings);
    }

    /**
     * Converts a VEVENT as soon as its TZIDs can be decided, so a large feed is not held as text;
     * one naming a zone whose VTIMEZONE may still follow waits until the end.
     */
    private void completed(RawEvent raw) {
      boolean decidable = raw.calendarZone() == null || zones.decidableNow(raw.calendarZone());
      for (int i = 0; decidable && i < raw.lines().size(); i++) {
        String tzid = raw.lines().get(i).param("TZID");
        decidable = tzid == null || zones.decidableNow(tzid);
      }
      if (decidable) {
        add(toParsed(raw));
      } else {
        deferred.add(raw);
      }
    }

    private void add(Parsed p) {
      if (p != null) {
        parsed.add(p);
      }
    }

    private void warn(String message) {
      if (warnings.size() < MAX_WARNINGS) {
        warnings.add(label + ": " + message);
      } else {
        droppedWarnings++;
      }
    }

    // ---- reading content lines into components

    private void read(InputStream in) throws IOException {
      LineUnfolder lines = new LineUnfolder(in);
      String first = lines.next();
      if (first == null) {
        throw new MalformedFeedException(
            label
                + " is not an iCalendar feed: the body is empty; check that the URL is the"
                + " calendar's ICS export link",
            1);
      }
      if (!first.trim().equalsIgnoreCase("BEGIN:VCALENDAR")) {
        throw notICalendar(first, lines.lineNumber());
      }
      Deque<String> stack = new ArrayDeque<>();
      Deque<Integer> opened = new ArrayDeque<>();
      stack.push("VCALENDAR");
      opened.push(lines.lineNumber());
      String calendarZone = null;
      List<ContentLine> event = null;
      int eventLine = 0;
      VTimezoneBuilder tz = null;
      int lastLine = lines.lineNumber();
      for (String text = lines.next(); text != null; text = lines.next()) {
        int lineNo = lines.lineNumber();
        lastLine = lineNo;
        ContentLine cl = ContentLine.parse(text, lineNo);
        if (cl == null) {
          warn("line " + lineNo + " is not a content line (no ':'), ignored: '" + clip(text) + "'");
          continue;
        }
        if (cl.name().equals("BEGIN")) {
          String comp = cl.value().trim().toUpperCase(Locale.ROOT);
          if (stack.isEmpty() && !comp.equals("VCALENDAR")) {
            warn("line " + lineNo + ": BEGIN:" + comp + " outside any VCALENDAR, ignored");
          }
          String parent = stack.peek();
          stack.push(comp);
          opened.push(lineNo);
          if (comp.equals("VCALENDAR") && parent == null) {
            calendarZone = null;
          } else if (comp.equals("VEVENT") && "VCALENDAR".equals(parent)) {
            event = new ArrayList<>(16);
            eventLine = lineNo;
          } else if (comp.equals("VTIMEZONE") && "VCALENDAR".equals(parent)) {
            tz = new VTimezoneBuilder(lineNo);
          } else if ((comp.equals("STANDARD") || comp.equals("DAYLIGHT"))
              && "VTIMEZONE".equals(parent)
              && tz != null) {
            tz.begin(comp.equals("DAYLIGHT"), lineNo);
          }
          continue;
        }
        if (cl.name().equals("END")) {
          String comp = cl.value().trim().toUpperCase(Locale.ROOT);
          if (!stack.contains(comp)) {
            warn("line " + lineNo + ": END:" + comp + " without BEGIN:" + comp + ", ignored");
            continue;
          }
          while (!stack.peek().equals(comp)) {
            String unclosed = stack.pop();
            warn(
                "line "
                    + lineNo
                    + ": BEGIN:"
                    + unclosed
                    + " at line "
                    + opened.pop()
                    + " is not closed before END:"
                    + comp);
          }
          stack.pop();
          opened.pop();
          String parent = stack.peek();
          if (comp.equals("VEVENT") && "VCALENDAR".equals(parent) && event != null) {
            completed(new RawEvent(event, eventLine, calendarZone));
            event = null;
          } else if (comp.equals("VTIMEZONE") && tz != null) {
            VTimezone done = tz.build(this);
            if (done != null) {
              vtimezones.put(done.tzid(), done);
            }
            tz = null;
          } else if ((comp.equals("STANDARD") || comp.equals("DAYLIGHT")) && tz != null) {
            tz.end(this);
          }
          continue;
        }
        String top = stack.peek();
        if (top == null) {
          continue;
        }
        switch (top) {
          case "VEVENT" -> {
            if (event != null) {
              event.add(cl);
            }
          }
          case "VCALENDAR" -> {
            if (cl.name().equals("X-WR-CALNAME") && name == null) {
              name = ValueParser.text(cl.value());
            } else if (cl.name().equals("X-WR-TIMEZONE") && !cl.value().isBlank()) {
              calendarZone = cl.value().trim();
            }
          }
          case "VTIMEZONE" -> {
            if (tz != null && cl.name().equals("TZID")) {
              tz.tzid = cl.value().trim();
            }
          }
          case "STANDARD", "DAYLIGHT" -> {
            if (tz != null) {
              tz.property(cl);
            }
          }
          default -> {
            // properties of VALARM, VTODO, VJOURNAL and unknown components are not needed
          }
        }
      }
      if (!stack.isEmpty()) {
        String innermost = stack.peek();
        throw new MalformedFeedException(
            label
                + " is truncated: the body ends at line "
                + lastLine
                + " inside BEGIN:"
                + innermost
                + " (opened at line "
                + opened.peek()
                + ") without END:VCALENDAR; the download was probably cut short, or the"
                + " server sent a partial body",
            lastLine);
      }
    }

    private MalformedFeedException notICalendar(String first, int line) {
      String start = clip(first.strip());
      String hint =
          start.startsWith("<")
              ? "check that the URL is the calendar's ICS export link, not its web page"
              : start.startsWith("{") || start.startsWith("[")
                  ? "the server answered with JSON; check that the URL is the calendar's ICS"
                      + " export link, not an API endpoint"
                  : "an iCalendar feed starts with BEGIN:VCALENDAR; check that the URL is the"
                      + " calendar's ICS export link";
      return new MalformedFeedException(
          label
              + " is not an iCalendar feed: the body starts with '"
              + start
              + "' (line "
              + line
              + "); "
              + hint,
          line);
    }

    private static String clip(String s) {
      return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    // ---- VEVENT to values

    private Parsed toParsed(RawEvent raw) {
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
        warn(
            "VEVENT at line "
                + raw.line()
                + " has no UID; using the synthesised UID '"
                + uid
                + "'");
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
          warn(where + " skipped: it has no DTSTART");
          return null;
        }
        Duration duration = null;
        if (single.containsKey("DTEND")) {
          EventTime end = time(single.get("DTEND"), raw.calendarZone());
          duration = between(start, end);
          if (duration.isNegative()) {
            warn(
                where
                    + " skipped: DTEND '"
                    + single.get("DTEND").value().trim()
                    + "' is before DTSTART '"
                    + (dtstart == null ? "" : dtstart.value().trim())
                    + "'");
            return null;
          }
        } else if (single.containsKey("DURATION")) {
          duration = ValueParser.duration(single.get("DURATION").value());
          if (duration.isNegative()) {
            warn(
                where
                    + " skipped: DURATION '"
                    + single.get("DURATION").value().trim()
                    + "' is negative");
            return null;
          }
        }
        if (start.isDate() && duration != null) {
          // Dates cover whole days; a zero or partial day still shows on its day.
          long days = Math.max(1, (duration.toSeconds() + 86399) / 86400);
          duration = Duration.ofDays(days);
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
            uid,
            recurrenceId,
            start,
            duration,
            rrule,
            rdates,
            exdates,
            details,
            sequence,
            raw.line());
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        warn(where + " skipped: " + e.getMessage());
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
        LocalDate endDate =
            end instanceof EventTime.AllDay e ? e.date() : localOf(end).toLocalDate();
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

    private List<Series> group(List<Parsed> parsed, ZoneTable table) {
      Map<String, Parsed> masters = new LinkedHashMap<>();
      Map<String, Map<String, Parsed>> overrides = new LinkedHashMap<>();
      for (Parsed p : parsed) {
        if (p.recurrenceId() == null) {
          masters.merge(p.uid(), p, Run::newer);
          overrides.computeIfAbsent(p.uid(), k -> new LinkedHashMap<>());
        } else {
          overrides
              .computeIfAbsent(p.uid(), k -> new LinkedHashMap<>())
              .merge(p.recurrenceId().key(table), p, Run::newer);
        }
      }
      List<Series> out = new ArrayList<>(overrides.size());
      for (Map.Entry<String, Map<String, Parsed>> e : overrides.entrySet()) {
        Parsed master = masters.get(e.getKey());
        List<InstanceOverride> own = new ArrayList<>(e.getValue().size());
        for (Parsed o : e.getValue().values()) {
          Duration d = o.duration();
          if (d == null) {
            d = master != null && master.duration() != null ? master.duration() : defaultLength(o);
          }
          own.add(new InstanceOverride(o.recurrenceId(), o.start(), d, o.details()));
        }
        if (master == null) {
          Parsed first = e.getValue().values().iterator().next();
          out.add(
              new Series(e.getKey(), null, Duration.ZERO, null, null, null, first.details(), own));
        } else {
          Duration d = master.duration() != null ? master.duration() : defaultLength(master);
          out.add(
              new Series(
                  e.getKey(),
                  master.start(),
                  d,
                  master.rrule(),
                  master.rdates(),
                  master.exdates(),
                  master.details(),
                  own));
        }
      }
      return out;
    }

    private static Duration defaultLength(Parsed p) {
      return p.start().isDate() ? Duration.ofDays(1) : Duration.ZERO;
    }

    private static Parsed newer(Parsed a, Parsed b) {
      return b.sequence() >= a.sequence() ? b : a;
    }
  }

  /** Collects one VTIMEZONE's observances. */
  private static final class VTimezoneBuilder {
    private final int line;
    private final List<VTimezone.Observance> observances = new ArrayList<>();
    String tzid;
    private boolean daylight;
    private int observanceLine;
    private Map<String, ContentLine> props;
    private List<LocalDateTime> rdates;

    VTimezoneBuilder(int line) {
      this.line = line;
    }

    void begin(boolean daylight, int lineNo) {
      this.daylight = daylight;
      this.observanceLine = lineNo;
      this.props = new HashMap<>();
      this.rdates = new ArrayList<>();
    }

    void property(ContentLine cl) {
      if (props == null) {
        return;
      }
      if (cl.name().equals("RDATE")) {
        for (String v : ValueParser.list(cl.value())) {
          if (!v.isBlank()) {
            rdates.add(ValueParser.localDateTime(v.split("/")[0]));
          }
        }
      } else {
        props.putIfAbsent(cl.name(), cl);
      }
    }

    void end(Run run) {
      if (props == null) {
        return;
      }
      try {
        ContentLine start = props.get("DTSTART");
        ContentLine from = props.get("TZOFFSETFROM");
        ContentLine to = props.get("TZOFFSETTO");
        if (start == null || to == null) {
          throw new IllegalArgumentException("it needs DTSTART and TZOFFSETTO");
        }
        ZoneOffset toOffset = ValueParser.utcOffset(to.value());
        observances.add(
            new VTimezone.Observance(
                daylight,
                ValueParser.localDateTime(start.value()),
                from == null ? toOffset : ValueParser.utcOffset(from.value()),
                toOffset,
                props.containsKey("RRULE") ? props.get("RRULE").value().trim() : null,
                List.copyOf(rdates)));
      } catch (IllegalArgumentException e) {
        run.warn(
            (daylight ? "DAYLIGHT" : "STANDARD")
                + " at line "
                + observanceLine
                + " of VTIMEZONE '"
                + tzid
                + "' ignored: "
                + e.getMessage());
      }
      props = null;
    }

    VTimezone build(Run run) {
      if (tzid == null || tzid.isEmpty()) {
        run.warn("VTIMEZONE at line " + line + " has no TZID, ignored");
        return null;
      }
      return new VTimezone(tzid, List.copyOf(observances), line);
    }
  }
}
