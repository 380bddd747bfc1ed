package calendarbot.store;

import calendarbot.event.EventTime;
import calendarbot.event.InstanceOverride;
import calendarbot.event.Series;
import calendarbot.event.ZoneTable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Conservative bounds, in epoch milliseconds, of every instance a series can produce in any display
 * zone: {@code first} is at or before every instance start, {@code last} at or after every instance
 * end. {@code null} means unbounded on that side. Candidates for a window are the series whose
 * bounds meet it; over-approximating costs an expansion, missing one loses an event.
 *
 * <p>Floating and all-day times depend on the display zone, and a zoned time may name a TZID this
 * table cannot resolve; every time is therefore taken at a nominal UTC instant and widened by
 * {@link #SLACK} (18 h, the largest offset {@link ZoneOffset} allows, which also absorbs DST shifts
 * in local-time arithmetic). Overrides can move an instance anywhere, so their spans are included.
 */
record SeriesBounds(Long first, Long last) {
  static final Duration SLACK = Duration.ofHours(18);
  private static final long SLACK_MS = SLACK.toMillis();
  private static final DateTimeFormatter UNTIL_DATE_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT);
  private static final DateTimeFormatter UNTIL_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

  static final SeriesBounds UNBOUNDED = new SeriesBounds(null, null);

  static SeriesBounds of(Series s, ZoneTable zones) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    // Nominal days as 24 h: off by at most the DST shifts crossed, inside the bounds' slack.
    long length = s.length() == null ? 0 : millis(s.length().approximate());
    boolean openEnd = false;
    if (s.start() != null) {
      long start = nominal(s.start(), zones);
      first = start;
      last = add(start, length);
      if (s.rrule() != null) {
        Long lastStart = lastRuleStart(s.rrule(), start, s.start());
        if (lastStart == null) {
          openEnd = true;
        } else {
          last = Math.max(last, add(lastStart, length));
        }
      }
      for (EventTime r : s.rdates()) {
        long t = nominal(r, zones);
        first = Math.min(first, t);
        last = Math.max(last, add(t, length));
      }
    }
    for (InstanceOverride o : s.overrides()) {
      long t = nominal(o.start(), zones);
      first = Math.min(first, t);
      last = Math.max(last, add(t, millis(o.length().approximate())));
    }
    if (first == Long.MAX_VALUE) {
      // Neither a master nor overrides: nothing can be produced, but never hide it by accident.
      return UNBOUNDED;
    }
    return new SeriesBounds(add(first, -SLACK_MS), openEnd ? null : add(last, SLACK_MS));
  }

  /** Whether a series with these bounds may produce an instance overlapping {@code [from, to)}. */
  boolean mayOverlap(long from, long to) {
    return (first == null || first <= to) && (last == null || last >= from);
  }

  /** A nominal instant: exact for UTC and resolvable zoned times, local-as-UTC otherwise. */
  private static long nominal(EventTime t, ZoneTable zones) {
    if (t instanceof EventTime.Utc u) {
      return clampMillis(u.instant().getEpochSecond(), u.instant().getNano());
    }
    if (t instanceof EventTime.Zoned z) {
      try {
        var i = zones.resolve(z.local(), z.tzid());
        return clampMillis(i.getEpochSecond(), i.getNano());
      } catch (DateTimeException unknownZone) {
        return localAsUtc(z.local());
      }
    }
    if (t instanceof EventTime.Floating f) {
      return localAsUtc(f.local());
    }
    return localAsUtc(((EventTime.AllDay) t).date().atStartOfDay());
  }

  /**
   * The latest start an RRULE can produce, or {@code null} when it cannot be bounded cheaply and
   * safely. UNTIL bounds any rule. COUNT bounds only rules whose every period holds at least one
   * instance (no BY* part may filter a period out), with slack for instances an expander skips.
   */
  static Long lastRuleStart(String rrule, long start, EventTime dtstart) {
    Map<String, String> parts = new HashMap<>();
    for (String part : rrule.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        parts.put(
            part.substring(0, eq).strip().toUpperCase(Locale.ROOT), part.substring(eq + 1).strip());
      }
    }
    String until = parts.get("UNTIL");
    if (until != null) {
      Long u = parseUntil(until);
      return u == null ? null : Math.max(start, u);
    }
    String count = parts.get("COUNT");
    if (count == null) {
      return null;
    }
    long n;
    long interval;
    try {
      n = Long.parseLong(count);
      interval = parts.containsKey("INTERVAL") ? Long.parseLong(parts.get("INTERVAL")) : 1;
    } catch (NumberFormatException e) {
      return null;
    }
    if (n < 1 || interval < 1 || n > 1_000_000 || interval > 1_000_000) {
      return null;
    }
    String freq = parts.getOrDefault("FREQ", "").toUpperCase(Locale.ROOT);
    for (String key : parts.keySet()) {
      boolean harmless =
          key.equals("FREQ")
              || key.equals("COUNT")
              || key.equals("INTERVAL")
              || key.equals("WKST")
              // Weekly BYDAY expands within each week, and every week has every weekday.
              || (key.equals("BYDAY")
                  && freq.equals("WEEKLY")
                  && parts.get("BYDAY").matches("[A-Za-z,]+"));
      if (!harmless) {
        return null;
      }
    }
    // One extra period per 50 instances covers instances an expander skips (e.g. DST gaps).
    long periods = n * interval + n / 50 + 2;
    LocalDateTime local =
        LocalDateTime.ofEpochSecond(Math.floorDiv(start, 1000), 0, ZoneOffset.UTC);
    LocalDate date = dtstart instanceof EventTime.AllDay a ? a.date() : local.toLocalDate();
    switch (freq) {
      case "DAILY":
        return plus(local, periods, ChronoUnit.DAYS);
      case "WEEKLY":
        return plus(local, periods, ChronoUnit.WEEKS);
      case "MONTHLY":
        // Months without this day of month produce nothing, so only days 1-28 are bounded.
        return date.getDayOfMonth() <= 28 ? plus(local, periods, ChronoUnit.MONTHS) : null;
      case "YEARLY":
        return date.getMonthValue() == 2 && date.getDayOfMonth() == 29
            ? null
            : plus(local, periods, ChronoUnit.YEARS);
      default:
        // SECONDLY..HOURLY can lose instances to DST gaps repeatedly; rare enough to leave open.
        return null;
    }
  }

  private static Long plus(LocalDateTime local, long amount, ChronoUnit unit) {
    try {
      return local.plus(amount, unit).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  /** UNTIL as a nominal instant: {@code Z} values exactly, local and date values as UTC. */
  private static Long parseUntil(String until) {
    try {
      String u = until.toUpperCase(Locale.ROOT);
      if (u.endsWith("Z")) {
        return localAsUtc(LocalDateTime.parse(u.substring(0, u.length() - 1), UNTIL_DATE_TIME));
      }
      if (u.contains("T")) {
        return localAsUtc(LocalDateTime.parse(u, UNTIL_DATE_TIME));
      }
      // A date UNTIL includes that whole day.
      return localAsUtc(LocalDate.parse(u, UNTIL_DATE).plusDays(1).atStartOfDay());
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static long localAsUtc(LocalDateTime local) {
    return clampMillis(local.toEpochSecond(ZoneOffset.UTC), local.getNano());
  }

  private static long millis(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
    }
  }

  private static long clampMillis(long seconds, int nanos) {
    try {
      return Math.addExact(Math.multiplyExact(seconds, 1000), nanos / 1_000_000);
    } catch (ArithmeticException e) {
      return seconds < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
    }
  }

  /** Saturating addition, so absurd feed values widen bounds instead of wrapping them. */
  private static long add(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }
}
