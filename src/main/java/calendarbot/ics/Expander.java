package calendarbot.ics;

import calendarbot.config.ExpansionConfig;
import calendarbot.error.TooManyInstancesException;
import calendarbot.event.EventDetails;
import calendarbot.event.EventLength;
import calendarbot.event.EventTime;
import calendarbot.event.Instance;
import calendarbot.event.InstanceId;
import calendarbot.event.InstanceOverride;
import calendarbot.event.Series;
import calendarbot.event.TimeWindow;
import calendarbot.event.ZoneTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands series into the instances that overlap a window (RFC 5545 3.8.5: RRULE, RDATE, EXDATE,
 * RECURRENCE-ID overrides; cancelled instances and cancelled events removed). Thread-safe.
 *
 * <p>Recurrence is computed in the series' local time and then converted with the series' zone, so
 * a 09:00 weekly meeting stays at 09:00 across DST changes. WKST defaults to Monday as RFC 5545
 * says, never to the JVM locale.
 *
 * <p>Semantics in detail:
 *
 * <ul>
 *   <li>DTSTART is always an occurrence, also when the rule does not generate it, and it is the
 *       first of the COUNT occurrences (RFC 5545 3.3.10): with a DTSTART the rule does not
 *       generate, the rule contributes COUNT-1 dates. RDATEs come on top of COUNT; EXDATEs remove
 *       occurrences after counting.
 *   <li>EXDATE removes the occurrence at the same instant (a UTC EXDATE matches a zoned DTSTART); a
 *       DATE EXDATE removes every occurrence on that local date.
 *   <li>An override replaces the occurrence with the same original start; it keeps that
 *       occurrence's id, so it appears when moved into the window and disappears when moved out. An
 *       override the rule does not generate still appears. A CANCELLED override removes its
 *       instance; a CANCELLED master removes the whole series.
 *   <li>Ids: {@code InstanceId.of(sourceId, uid, key)} with {@link EventTime#key} of the original
 *       start for recurring series and overrides, {@code ""} for a single event.
 *   <li>All-day instances run from local midnight of the first day in the display zone to local
 *       midnight after the last day.
 *   <li>A length from DTEND is exact for every instance; the weeks and days of a DURATION are
 *       nominal (RFC 5545 3.3.6): {@code P1D} from 12:00 ends at 12:00 the next local day, 23 or 25
 *       hours later across a DST change. See {@link EventLength} for how the series carries that.
 * </ul>
 *
 * <p>Bounds: a rule may step through at most {@code maxIterationsPerRule} periods (counted from the
 * first period the expansion needs, which for rules without COUNT is just before the window) per
 * call; a rule that needs more (e.g. {@code FREQ=SECONDLY} over weeks) contributes no generated
 * dates to that call (its DTSTART, RDATEs and overrides still appear) and is logged once, so one
 * runaway series neither hangs a query nor hides the rest of the calendar. More than {@code
 * maxInstancesPerQuery} instances overlapping the window fail the call with {@link
 * TooManyInstancesException}: the caller must ask for a narrower window.
 */
public final class Expander {
  private static final Logger LOG = LoggerFactory.getLogger(Expander.class);
  private static final int RULE_CACHE_LIMIT = 4096;

  private final ExpansionConfig limits;
  // Parsed rules by text: feeds repeat a few hundred distinct rules, parsing is the costly part.
  private final Map<String, RecurrenceRule> rules = new ConcurrentHashMap<>();
  // Series whose rule was already reported, so a kiosk polling every minute does not flood the log.
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public Expander(ExpansionConfig limits) {
    this.limits = limits;
  }

  /**
   * @param sourceId source of the series, baked into each instance id
   * @param zones the feed's zone table
   * @param displayZone zone for floating times and dates
   * @return instances overlapping {@code window} (see {@link TimeWindow#overlaps}), sorted by
   *     {@link Instance#byStart}
   * @throws calendarbot.error.TooManyInstancesException when more than {@code maxInstancesPerQuery}
   *     instances overlap the window. (A rule that needs more than {@code maxIterationsPerRule}
   *     periods for the window does not throw: its generated dates are skipped with one warning,
   *     its DTSTART, RDATEs and overrides still appear.)
   * @throws IllegalArgumentException when a series carries an RRULE that is not valid (the parser
   *     never produces one)
   */
  public List<Instance> expand(
      String sourceId,
      List<Series> series,
      ZoneTable zones,
      TimeWindow window,
      ZoneId displayZone) {
    Sink sink = new Sink(sourceId, window, limits.maxInstancesPerQuery());
    for (Series s : series) {
      expandOne(s, zones, window, displayZone, sink);
    }
    if (sink.overflow > 0) {
      throw new TooManyInstancesException(
          "source '"
              + sourceId
              + "' has "
              + (sink.out.size() + sink.overflow)
              + " instances in "
              + window.start()
              + " .. "
              + window.end()
              + ", more than the cap of "
              + sink.cap
              + " (expansion.max_instances_per_query); ask for a narrower window",
          sink.cap);
    }
    sink.out.sort(Instance::byStart);
    return sink.out;
  }

  ExpansionConfig limits() {
    return limits;
  }

  /** Collects instances and enforces the instance cap. */
  private static final class Sink {
    final String sourceId;
    final TimeWindow window;
    final int cap;
    final List<Instance> out = new ArrayList<>();
    long overflow;

    Sink(String sourceId, TimeWindow window, int cap) {
      this.sourceId = sourceId;
      this.window = window;
      this.cap = cap;
    }

    void add(
        String uid,
        String key,
        boolean recurring,
        Instant start,
        Instant end,
        boolean allDay,
        EventDetails details) {
      if (!window.overlaps(start, end)) {
        return;
      }
      if (out.size() >= cap) {
        // Keep counting (cheaply: no ids, no objects) so the error can say how many there are.
        overflow++;
        return;
      }
      out.add(
          new Instance(
              InstanceId.of(sourceId, uid, key),
              sourceId,
              uid,
              recurring ? key : null,
              start,
              end,
              allDay,
              details));
    }
  }

  private void expandOne(
      Series s, ZoneTable zones, TimeWindow window, ZoneId displayZone, Sink sink) {
    Map<String, InstanceOverride> overrides;
    if (s.overrides().isEmpty()) {
      overrides = Map.of(); // the common case: no per-series map, no key strings
    } else {
      overrides = new HashMap<>();
      for (InstanceOverride o : s.overrides()) {
        overrides.put(o.recurrenceId().key(zones), o);
      }
    }
    if (s.start() == null) {
      emitOverrides(s, overrides, zones, displayZone, sink);
      return;
    }
    if (s.details().cancelled()) {
      return;
    }
    if (!s.recurring()) {
      InstanceOverride own = overrides.isEmpty() ? null : overrides.remove(s.start().key(zones));
      if (own == null) {
        emit(s.uid(), "", false, s.start(), s.length(), s.details(), zones, displayZone, sink);
      } else if (!own.details().cancelled()) {
        emit(
            s.uid(), "", false, own.start(), own.length(), own.details(), zones, displayZone, sink);
      }
      emitOverrides(s, overrides, zones, displayZone, sink);
      return;
    }
    Frame frame = Frame.of(s.start(), zones, displayZone);
    Exclusions excluded = Exclusions.of(s.exdates(), frame);
    for (Temporal local : occurrences(s, frame, window)) {
      if (excluded.matches(local)) {
        continue;
      }
      EventTime original = frame.time(local);
      Span span = Span.of(original, s.length(), zones, displayZone);
      if (!window.overlaps(span.start, span.end)) {
        continue; // checked before the key: most candidates lie in the slack around the window
      }
      String key = original.key(zones);
      if (!overrides.containsKey(key)) {
        sink.add(s.uid(), key, true, span.start, span.end, original.isDate(), s.details());
      }
    }
    emitOverrides(s, overrides, zones, displayZone, sink);
  }

  private static void emitOverrides(
      Series s,
      Map<String, InstanceOverride> overrides,
      ZoneTable zones,
      ZoneId displayZone,
      Sink sink) {
    for (Map.Entry<String, InstanceOverride> e : overrides.entrySet()) {
      InstanceOverride o = e.getValue();
      if (!o.details().cancelled()) {
        emit(
            s.uid(),
            e.getKey(),
            true,
            o.start(),
            o.length(),
            o.details(),
            zones,
            displayZone,
            sink);
      }
    }
  }

  private static void emit(
      String uid,
      String key,
      boolean recurring,
      EventTime start,
      EventLength length,
      EventDetails details,
      ZoneTable zones,
      ZoneId displayZone,
      Sink sink) {
    Span span = Span.of(start, length, zones, displayZone);
    sink.add(uid, key, recurring, span.start, span.end, start.isDate(), details);
  }

  /** Where an instance lies on the time line. */
  private record Span(Instant start, Instant end) {
    static Span of(EventTime start, EventLength length, ZoneTable zones, ZoneId displayZone) {
      Instant from = start.toInstant(zones, displayZone);
      return new Span(from, InstanceEnds.end(start, from, length, zones, displayZone));
    }
  }

  /**
   * The series' original starts (as local values of its frame) that may produce an instance in the
   * window: from the rule, the RDATEs and DTSTART, without duplicates, in order.
   */
  private List<Temporal> occurrences(Series s, Frame frame, TimeWindow window) {
    // One day of slack on both sides covers any offset between the frame and the display zone
    // (and the hour a nominal day may differ from 24 h across a DST change).
    Temporal from =
        frame.local(window.start().minus(s.length().approximate()).minus(Duration.ofDays(1)));
    Temporal to = frame.local(window.end().plus(Duration.ofDays(1)));
    Temporal seed = frame.local(s.start());
    TreeSet<Temporal> found = new TreeSet<>(Frame::compare);
    if (s.rrule() != null) {
      RecurrenceRule rule = rule(s.rrule());
      try {
        found.addAll(rule.occurrences(seed, from, to, frame.rules, limits.maxIterationsPerRule()));
      } catch (RecurrenceRule.TooManyIterations e) {
        // One runaway rule (FREQ=SECONDLY, a rule that never matches) must neither hang the
        // query nor take the rest of the calendar down with it: skip its generated dates.
        warnOnce(
            s,
            "needs about "
                + e.steps()
                + " recurrence periods to reach "
                + window.start()
                + " .. "
                + window.end()
                + ", over expansion.max_iterations_per_rule="
                + limits.maxIterationsPerRule()
                + "; showing only its DTSTART, RDATEs and overrides");
      } catch (RuntimeException e) {
        // ical4j rejects some rule/start combinations only while iterating (e.g. BYHOUR on a
        // DATE start). One odd series must not fail the whole query: keep DTSTART and RDATEs.
        warnOnce(
            s, "cannot be expanded (" + e + "); showing only its DTSTART, RDATEs and overrides");
      }
    }
    if (Frame.compare(seed, from) >= 0 && Frame.compare(seed, to) <= 0) {
      found.add(seed);
    }
    for (EventTime r : s.rdates()) {
      Temporal local = frame.local(r);
      if (Frame.compare(local, from) >= 0 && Frame.compare(local, to) <= 0) {
        found.add(local);
      }
    }
    return new ArrayList<>(found);
  }

  /** Logs a problem with a series' rule once per (UID, rule), not on every query. */
  private void warnOnce(Series s, String problem) {
    if (warned.size() < RULE_CACHE_LIMIT && warned.add(s.uid() + '\n' + s.rrule())) {
      LOG.warn("ics: series '{}' RRULE '{}' {}", s.uid(), s.rrule(), problem);
    }
  }

  private RecurrenceRule rule(String text) {
    RecurrenceRule r = rules.get(text);
    if (r == null) {
      r = RecurrenceRule.parse(text);
      if (rules.size() < RULE_CACHE_LIMIT) {
        rules.put(text, r);
      }
    }
    return r;
  }

  /**
   * The local time scale a series recurs in: dates for all-day series, otherwise local date-times
   * under the series' zone (UTC for UTC starts, the display zone for floating ones).
   */
  private static final class Frame {
    final EventTime start;
    final ZoneRules rules;
    final boolean dates;
    private final ZoneTable zones;

    private Frame(EventTime start, ZoneRules rules, ZoneTable zones) {
      this.start = start;
      this.rules = rules;
      this.dates = start.isDate();
      this.zones = zones;
    }

    static Frame of(EventTime start, ZoneTable zones, ZoneId displayZone) {
      if (start instanceof EventTime.Zoned z) {
        return new Frame(start, zones.rules(z.tzid()), zones);
      }
      if (start instanceof EventTime.Utc) {
        return new Frame(start, ZoneOffset.UTC.getRules(), zones);
      }
      return new Frame(start, displayZone.getRules(), zones);
    }

    Temporal local(Instant at) {
      LocalDateTime ldt = LocalDateTime.ofInstant(at, rules.getOffset(at));
      return dates ? ldt.toLocalDate() : ldt;
    }

    Temporal local(EventTime t) {
      if (t instanceof EventTime.AllDay d) {
        return dates ? d.date() : d.date().atTime(localTimeOfStart());
      }
      LocalDateTime ldt;
      if (t instanceof EventTime.Utc u) {
        ldt = LocalDateTime.ofInstant(u.instant(), rules.getOffset(u.instant()));
      } else if (t instanceof EventTime.Zoned z
          && start instanceof EventTime.Zoned sz
          && z.tzid().equals(sz.tzid())) {
        ldt = z.local();
      } else if (t instanceof EventTime.Floating f) {
        ldt = f.local();
      } else {
        EventTime.Zoned z = (EventTime.Zoned) t;
        // A different zone than the series: go through the instant.
        Instant at = zones.resolve(z.local(), z.tzid());
        ldt = LocalDateTime.ofInstant(at, rules.getOffset(at));
      }
      return dates ? ldt.toLocalDate() : ldt;
    }

    private LocalTime localTimeOfStart() {
      return ((LocalDateTime) local(start)).toLocalTime();
    }

    EventTime time(Temporal local) {
      if (local instanceof LocalDate d) {
        return new EventTime.AllDay(d);
      }
      LocalDateTime ldt = (LocalDateTime) local;
      if (start instanceof EventTime.Zoned z) {
        return new EventTime.Zoned(ldt, z.tzid());
      }
      if (start instanceof EventTime.Utc) {
        return new EventTime.Utc(ldt.toInstant(ZoneOffset.UTC));
      }
      return new EventTime.Floating(ldt);
    }

    static int compare(Temporal a, Temporal b) {
      return RecurrenceRule.compare(a, b);
    }
  }

  /** A series' EXDATEs, as instants and as whole local dates. */
  private static final class Exclusions {
    final Set<Temporal> locals = new HashSet<>();
    final Set<LocalDate> dates = new HashSet<>();

    static Exclusions of(List<EventTime> exdates, Frame frame) {
      Exclusions x = new Exclusions();
      for (EventTime t : exdates) {
        if (t instanceof EventTime.AllDay d) {
          x.dates.add(d.date());
        } else {
          x.locals.add(frame.local(t));
        }
      }
      return x;
    }

    boolean matches(Temporal local) {
      if (local instanceof LocalDate d) {
        return dates.contains(d) || locals.contains(d);
      }
      return locals.contains(local) || dates.contains(((LocalDateTime) local).toLocalDate());
    }
  }
}
