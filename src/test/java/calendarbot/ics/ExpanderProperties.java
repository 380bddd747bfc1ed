package calendarbot.ics;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.ExpansionConfig;
import calendarbot.event.CalendarData;
import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of expansion over generated rules, zones and windows. */
class ExpanderProperties {
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final ZoneId DISPLAY = ZoneId.of("Europe/London");
  private static final Expander EXPANDER =
      new Expander(
          new ExpansionConfig(1_000_000, 10_000_000, Duration.ofDays(14), Duration.ofDays(90)));

  /** One generated recurring event and a window to expand it over. */
  record Case(
      int kind, // 0 Berlin, 1 New York, 2 UTC, 3 floating, 4 all-day
      LocalDateTime start,
      String freq,
      int interval,
      int count, // 0 = none
      int untilDays, // -1 = none
      String byPart,
      int windowOffsetDays,
      int windowDays,
      int widenBefore,
      int widenAfter) {

    boolean allDay() {
      return kind == 4;
    }

    String dtstart() {
      return switch (kind) {
        case 0 -> "DTSTART;TZID=Europe/Berlin:" + LOCAL.format(start);
        case 1 -> "DTSTART;TZID=America/New_York:" + LOCAL.format(start);
        case 2 -> "DTSTART:" + LOCAL.format(start) + "Z";
        case 3 -> "DTSTART:" + LOCAL.format(start);
        default -> "DTSTART;VALUE=DATE:" + DATE.format(start);
      };
    }

    /** UNTIL as an instant (or, for dates and floating times, a local value in DISPLAY). */
    Instant untilInstant() {
      LocalDateTime u = start.plusDays(untilDays);
      return switch (kind) {
        case 0 -> u.atZone(ZoneId.of("Europe/Berlin")).toInstant();
        case 1 -> u.atZone(ZoneId.of("America/New_York")).toInstant();
        case 2 -> u.toInstant(ZoneOffset.UTC);
        case 3 -> u.atZone(DISPLAY).toInstant();
        default -> u.toLocalDate().plusDays(1).atStartOfDay(DISPLAY).toInstant();
      };
    }

    String rrule() {
      StringBuilder r = new StringBuilder("FREQ=").append(freq);
      if (interval > 1) {
        r.append(";INTERVAL=").append(interval);
      }
      if (count > 0) {
        r.append(";COUNT=").append(count);
      }
      if (untilDays >= 0) {
        LocalDateTime u = start.plusDays(untilDays);
        r.append(";UNTIL=");
        if (allDay()) {
          r.append(DATE.format(u));
        } else if (kind == 3) {
          r.append(LOCAL.format(u));
        } else {
          r.append(LOCAL.format(LocalDateTime.ofInstant(untilInstant(), ZoneOffset.UTC)))
              .append('Z');
        }
      }
      return r.append(byPart).toString();
    }

    String ics() {
      return String.join(
          "\r\n",
          "BEGIN:VCALENDAR",
          "VERSION:2.0",
          "BEGIN:VEVENT",
          "UID:prop@example.com",
          dtstart(),
          allDay() ? "DURATION:P1D" : "DURATION:PT45M",
          "RRULE:" + rrule(),
          "SUMMARY:Generated",
          "END:VEVENT",
          "END:VCALENDAR",
          "");
    }

    TimeWindow window() {
      Instant from = start.plusDays(windowOffsetDays).atZone(DISPLAY).toInstant();
      return new TimeWindow(from, from.plus(Duration.ofDays(windowDays)));
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<LocalDateTime> starts =
        Arbitraries.integers()
            .between(0, 4000)
            .flatMap(
                d ->
                    Arbitraries.integers()
                        .between(0, 47)
                        .map(
                            half ->
                                LocalDate.of(2020, 1, 1)
                                    .plusDays(d)
                                    .atTime(half / 2, (half % 2) * 30)));
    Arbitrary<String> freqs =
        Arbitraries.frequency(
            net.jqwik.api.Tuple.of(3, "DAILY"),
            net.jqwik.api.Tuple.of(4, "WEEKLY"),
            net.jqwik.api.Tuple.of(3, "MONTHLY"),
            net.jqwik.api.Tuple.of(2, "YEARLY"),
            net.jqwik.api.Tuple.of(1, "HOURLY"));
    Arbitrary<String> byParts =
        Arbitraries.of(
            "",
            "",
            ";BYDAY=MO,WE,FR",
            ";BYDAY=TU;WKST=SU",
            ";BYMONTHDAY=-1",
            ";BYMONTHDAY=15",
            ";BYDAY=-1FR",
            ";BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            ";BYMONTH=3,10");
    return Builders.withBuilder(() -> new Object[11])
        .use(Arbitraries.integers().between(0, 4))
        .in((a, v) -> set(a, 0, v))
        .use(starts)
        .in((a, v) -> set(a, 1, v))
        .use(freqs)
        .in((a, v) -> set(a, 2, v))
        .use(Arbitraries.integers().between(1, 3))
        .in((a, v) -> set(a, 3, v))
        .use(Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 40)))
        .in((a, v) -> set(a, 4, v))
        .use(Arbitraries.oneOf(Arbitraries.just(-1), Arbitraries.integers().between(0, 900)))
        .in((a, v) -> set(a, 5, v))
        .use(byParts)
        .in((a, v) -> set(a, 6, v))
        .use(Arbitraries.integers().between(-60, 1500))
        .in((a, v) -> set(a, 7, v))
        .use(Arbitraries.integers().between(1, 104))
        .in((a, v) -> set(a, 8, v))
        .use(Arbitraries.integers().between(0, 900))
        .in((a, v) -> set(a, 9, v))
        .use(Arbitraries.integers().between(0, 60))
        .in((a, v) -> set(a, 10, v))
        .build(
            a -> {
              String freq = (String) a[2];
              int kind = (Integer) a[0];
              // HOURLY on dates is meaningless, and keep HOURLY windows near DTSTART.
              if (freq.equals("HOURLY") && kind == 4) {
                freq = "DAILY";
              }
              int count = (Integer) a[4];
              int until = count > 0 ? -1 : (Integer) a[5];
              int offset = (Integer) a[7];
              int widen = (Integer) a[9];
              if (freq.equals("HOURLY")) {
                offset = Math.min(offset, 200);
                widen = Math.min(widen, 60);
              }
              return new Case(
                  kind,
                  (LocalDateTime) a[1],
                  freq,
                  (Integer) a[3],
                  count,
                  until,
                  (String) a[6],
                  offset,
                  (Integer) a[8],
                  widen,
                  (Integer) a[10]);
            });
  }

  private static Object[] set(Object[] a, int i, Object v) {
    a[i] = v;
    return a;
  }

  private static List<Instance> expand(Case c, TimeWindow window) {
    CalendarData data = IcsFixtures.parseText(c.ics());
    assertThat(data.warnings()).as(c.ics()).isEmpty();
    return EXPANDER.expand("prop", data.series(), data.zones(), window, DISPLAY);
  }

  @Property(tries = 300)
  void expansion_sortedInsideWindowUniqueAndStable(@ForAll("cases") Case c) {
    TimeWindow window = c.window();
    List<Instance> first = expand(c, window);
    assertThat(first).isSortedAccordingTo(Instance::byStart);
    assertThat(first).allSatisfy(i -> assertThat(window.overlaps(i.start(), i.end())).isTrue());
    assertThat(first).extracting(Instance::id).doesNotHaveDuplicates();
    assertThat(expand(c, window)).isEqualTo(first); // a second parse gives the same ids
  }

  @Property(tries = 300)
  void expansion_narrowWindow_equalsWideWindowFiltered(@ForAll("cases") Case c) {
    TimeWindow window = c.window();
    TimeWindow wide =
        new TimeWindow(
            window.start().minus(Duration.ofDays(c.widenBefore())),
            window.end().plus(Duration.ofDays(c.widenAfter())));
    List<Instance> narrow = expand(c, window);
    List<Instance> filtered =
        expand(c, wide).stream().filter(i -> window.overlaps(i.start(), i.end())).toList();
    assertThat(narrow).as(c.ics()).isEqualTo(filtered);
  }

  @Property(tries = 300)
  void expansion_countNeverExceeded_nothingAfterUntil(@ForAll("cases") Case c) {
    TimeWindow everything =
        new TimeWindow(
            c.start().minusDays(2).toInstant(ZoneOffset.UTC),
            c.count() > 0
                ? c.start().plusYears(160).toInstant(ZoneOffset.UTC)
                : c.start().plusDays(Math.max(c.untilDays(), 0) + 400).toInstant(ZoneOffset.UTC));
    if (c.count() == 0 && c.untilDays() < 0) {
      return; // unbounded rules are covered by the window properties
    }
    List<Instance> all = expand(c, everything);
    if (c.count() > 0) {
      // DTSTART is an instance even when the rule does not generate it, and it is one of the
      // COUNT occurrences (RFC 5545 3.3.10).
      assertThat(all).as(c.ics()).hasSizeLessThanOrEqualTo(c.count());
    } else {
      Instant until = c.untilInstant();
      Instant first = c.allDay() ? null : all.isEmpty() ? null : all.get(0).start();
      assertThat(all)
          .as(c.ics())
          .allSatisfy(
              i ->
                  assertThat(i.start().equals(first) || !i.start().isAfter(until))
                      .as("%s after UNTIL %s", i.start(), until)
                      .isTrue());
    }
  }
}
