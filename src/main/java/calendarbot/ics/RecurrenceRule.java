package calendarbot.ics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.zone.ZoneRules;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;

/**
 * An RRULE (RFC 5545 3.3.10) prepared for ical4j's {@link Recur}, with what ical4j gets wrong or
 * does slowly handled here:
 *
 * <ul>
 *   <li>WKST defaults to {@code MO} as the RFC says; ical4j would take the JVM locale's first day
 *       of the week (Sunday for {@code en_US}).
 *   <li>UNTIL is applied here, converted to the series' local time with the series' zone rules; a
 *       DATE UNTIL includes its whole day. ical4j compares a UTC UNTIL with local candidates.
 *   <li>COUNT includes DTSTART (RFC 5545 3.3.10: "The DTSTART property value always counts as the
 *       first occurrence"). ical4j counts only the dates the rule generates, so when DTSTART is not
 *       one of them the rule is run with {@code COUNT-1}.
 *   <li>Expansion of a rule without COUNT starts a whole number of periods before the window
 *       instead of at a possibly years-old DTSTART. A rule with COUNT always iterates from DTSTART,
 *       because which dates are counted depends on every date before the window.
 * </ul>
 *
 * Thread-safe: immutable, and calls into ical4j are serialised per rule (its {@code Recur#getDates}
 * writes the rule's fields).
 */
final class RecurrenceRule {
  private static final Set<String> FREQUENCIES =
      Set.of("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY");

  private final String text;
  private final Map<String, String> parts;
  private final Recur<Temporal> recur;
  // The same rule with COUNT-1, for a DTSTART the rule does not generate; null without COUNT and
  // for COUNT=1 (then the rule adds nothing to such a DTSTART).
  private final Recur<Temporal> recurAfterOffRuleStart;
  private final ChronoUnit unit;
  private final int interval;
  private final int count;

  private RecurrenceRule(String text, Map<String, String> parts) {
    this.text = text;
    this.parts = Collections.unmodifiableMap(parts);
    String freq = parts.get("FREQ");
    if (freq == null || !FREQUENCIES.contains(freq)) {
      throw new IllegalArgumentException(
          "RRULE '" + text + "' needs FREQ=SECONDLY..YEARLY, but FREQ was " + quote(freq));
    }
    unit =
        switch (freq) {
          case "SECONDLY" -> ChronoUnit.SECONDS;
          case "MINUTELY" -> ChronoUnit.MINUTES;
          case "HOURLY" -> ChronoUnit.HOURS;
          case "DAILY" -> ChronoUnit.DAYS;
          case "WEEKLY" -> ChronoUnit.WEEKS;
          case "MONTHLY" -> ChronoUnit.MONTHS;
          default -> ChronoUnit.YEARS;
        };
    interval = positive("INTERVAL", 1);
    count = positive("COUNT", 0);
    if (parts.containsKey("UNTIL")) {
      untilText(); // validates
    }
    try {
      recur = new Recur<>(ical4jText(count));
      recurAfterOffRuleStart = count > 1 ? new Recur<>(ical4jText(count - 1)) : null;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("RRULE '" + text + "' is invalid: " + e.getMessage(), e);
    }
  }

  /** The rule as ical4j gets it: without UNTIL (applied here), WKST explicit, COUNT as given. */
  private String ical4jText(int countValue) {
    StringBuilder forIcal4j = new StringBuilder();
    for (Map.Entry<String, String> e : parts.entrySet()) {
      if (!e.getKey().equals("UNTIL")) {
        forIcal4j.append(forIcal4j.length() == 0 ? "" : ";").append(e.getKey()).append('=');
        forIcal4j.append(e.getKey().equals("COUNT") ? String.valueOf(countValue) : e.getValue());
      }
    }
    if (!parts.containsKey("WKST")) {
      forIcal4j.append(";WKST=MO");
    }
    return forIcal4j.toString();
  }

  /**
   * @throws IllegalArgumentException naming the rule when it is not a valid RRULE
   */
  static RecurrenceRule parse(String text) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : text.trim().split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "RRULE '" + text + "' has a part without '=': '" + part + "'");
      }
      parts.put(
          part.substring(0, eq).trim().toUpperCase(Locale.ROOT),
          part.substring(eq + 1).trim().toUpperCase(Locale.ROOT));
    }
    return new RecurrenceRule(text, parts);
  }

  String part(String name) {
    return parts.get(name);
  }

  Set<String> partNames() {
    return parts.keySet();
  }

  Recur<Temporal> ical4j() {
    return recur;
  }

  ChronoUnit unit() {
    return unit;
  }

  int count() {
    return count;
  }

  @Override
  public String toString() {
    return text;
  }

  /** The last local date-time UNTIL allows (inclusive), or {@code null} without UNTIL. */
  LocalDateTime untilLocal(ZoneRules rules) {
    String u = untilText();
    if (u == null) {
      return null;
    }
    if (ValueParser.isDate(u)) {
      return ValueParser.date(u).atTime(LocalTime.MAX);
    }
    if (ValueParser.isUtc(u)) {
      Instant at = ValueParser.utc(u);
      return LocalDateTime.ofInstant(at, rules.getOffset(at));
    }
    return ValueParser.localDateTime(u);
  }

  LocalDateTime untilLocal(ZoneOffset offset) {
    return untilLocal(ZoneRules.of(offset));
  }

  private String untilText() {
    String u = parts.get("UNTIL");
    if (u == null) {
      return null;
    }
    try {
      if (ValueParser.isDate(u)) {
        ValueParser.date(u);
      } else {
        ValueParser.localDateTime(u);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("RRULE '" + text + "' has a bad UNTIL: " + e.getMessage());
    }
    return u;
  }

  /**
   * The occurrences of this rule from {@code seed} (the series' DTSTART) that fall in {@code [from,
   * to]} (both inclusive), in order. {@code seed}, {@code from} and {@code to} are all {@link
   * LocalDate} or all {@link LocalDateTime}, in the series' local time. The seed itself is returned
   * only when the rule generates it; with COUNT it is counted either way, so a seed the rule does
   * not generate leaves {@code COUNT-1} generated dates.
   *
   * @param untilRules the series' zone rules, to read a UTC UNTIL in local time
   * @param maxIterations the most periods this call may step through
   * @throws TooManyIterations when the window needs more than {@code maxIterations} periods
   */
  List<Temporal> occurrences(
      Temporal seed, Temporal from, Temporal to, ZoneRules untilRules, int maxIterations) {
    LocalDateTime until = untilLocal(untilRules);
    if (until != null) {
      Temporal bound = seed instanceof LocalDate ? until.toLocalDate() : until;
      if (compare(bound, to) < 0) {
        to = bound;
      }
    }
    if (compare(to, from) < 0 || compare(to, seed) < 0) {
      return List.of();
    }
    Temporal start = seed;
    if (count == 0 && compare(seed, from) < 0 && canJump(seed)) {
      // Whole periods keep the rule's phase (weekday, week start, month, set positions), and
      // without COUNT nothing depends on the occurrences skipped.
      long periods = between(seed, from) / interval - 1;
      if (periods > 0) {
        start = seed.plus(periods * interval, unit);
      }
    }
    long steps = between(start, to) / interval + 1;
    if (count > 0) {
      steps = Math.min(steps, count);
    }
    if (steps > maxIterations) {
      throw new TooManyIterations(steps);
    }
    Recur<Temporal> rule = recur;
    if (count > 0 && !generatesItsSeed(seed, to)) {
      if (recurAfterOffRuleStart == null) {
        return List.of(); // COUNT=1: DTSTART is the only occurrence
      }
      rule = recurAfterOffRuleStart;
    }
    // Recur.getDates re-initialises the rule's fields on every call (ical4j 4.2.5), so a Recur
    // shared through the expander's cache must not run on two threads at once.
    synchronized (rule) {
      return rule.getDates(start, from, to, maxIterations);
    }
  }

  /** Whether the rule's first date from {@code seed} (at or before {@code to}) is the seed. */
  private boolean generatesItsSeed(Temporal seed, Temporal to) {
    List<Temporal> first;
    synchronized (recur) {
      first = recur.getDates(seed, seed, to, 1);
    }
    // A rule never generates a date before its seed, so the seed is generated only as the first.
    // Nothing up to `to` means nothing is counted there either, so no cut is needed.
    return first.isEmpty() || compare(first.get(0), seed) == 0;
  }

  /** Orders two values of the same local type ({@link LocalDate} or {@link LocalDateTime}). */
  static int compare(Temporal a, Temporal b) {
    if (a instanceof LocalDate da) {
      return da.compareTo((LocalDate) b);
    }
    return ((LocalDateTime) a).compareTo((LocalDateTime) b);
  }

  private boolean canJump(Temporal seed) {
    boolean dayFixedByRule =
        parts.containsKey("BYMONTHDAY")
            || parts.containsKey("BYDAY")
            || parts.containsKey("BYYEARDAY")
            || parts.containsKey("BYWEEKNO");
    LocalDate day = seed instanceof LocalDateTime ldt ? ldt.toLocalDate() : (LocalDate) seed;
    if (unit == ChronoUnit.MONTHS) {
      // plusMonths clamps the 31st to the 30th; ical4j would instead skip short months.
      return dayFixedByRule || day.getDayOfMonth() <= 28;
    }
    if (unit == ChronoUnit.YEARS) {
      return dayFixedByRule || !(day.getMonthValue() == 2 && day.getDayOfMonth() == 29);
    }
    return true;
  }

  private long between(Temporal a, Temporal b) {
    if (a instanceof LocalDate da && unit.isTimeBased()) {
      return unit.between(da.atStartOfDay(), ((LocalDate) b).atStartOfDay());
    }
    return unit.between(a, b);
  }

  private int positive(String name, int absent) {
    String v = parts.get(name);
    if (v == null) {
      return absent;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "RRULE '" + text + "' needs " + name + " to be a positive integer, but was '" + v + "'");
  }

  static DayOfWeek dayOfWeek(String twoLetters) {
    return switch (twoLetters.toUpperCase(Locale.ROOT)) {
      case "MO" -> DayOfWeek.MONDAY;
      case "TU" -> DayOfWeek.TUESDAY;
      case "WE" -> DayOfWeek.WEDNESDAY;
      case "TH" -> DayOfWeek.THURSDAY;
      case "FR" -> DayOfWeek.FRIDAY;
      case "SA" -> DayOfWeek.SATURDAY;
      case "SU" -> DayOfWeek.SUNDAY;
      default -> throw new IllegalArgumentException("'" + twoLetters + "' is not a weekday");
    };
  }

  private static String quote(String v) {
    return v == null ? "missing" : "'" + v + "'";
  }

  /** The window needs more periods than allowed; {@link #steps()} says how many. */
  static final class TooManyIterations extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long steps;

    TooManyIterations(long steps) {
      super(null, null, false, false);
      this.steps = steps;
    }

    long steps() {
      return steps;
    }
  }
}
