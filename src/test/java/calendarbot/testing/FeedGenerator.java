package calendarbot.testing;

import calendarbot.ics.IcsWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deterministic generator of realistic iCalendar feeds for benchmarks and tests: the same seed,
 * base date, zone and size always give the same bytes.
 *
 * <p>A feed has a VTIMEZONE for the zone (IANA TZID) and a second copy under an Outlook-style
 * display name that only the VTIMEZONE defines (about 5% of the events use it); about 10% of the
 * VEVENTs are recurring series (weekly, daily, monthly, yearly rules; COUNT or UNTIL on some), many
 * with EXDATEs and RECURRENCE-ID overrides (moved, retitled, cancelled), written as extra VEVENTs
 * after their master. The rest are single events spread over about ±1 year around the base date,
 * about 10% all-day (1 to 3 days). Descriptions are a few hundred characters of folded, escaped
 * text with some accents and emoji, so 10,000 events come to roughly 8–9 MB.
 *
 * <p>Not thread-safe; cheap to create.
 */
public final class FeedGenerator {
  /** The TZID of the display-name VTIMEZONE (compiled by the parser, not looked up). */
  public static final String OUTLOOK_TZID = "(UTC+01:00) Generated Display Name Zone";

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
  private static final String[] WORDS = {
    "budget",
    "review",
    "planning",
    "sync",
    "roadmap",
    "customer",
    "release",
    "retro",
    "design",
    "hiring",
    "interview",
    "quarterly",
    "offsite",
    "workshop",
    "demo",
    "launch",
    "migration",
    "incident",
    "postmortem",
    "coffee",
    "lunch",
    "training",
    "onboarding",
    "security",
    "audit",
    "Zürich",
    "café",
    "Ångström",
    "naïve",
    "résumé",
    "façade",
    "Kraków",
    "São Paulo",
    "東京",
    "회의",
    "🎉",
    "✈️",
    "data",
    "platform",
    "mobile",
    "backend",
    "frontend",
    "API",
    "metrics",
  };
  private static final String[] SUMMARIES = {
    "Team sync",
    "1:1",
    "Sprint planning",
    "Design review",
    "Customer call",
    "Lunch",
    "Dentist",
    "Flight to Berlin",
    "All hands",
    "Interview: backend engineer",
    "Retro",
    "Budget review; Q3, final",
    "Board meeting",
    "Yoga",
    "Kita pick-up",
    "Release 4.2",
  };
  private static final String[] RULES = {
    "FREQ=WEEKLY;BYDAY=%s",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=%s",
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=DAILY;COUNT=%d",
    "FREQ=DAILY;INTERVAL=1",
    "FREQ=MONTHLY;BYDAY=1%s",
    "FREQ=MONTHLY;BYMONTHDAY=15",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=YEARLY",
    "FREQ=WEEKLY;BYDAY=%s;UNTIL=%s",
  };

  private static final int[] SHAPES = {
    0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 9
  };

  private final long seed;
  private final LocalDate base;
  private final ZoneId zone;

  /**
   * @param seed drives every choice
   * @param base events cluster around this date (±1 year; recurring series start up to 3 years
   *     before it)
   * @param zone the zone of the timed events
   */
  public FeedGenerator(long seed, LocalDate base, ZoneId zone) {
    this.seed = seed;
    this.base = base;
    this.zone = zone;
  }

  /** The feed with {@code events} VEVENT components (masters, overrides and singles), as UTF-8. */
  public byte[] generate(int events) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, events * 900));
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//CalendarBot//FeedGenerator//EN");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "X-WR-CALNAME:Generated " + events);
    vtimezone(out, zone.getId());
    vtimezone(out, OUTLOOK_TZID);
    int written = 0;
    int n = 0;
    while (written < events) {
      n++;
      if (rnd.nextInt(100) < 10 && events - written >= 1) {
        written += series(out, rnd, n, events - written);
      } else {
        single(out, rnd, n);
        written++;
      }
    }
    line(out, "END:VCALENDAR");
    return out.toByteArray();
  }

  /** {@link #generate} as a string. */
  public String generateText(int events) {
    return new String(generate(events), StandardCharsets.UTF_8);
  }

  private void single(ByteArrayOutputStream out, SplittableRandom rnd, int n) {
    line(out, "BEGIN:VEVENT");
    line(out, "UID:single-" + seed + "-" + n + "@generated.calendarbot");
    line(out, "DTSTAMP:" + LOCAL.format(base.atStartOfDay()) + "Z");
    LocalDate day = base.plusDays(rnd.nextInt(-365, 366));
    if (rnd.nextInt(10) == 0) {
      line(out, "DTSTART;VALUE=DATE:" + DATE.format(day));
      line(out, "DTEND;VALUE=DATE:" + DATE.format(day.plusDays(1 + rnd.nextInt(3))));
      line(out, "TRANSP:TRANSPARENT");
    } else {
      LocalDateTime start = day.atTime(7 + rnd.nextInt(12), rnd.nextInt(4) * 15);
      String tzid = tzid(rnd);
      line(out, "DTSTART;TZID=" + tzid + ":" + LOCAL.format(start));
      line(
          out,
          "DTEND;TZID=" + tzid + ":" + LOCAL.format(start.plusMinutes(30L * (1 + rnd.nextInt(4)))));
    }
    details(out, rnd, n);
    line(out, "END:VEVENT");
  }

  /** A master and its overrides; returns how many VEVENTs it wrote (at most {@code room}). */
  private int series(ByteArrayOutputStream out, SplittableRandom rnd, int n, int room) {
    String uid = "series-" + seed + "-" + n + "@generated.calendarbot";
    String tzid = tzid(rnd);
    DayOfWeek dow = DayOfWeek.of(1 + rnd.nextInt(5));
    String day = dow.name().substring(0, 2);
    LocalDate first = base.minusDays(rnd.nextInt(3 * 365));
    first = first.plusDays((dow.getValue() - first.getDayOfWeek().getValue() + 7) % 7);
    LocalDateTime start = first.atTime(8 + rnd.nextInt(10), rnd.nextInt(2) * 30);
    // Weighted like a real work calendar: mostly weekly, some daily or monthly, few yearly.
    int shape = SHAPES[rnd.nextInt(SHAPES.length)];
    String rule =
        switch (shape) {
          case 0, 1, 5 -> String.format(Locale.ROOT, RULES[shape], day);
          case 3 -> String.format(Locale.ROOT, RULES[shape], 5 + rnd.nextInt(60));
          case 9 ->
              String.format(
                  Locale.ROOT,
                  RULES[shape],
                  day,
                  LOCAL.format(base.plusDays(rnd.nextInt(-200, 400)).atStartOfDay()) + "Z");
          default -> RULES[shape];
        };
    if (shape != 3 && shape != 9 && rnd.nextBoolean()) {
      // Half of the open-ended series have ended or will end (most real series do).
      rule += ";UNTIL=" + LOCAL.format(base.plusDays(rnd.nextInt(-700, 300)).atStartOfDay()) + "Z";
    }
    boolean weekly = shape == 0 || shape == 9;
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + uid);
    line(out, "DTSTAMP:" + LOCAL.format(base.atStartOfDay()) + "Z");
    line(out, "DTSTART;TZID=" + tzid + ":" + LOCAL.format(start));
    line(
        out,
        "DTEND;TZID=" + tzid + ":" + LOCAL.format(start.plusMinutes(30L * (1 + rnd.nextInt(3)))));
    line(out, "RRULE:" + rule);
    List<LocalDateTime> overrides = new ArrayList<>();
    if (weekly) {
      // Occurrences of a weekly rule on the start's weekday are whole weeks after DTSTART.
      long weeksToBase = java.time.temporal.ChronoUnit.WEEKS.between(first, base);
      int exdates = rnd.nextInt(4);
      for (int i = 0; i < exdates; i++) {
        LocalDateTime ex = start.plusWeeks(Math.max(1, weeksToBase + rnd.nextInt(-8, 9)));
        line(out, "EXDATE;TZID=" + tzid + ":" + LOCAL.format(ex));
      }
      int count = rnd.nextInt(3);
      for (int i = 0; i < count; i++) {
        overrides.add(start.plusWeeks(Math.max(1, weeksToBase + rnd.nextInt(-6, 7))));
      }
    }
    details(out, rnd, n);
    line(out, "END:VEVENT");
    int written = 1;
    for (LocalDateTime original : overrides.stream().distinct().toList()) {
      if (written >= room) {
        break;
      }
      line(out, "BEGIN:VEVENT");
      line(out, "UID:" + uid);
      line(out, "DTSTAMP:" + LOCAL.format(base.atStartOfDay()) + "Z");
      line(out, "RECURRENCE-ID;TZID=" + tzid + ":" + LOCAL.format(original));
      LocalDateTime moved = original.plusHours(rnd.nextInt(-2, 3)).plusDays(rnd.nextInt(-1, 2));
      line(out, "DTSTART;TZID=" + tzid + ":" + LOCAL.format(moved));
      line(out, "DTEND;TZID=" + tzid + ":" + LOCAL.format(moved.plusMinutes(45)));
      line(out, "SEQUENCE:1");
      if (rnd.nextInt(4) == 0) {
        line(out, "STATUS:CANCELLED");
      }
      line(out, "SUMMARY:" + IcsWriter.escape(pick(rnd, SUMMARIES) + " (moved)"));
      line(out, "END:VEVENT");
      written++;
    }
    return written;
  }

  /** A TZID parameter value, quoted when it contains ':', ';' or ',' as RFC 5545 requires. */
  private String tzid(SplittableRandom rnd) {
    return rnd.nextInt(20) == 0 ? "\"" + OUTLOOK_TZID + "\"" : zone.getId();
  }

  private void details(ByteArrayOutputStream out, SplittableRandom rnd, int n) {
    line(out, "SUMMARY:" + IcsWriter.escape(pick(rnd, SUMMARIES) + " #" + n));
    if (rnd.nextInt(3) > 0) {
      line(
          out,
          "LOCATION:"
              + IcsWriter.escape(
                  "Room " + (1 + rnd.nextInt(40)) + ", Building " + (char) ('A' + rnd.nextInt(6))));
    }
    StringBuilder d = new StringBuilder();
    int words = 30 + rnd.nextInt(36);
    for (int i = 0; i < words; i++) {
      d.append(i == 0 ? "" : rnd.nextInt(12) == 0 ? ".\n" : rnd.nextInt(9) == 0 ? ", " : " ");
      d.append(pick(rnd, WORDS));
    }
    d.append(". Join: https://meet.example.com/").append(Long.toHexString(rnd.nextLong()));
    line(out, "DESCRIPTION:" + IcsWriter.escape(d.toString()));
    line(
        out,
        "ORGANIZER;CN=Organizer " + (n % 50) + ":mailto:organizer" + (n % 50) + "@example.com");
    int attendees = rnd.nextInt(5);
    for (int i = 0; i < attendees; i++) {
      line(
          out,
          "ATTENDEE;CN=Person "
              + i
              + ";PARTSTAT="
              + (rnd.nextBoolean() ? "ACCEPTED" : "NEEDS-ACTION")
              + ":mailto:person"
              + i
              + "."
              + (n % 97)
              + "@example.com");
    }
    line(out, "STATUS:" + (rnd.nextInt(15) == 0 ? "TENTATIVE" : "CONFIRMED"));
  }

  private static String pick(SplittableRandom rnd, String[] from) {
    return from[rnd.nextInt(from.length)];
  }

  /** A VTIMEZONE for {@link #zone} under {@code tzid}, from the JDK's current rules. */
  private void vtimezone(ByteArrayOutputStream out, String tzid) {
    ZoneRules rules = zone.getRules();
    line(out, "BEGIN:VTIMEZONE");
    line(out, "TZID:" + tzid);
    List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
    if (yearly.isEmpty()) {
      ZoneOffset now = rules.getOffset(base.atStartOfDay(zone).toInstant());
      line(out, "BEGIN:STANDARD");
      line(out, "DTSTART:19700101T000000");
      line(out, "TZOFFSETFROM:" + offset(now));
      line(out, "TZOFFSETTO:" + offset(now));
      line(out, "END:STANDARD");
    } else {
      for (ZoneOffsetTransitionRule r : yearly) {
        boolean daylight =
            r.getOffsetAfter().getTotalSeconds() > r.getStandardOffset().getTotalSeconds();
        var t = r.createTransition(1970);
        int dom = r.getDayOfMonthIndicator();
        String byday =
            r.getDayOfWeek() == null
                ? ""
                : ";BYDAY="
                    + (dom < 0 ? "-1" : String.valueOf(1 + (dom - 1) / 7))
                    + r.getDayOfWeek().name().substring(0, 2);
        line(out, "BEGIN:" + (daylight ? "DAYLIGHT" : "STANDARD"));
        line(out, "DTSTART:" + LOCAL.format(t.getDateTimeBefore()));
        line(out, "TZOFFSETFROM:" + offset(r.getOffsetBefore()));
        line(out, "TZOFFSETTO:" + offset(r.getOffsetAfter()));
        line(out, "RRULE:FREQ=YEARLY;BYMONTH=" + r.getMonth().getValue() + byday);
        line(out, "END:" + (daylight ? "DAYLIGHT" : "STANDARD"));
      }
    }
    line(out, "END:VTIMEZONE");
  }

  private static String offset(ZoneOffset o) {
    int s = o.getTotalSeconds();
    int abs = Math.abs(s);
    return String.format(Locale.ROOT, "%s%02d%02d", s < 0 ? "-" : "+", abs / 3600, (abs / 60) % 60);
  }

  private static void line(ByteArrayOutputStream out, String contentLine) {
    out.writeBytes(IcsWriter.fold(contentLine, false));
  }
}
