package calendarbot.ics;

import calendarbot.error.MalformedFeedException;
import calendarbot.event.CalendarData;
import calendarbot.event.EventLength;
import calendarbot.event.InstanceOverride;
import calendarbot.event.Series;
import calendarbot.event.ZoneTable;
import calendarbot.ics.VEventConverter.Parsed;
import calendarbot.ics.VEventConverter.RawEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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

  /** Per-call state. */
  private static final class Run {
    private final String label;
    private final List<String> warnings = new ArrayList<>();
    private int droppedWarnings;
    private final List<RawEvent> deferred = new ArrayList<>();
    private final List<Parsed> parsed = new ArrayList<>();
    private final Map<String, VTimezone> vtimezones = new HashMap<>();
    private final TzidResolver zones;
    private final VEventConverter converter;
    private String name;

    Run(String label) {
      this.label = label;
      // The resolver sees VTIMEZONEs as they are read (the map fills during read()).
      this.zones = new TzidResolver(vtimezones, WindowsZones.instance(), warnings, label);
      this.converter = new VEventConverter(zones, this::warn);
    }

    CalendarData parse(InputStream in) throws IOException {
      read(in);
      for (RawEvent raw : deferred) {
        add(converter.convert(raw));
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
        add(converter.convert(raw));
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
      LineUnfolder lines = new LineUnfolder(in, label);
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
            VTimezone done = tz.build(this::warn);
            if (done != null) {
              vtimezones.put(done.tzid(), done);
            }
            tz = null;
          } else if ((comp.equals("STANDARD") || comp.equals("DAYLIGHT")) && tz != null) {
            tz.end(this::warn);
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
          EventLength d = o.length();
          if (d == null) {
            d = master != null && master.length() != null ? master.length() : defaultLength(o);
          }
          own.add(new InstanceOverride(o.recurrenceId(), o.start(), d, o.details()));
        }
        if (master == null) {
          Parsed first = e.getValue().values().iterator().next();
          out.add(
              new Series(
                  e.getKey(), null, EventLength.ZERO, null, null, null, first.details(), own));
        } else {
          EventLength d = master.length() != null ? master.length() : defaultLength(master);
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

    private static EventLength defaultLength(Parsed p) {
      return p.start().isDate() ? EventLength.ofDays(1) : EventLength.ZERO;
    }

    private static Parsed newer(Parsed a, Parsed b) {
      return b.sequence() >= a.sequence() ? b : a;
    }
  }
}
