package calendarbot.ics;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneOffsetTransitionRule.TimeDefinition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compiles a feed's VTIMEZONE into {@link ZoneRules}, for TZIDs that name no IANA or Windows zone.
 *
 * <p>Each observance's onset (DTSTART, every RDATE, every RRULE occurrence) becomes a transition
 * from TZOFFSETFROM to TZOFFSETTO at that local time. An open-ended yearly rule of the usual shape
 * ({@code FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU}, or {@code BYDAY=SU} with a {@code BYMONTHDAY} run)
 * becomes a {@link ZoneOffsetTransitionRule} so it holds for every future year; any other rule is
 * enumerated up to {@value #LAST_ENUMERATED_YEAR}. Stateless.
 */
final class VTimezoneCompiler {
  static final int LAST_ENUMERATED_YEAR = 2100;

  private VTimezoneCompiler() {}

  /**
   * @throws IllegalArgumentException when the block has no usable observance
   */
  static ZoneRules compile(VTimezone tz) {
    List<VTimezone.Observance> observances = tz.observances();
    if (observances.isEmpty()) {
      throw new IllegalArgumentException("it has no STANDARD or DAYLIGHT observance");
    }
    ZoneOffset standard = standardOffset(observances);
    List<ZoneOffsetTransition> transitions = new ArrayList<>();
    List<ZoneOffsetTransitionRule> lastRules = new ArrayList<>();
    List<VTimezone.Observance> ruled = new ArrayList<>();
    int lastYear = Integer.MIN_VALUE;
    for (VTimezone.Observance o : observances) {
      lastYear = Math.max(lastYear, o.start().getYear());
      add(transitions, o.start(), o.from(), o.to());
      for (LocalDateTime r : o.rdates()) {
        add(transitions, r, o.from(), o.to());
        lastYear = Math.max(lastYear, r.getYear());
      }
      if (o.rrule() == null) {
        continue;
      }
      ZoneOffsetTransitionRule rule = asYearlyRule(o, standard);
      if (rule != null) {
        lastRules.add(rule);
        ruled.add(o);
        continue;
      }
      RecurrenceRule rrule = RecurrenceRule.parse(o.rrule());
      LocalDateTime end = LocalDateTime.of(LAST_ENUMERATED_YEAR, 12, 31, 23, 59);
      LocalDateTime until = rrule.untilLocal(o.from());
      if (until != null && until.isBefore(end)) {
        end = until;
      }
      for (Temporal t : rrule.ical4j().getDates(o.start(), o.start(), end, 5000)) {
        LocalDateTime onset = (LocalDateTime) t;
        add(transitions, onset, o.from(), o.to());
        lastYear = Math.max(lastYear, onset.getYear());
      }
    }
    // Rules cover the years after the last explicit transition, so spell them out until then.
    for (int i = 0; i < lastRules.size(); i++) {
      VTimezone.Observance o = ruled.get(i);
      for (int y = o.start().getYear(); y <= lastYear; y++) {
        ZoneOffsetTransition t = lastRules.get(i).createTransition(y);
        if (!t.getDateTimeBefore().isBefore(o.start())) {
          transitions.add(t);
        }
      }
    }
    transitions.sort(Comparator.comparing(ZoneOffsetTransition::getInstant));
    List<ZoneOffsetTransition> distinct = new ArrayList<>(transitions.size());
    for (ZoneOffsetTransition t : transitions) {
      if (distinct.isEmpty()
          || !distinct.get(distinct.size() - 1).getInstant().equals(t.getInstant())) {
        distinct.add(t);
      }
    }
    // ZoneRules applies the last rules in list order within a year: sort them by date.
    lastRules.sort(Comparator.comparing(r -> r.createTransition(2001).getInstant()));
    if (distinct.isEmpty() && lastRules.isEmpty()) {
      return ZoneRules.of(observances.get(0).to());
    }
    ZoneOffset baseWall =
        distinct.isEmpty() ? lastRules.get(0).getOffsetBefore() : distinct.get(0).getOffsetBefore();
    return ZoneRules.of(standard, baseWall, List.of(), distinct, lastRules);
  }

  private static ZoneOffset standardOffset(List<VTimezone.Observance> observances) {
    VTimezone.Observance latest = null;
    for (VTimezone.Observance o : observances) {
      if (!o.daylight() && (latest == null || o.start().isAfter(latest.start()))) {
        latest = o;
      }
    }
    return latest != null ? latest.to() : observances.get(0).from();
  }

  private static void add(
      List<ZoneOffsetTransition> out, LocalDateTime local, ZoneOffset from, ZoneOffset to) {
    if (!from.equals(to)) {
      out.add(ZoneOffsetTransition.of(local, from, to));
    }
  }

  /** The rule for an open-ended yearly onset, or {@code null} when it has another shape. */
  static ZoneOffsetTransitionRule asYearlyRule(VTimezone.Observance o, ZoneOffset standard) {
    RecurrenceRule r = RecurrenceRule.parse(o.rrule());
    if (!"YEARLY".equals(r.part("FREQ"))
        || r.part("UNTIL") != null
        || r.part("COUNT") != null
        || (r.part("INTERVAL") != null && !"1".equals(r.part("INTERVAL")))
        || r.part("BYMONTH") == null
        || r.part("BYMONTH").contains(",")
        || r.part("BYDAY") == null
        || r.part("BYDAY").contains(",")
        || o.from().equals(o.to())) {
      return null;
    }
    for (String key : r.partNames()) {
      if (!List.of("FREQ", "INTERVAL", "BYMONTH", "BYDAY", "BYMONTHDAY", "WKST").contains(key)) {
        return null;
      }
    }
    try {
      Month month = Month.of(Integer.parseInt(r.part("BYMONTH").trim()));
      String byday = r.part("BYDAY").trim();
      DayOfWeek dow = RecurrenceRule.dayOfWeek(byday.substring(byday.length() - 2));
      String ordinalText = byday.substring(0, byday.length() - 2);
      int indicator;
      if (r.part("BYMONTHDAY") != null) {
        if (!ordinalText.isEmpty()) {
          return null;
        }
        int min = Integer.MAX_VALUE;
        for (String d : r.part("BYMONTHDAY").split(",")) {
          min = Math.min(min, Integer.parseInt(d.trim()));
        }
        if (min < 1) {
          return null;
        }
        indicator = min;
      } else {
        if (ordinalText.isEmpty()) {
          return null;
        }
        int n =
            Integer.parseInt(ordinalText.startsWith("+") ? ordinalText.substring(1) : ordinalText);
        if (n == 0 || n > 4 || n < -4) {
          return null;
        }
        indicator = n > 0 ? 1 + (n - 1) * 7 : -1 - (-n - 1) * 7;
      }
      return ZoneOffsetTransitionRule.of(
          month,
          indicator,
          dow,
          o.start().toLocalTime(),
          false,
          TimeDefinition.WALL,
          standard,
          o.from(),
          o.to());
    } catch (RuntimeException e) {
      return null; // not the simple shape after all: enumerate it instead
    }
  }
}
