package calendarbot.ics;

import static calendarbot.ics.IcsFixtures.BERLIN;
import static calendarbot.ics.IcsFixtures.at;
import static calendarbot.ics.IcsFixtures.expand;
import static calendarbot.ics.IcsFixtures.localStarts;
import static calendarbot.ics.IcsFixtures.starts;
import static calendarbot.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import calendarbot.config.ExpansionConfig;
import calendarbot.error.TooManyInstancesException;
import calendarbot.event.CalendarData;
import calendarbot.event.EventLength;
import calendarbot.event.EventTime;
import calendarbot.event.Instance;
import calendarbot.event.InstanceId;
import calendarbot.event.Series;
import calendarbot.event.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ExpanderTest {
  private static final LocalDate MAR_1 = LocalDate.of(2026, 3, 1);
  private static final LocalDate APR_1 = LocalDate.of(2026, 4, 1);

  // ---- EXDATE / RDATE

  @Test
  void exdate_utcAgainstZonedStartAndZonedList_removesThree() {
    CalendarData feed = IcsFixtures.parse("exdate-rdate.ics");
    assertThat(starts(feed, "exdate-utc", MAR_1, APR_1, BERLIN))
        .containsExactly(at(2026, 3, 2, 9, 0), at(2026, 3, 6, 9, 0));
  }

  @Test
  void exdate_dateOnAllDaySeries_removesThatDay() {
    CalendarData feed = IcsFixtures.parse("exdate-rdate.ics");
    assertThat(starts(feed, "exdate-date", MAR_1, APR_1, BERLIN))
        .containsExactly(at(2026, 3, 2, 0, 0), at(2026, 3, 4, 0, 0), at(2026, 3, 5, 0, 0));
  }

  @Test
  void exdate_dateOnTimedSeries_removesThatLocalDate() {
    CalendarData feed = IcsFixtures.parse("exdate-rdate.ics");
    assertThat(starts(feed, "exdate-date-on-timed", MAR_1, APR_1, BERLIN))
        .containsExactly(at(2026, 3, 2, 14, 0), at(2026, 3, 4, 14, 0));
  }

  @Test
  void rdate_dateTimeUtcAndPeriod_addInstancesWithSeriesDuration() {
    CalendarData feed = IcsFixtures.parse("exdate-rdate.ics");
    List<Instance> got = expand(feed, "rdate-mixed", MAR_1, APR_1, BERLIN);
    assertThat(localStarts(got, BERLIN))
        .containsExactly(
            at(2026, 3, 2, 10, 0),
            at(2026, 3, 10, 10, 0),
            at(2026, 3, 11, 15, 0),
            at(2026, 3, 12, 13, 0),
            at(2026, 3, 13, 13, 0));
    assertThat(got)
        .allSatisfy(
            i -> assertThat(Duration.between(i.start(), i.end())).isEqualTo(Duration.ofHours(1)));
    assertThat(got).allSatisfy(i -> assertThat(i.recurrenceId()).isNotNull());
  }

  @Test
  void rdate_dates_addAllDayInstances() {
    CalendarData feed = IcsFixtures.parse("exdate-rdate.ics");
    assertThat(starts(feed, "rdate-date", MAR_1, APR_1, BERLIN))
        .containsExactly(at(2026, 3, 2, 0, 0), at(2026, 3, 5, 0, 0), at(2026, 3, 6, 0, 0));
  }

  // ---- overrides

  @Test
  void override_movedRetitledCancelled_appliedInMarch() {
    CalendarData feed = IcsFixtures.parse("overrides.ics");
    List<Instance> got = expand(feed, "weekly@example.com", MAR_1, APR_1, BERLIN);
    assertThat(got)
        .extracting(i -> i.details().summary())
        .containsExactly(
            "Team sync",
            "Team sync (April one pulled forward into March)",
            "Team sync (moved to 11:00)",
            "Extra sync on a Wednesday the rule never generates",
            "Team sync - quarterly review");
    assertThat(localStarts(got, BERLIN))
        .containsExactly(
            at(2026, 3, 2, 9, 0),
            at(2026, 3, 5, 15, 0),
            at(2026, 3, 9, 11, 0),
            at(2026, 3, 11, 13, 0),
            at(2026, 3, 23, 9, 0));
  }

  @Test
  void override_movedIn_keepsIdOfOriginalOccurrence() {
    CalendarData feed = IcsFixtures.parse("overrides.ics");
    List<Instance> got =
        expand(feed, "weekly@example.com", MAR_1, LocalDate.of(2026, 3, 8), BERLIN);
    String originalKey =
        new EventTime.Zoned(at(2026, 4, 13, 9, 0), "Europe/Berlin").key(feed.zones());
    Instance movedIn = got.get(1);
    assertThat(movedIn.recurrenceId()).isEqualTo(originalKey).isEqualTo("2026-04-13T07:00:00Z");
    assertThat(movedIn.id()).isEqualTo(InstanceId.of("test", "weekly@example.com", originalKey));
  }

  @Test
  void override_movedOut_absentFromOriginalWeek() {
    CalendarData feed = IcsFixtures.parse("overrides.ics");
    assertThat(
            starts(
                feed,
                "weekly@example.com",
                LocalDate.of(2026, 3, 28),
                LocalDate.of(2026, 4, 2),
                BERLIN))
        .isEmpty();
    assertThat(
            starts(
                feed,
                "weekly@example.com",
                LocalDate.of(2026, 6, 1),
                LocalDate.of(2026, 6, 2),
                BERLIN))
        .containsExactly(at(2026, 6, 1, 9, 0));
  }

  @Test
  void override_thisAndFuture_replacesOnlyThatInstance() {
    CalendarData feed = IcsFixtures.parse("overrides.ics");
    assertThat(
            starts(
                feed,
                "weekly@example.com",
                LocalDate.of(2026, 4, 5),
                LocalDate.of(2026, 4, 22),
                BERLIN))
        .containsExactly(at(2026, 4, 6, 10, 0), at(2026, 4, 20, 9, 0));
  }

  @Test
  void master_cancelled_producesNothing() {
    CalendarData feed = IcsFixtures.parse("overrides.ics");
    assertThat(expand(feed, "cancelled-series@example.com", MAR_1, APR_1, BERLIN)).isEmpty();
  }

  @Test
  void overridesOnly_noMaster_yieldsTheOverride() {
    CalendarData feed = IcsFixtures.parse("overrides.ics");
    List<Instance> got = expand(feed, "invite-only@example.com", MAR_1, APR_1, BERLIN);
    assertThat(localStarts(got, BERLIN)).containsExactly(at(2026, 3, 4, 16, 30));
    assertThat(got.get(0).recurrenceId()).isEqualTo("2026-03-04T15:00:00Z");
  }

  // ---- DST

  @Test
  void weekly0900_acrossSpringForward_staysAtNineLocal() {
    CalendarData feed = IcsFixtures.parse("dst.ics");
    List<Instance> got = expand(feed, "weekly-0900", MAR_1, LocalDate.of(2026, 4, 10), BERLIN);
    assertThat(localStarts(got, BERLIN))
        .containsExactly(
            at(2026, 3, 16, 9, 0),
            at(2026, 3, 23, 9, 0),
            at(2026, 3, 30, 9, 0),
            at(2026, 4, 6, 9, 0));
    assertThat(got.get(1).start()).isEqualTo(Instant.parse("2026-03-23T08:00:00Z"));
    assertThat(got.get(2).start()).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
  }

  @Test
  void daily0230_onSpringForwardDay_landsAt0330() {
    CalendarData feed = IcsFixtures.parse("dst.ics");
    List<Instance> got = expand(feed, "daily-0230", MAR_1, APR_1, BERLIN);
    assertThat(localStarts(got, BERLIN))
        .containsExactly(
            at(2026, 3, 27, 2, 30),
            at(2026, 3, 28, 2, 30),
            at(2026, 3, 29, 3, 30),
            at(2026, 3, 30, 2, 30));
    assertThat(got.get(2).start()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void daily0230_onFallBackDay_takesFirstOccurrence() {
    CalendarData feed = IcsFixtures.parse("dst.ics");
    List<Instance> got =
        expand(
            feed,
            "daily-0230-fall",
            LocalDate.of(2026, 10, 20),
            LocalDate.of(2026, 10, 30),
            BERLIN);
    assertThat(got.get(1).start()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
  }

  // ---- all-day and durations

  @Test
  void allDay_noDtend_oneDayFromLocalMidnight() {
    CalendarData feed = IcsFixtures.parse("all-day.ics");
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    Instance i =
        expand(feed, "one-day-no-dtend", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 8, 1), tokyo)
            .get(0);
    assertThat(i.allDay()).isTrue();
    assertThat(i.start()).isEqualTo(Instant.parse("2026-07-09T15:00:00Z"));
    assertThat(i.end()).isEqualTo(Instant.parse("2026-07-10T15:00:00Z"));
    assertThat(i.recurrenceId()).isNull();
    assertThat(i.id()).isEqualTo(InstanceId.of("test", "one-day-no-dtend", ""));
  }

  @Test
  void allDay_multiDayAndWeekDuration_endAtMidnightAfterLastDay() {
    CalendarData feed = IcsFixtures.parse("all-day.ics");
    Instance three =
        expand(feed, "three-days", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 8, 1), BERLIN)
            .get(0);
    assertThat(three.end()).isEqualTo(LocalDate.of(2026, 7, 13).atStartOfDay(BERLIN).toInstant());
    Instance week =
        expand(feed, "week-duration", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 8, 1), BERLIN)
            .get(0);
    assertThat(week.end()).isEqualTo(LocalDate.of(2026, 7, 17).atStartOfDay(BERLIN).toInstant());
  }

  @Test
  void allDay_multiDayStartedBeforeWindow_overlapsWindow() {
    CalendarData feed = IcsFixtures.parse("all-day.ics");
    assertThat(
            expand(
                feed, "three-days", LocalDate.of(2026, 7, 12), LocalDate.of(2026, 7, 13), BERLIN))
        .hasSize(1);
    assertThat(
            expand(
                feed, "three-days", LocalDate.of(2026, 7, 13), LocalDate.of(2026, 7, 14), BERLIN))
        .isEmpty();
  }

  @Test
  void timed_noEndAndDuration_zeroLengthAndNinetyMinutes() {
    CalendarData feed = IcsFixtures.parse("all-day.ics");
    Instance zero =
        expand(feed, "timed-no-end", LocalDate.of(2026, 7, 10), LocalDate.of(2026, 7, 11), BERLIN)
            .get(0);
    assertThat(zero.end()).isEqualTo(zero.start());
    Instance ninety =
        expand(feed, "timed-duration", LocalDate.of(2026, 7, 10), LocalDate.of(2026, 7, 11), BERLIN)
            .get(0);
    assertThat(Duration.between(ninety.start(), ninety.end())).isEqualTo(Duration.ofMinutes(90));
  }

  // ---- DURATION: days and weeks nominal, hours to seconds exact (RFC 5545 3.3.6)

  private static final CalendarData DURATIONS = IcsFixtures.parse("durations.ics");

  /** (local start, local end) in Berlin of each instance of {@code uid} in March-October 2026. */
  private static List<List<LocalDateTime>> spans(String uid, ZoneId zone) {
    return expand(DURATIONS, uid, MAR_1, LocalDate.of(2026, 11, 1), zone).stream()
        .map(
            i ->
                List.of(
                    LocalDateTime.ofInstant(i.start(), zone),
                    LocalDateTime.ofInstant(i.end(), zone)))
        .toList();
  }

  @Test
  void durationP1D_acrossSpringForward_endsSameLocalTimeNextDay() {
    List<Instance> got = expand(DURATIONS, "p1d-spring", MAR_1, APR_1, BERLIN);
    assertThat(spans("p1d-spring", BERLIN))
        .containsExactly(List.of(at(2026, 3, 28, 12, 0), at(2026, 3, 29, 12, 0)));
    assertThat(Duration.between(got.get(0).start(), got.get(0).end()))
        .isEqualTo(Duration.ofHours(23));
  }

  @Test
  void durationP1D_dailySeriesAcrossSpringForward_eachEndsNextDayAtNoon() {
    assertThat(spans("p1d-daily", BERLIN))
        .containsExactly(
            List.of(at(2026, 3, 27, 12, 0), at(2026, 3, 28, 12, 0)),
            List.of(at(2026, 3, 28, 12, 0), at(2026, 3, 29, 12, 0)),
            List.of(at(2026, 3, 29, 12, 0), at(2026, 3, 30, 12, 0)));
  }

  @Test
  void dtend_dailySeriesAcrossSpringForward_sameExactLengthEveryInstance() {
    // RFC 5545 3.8.5.3: a length given by DTEND is exact for all instances.
    assertThat(spans("dtend-daily", BERLIN))
        .containsExactly(
            List.of(at(2026, 3, 27, 12, 0), at(2026, 3, 28, 12, 0)),
            List.of(at(2026, 3, 28, 12, 0), at(2026, 3, 29, 13, 0)),
            List.of(at(2026, 3, 29, 12, 0), at(2026, 3, 30, 12, 0)));
  }

  @Test
  void durationP1DT2H_acrossFallBack_daysNominalThenHoursExact() {
    assertThat(spans("p1dt2h-fall", BERLIN))
        .containsExactly(List.of(at(2026, 10, 24, 12, 0), at(2026, 10, 25, 14, 0)));
  }

  @Test
  void durationPT24H_acrossSpringForward_staysExact() {
    assertThat(spans("pt24h-spring", BERLIN))
        .containsExactly(List.of(at(2026, 3, 28, 12, 0), at(2026, 3, 29, 13, 0)));
  }

  @Test
  void durationP1W_floatingInDisplayZone_endsSameLocalTimeAWeekLater() {
    assertThat(spans("p1w-floating", BERLIN))
        .containsExactly(List.of(at(2026, 3, 25, 12, 0), at(2026, 4, 1, 12, 0)));
  }

  @Test
  void durationP1D_utcStart_24Hours() {
    List<Instance> got = expand(DURATIONS, "p1d-utc", MAR_1, APR_1, BERLIN);
    assertThat(Duration.between(got.get(0).start(), got.get(0).end()))
        .isEqualTo(Duration.ofHours(24));
  }

  @Test
  void durationP1D_overrideInheritingMasterLength_nominalFromItsOwnStart() {
    assertThat(spans("p1d-override", BERLIN))
        .containsExactly(
            List.of(at(2026, 3, 20, 12, 0), at(2026, 3, 21, 12, 0)),
            List.of(at(2026, 3, 28, 12, 0), at(2026, 3, 29, 12, 0)));
  }

  @Test
  void durationP1D_seriesLengthThroughDurationText_staysNominal() {
    // The store keeps Series.duration as Duration#toString(); the nominal days must survive it.
    Series s = IcsFixtures.series(DURATIONS, "p1d-spring");
    Series reloaded =
        new Series(
            s.uid(),
            s.start(),
            EventLength.parse(s.length().toString()),
            s.rrule(),
            s.rdates(),
            s.exdates(),
            s.details(),
            s.overrides());
    List<Instance> got =
        IcsFixtures.expander()
            .expand(
                "test", List.of(reloaded), DURATIONS.zones(), window(MAR_1, APR_1, BERLIN), BERLIN);
    assertThat(Duration.between(got.get(0).start(), got.get(0).end()))
        .isEqualTo(Duration.ofHours(23));
  }

  @Test
  void allDay_monthlyLastDay_negativeBymonthday() {
    CalendarData feed = IcsFixtures.parse("all-day.ics");
    assertThat(
            starts(
                feed,
                "monthly-last-day",
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2027, 1, 1),
                BERLIN))
        .containsExactly(
            at(2026, 1, 31, 0, 0),
            at(2026, 2, 28, 0, 0),
            at(2026, 3, 31, 0, 0),
            at(2026, 4, 30, 0, 0));
  }

  // ---- bounds

  @Test
  void secondly_fourteenDayWindow_skipsTheRuleAndKeepsTheRestOfTheFeed() {
    CalendarData feed = IcsFixtures.parse("bounds.ics");
    TimeWindow twoWeeks = window(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 15), BERLIN);

    // A hang guard, not a performance measurement: the iteration cap must stop the rule.
    List<Instance> got =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                IcsFixtures.expander()
                    .expand("src", feed.series(), feed.zones(), twoWeeks, BERLIN));

    assertThat(got).noneMatch(i -> i.uid().equals("secondly"));
    assertThat(got).filteredOn(i -> i.uid().equals("old-daily")).hasSize(14);
  }

  @Test
  void secondly_tenMinuteWindow_expands() {
    CalendarData feed = IcsFixtures.parse("bounds.ics");
    Instant from = Instant.parse("2026-03-01T10:00:00Z");
    List<Instance> got =
        IcsFixtures.expander()
            .expand(
                "test",
                List.of(IcsFixtures.series(feed, "secondly")),
                feed.zones(),
                new TimeWindow(from, from.plus(10, ChronoUnit.MINUTES)),
                BERLIN);
    assertThat(got).hasSize(600);
  }

  @Test
  void neverMatchingRule_returnsPromptlyAndEmpty() {
    CalendarData feed = IcsFixtures.parse("bounds.ics");
    // DTSTART itself (1 January) is an instance; the rule adds nothing after it. A hang guard,
    // not a measurement: the iteration cap must end the search.
    List<Instance> got =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                expand(feed, "never", LocalDate.of(2026, 1, 2), LocalDate.of(2041, 1, 1), BERLIN));
    assertThat(got).isEmpty();
  }

  @Test
  void oldDailyAndHourly_windowIn2040_jumpAhead() {
    CalendarData feed = IcsFixtures.parse("bounds.ics");
    Expander tight =
        new Expander(new ExpansionConfig(20_000, 1_000, Duration.ofDays(14), Duration.ofDays(90)));
    TimeWindow w = window(LocalDate.of(2040, 6, 1), LocalDate.of(2040, 6, 15), BERLIN);
    assertThat(
            tight.expand(
                "test", List.of(IcsFixtures.series(feed, "old-daily")), feed.zones(), w, BERLIN))
        .hasSize(14);
    List<Instance> hourly =
        tight.expand(
            "test", List.of(IcsFixtures.series(feed, "old-hourly")), feed.zones(), w, BERLIN);
    assertThat(hourly).hasSize(14 * 4);
    assertThat(hourly)
        .allSatisfy(i -> assertThat(i.start().atZone(ZoneId.of("UTC")).getHour() % 6).isZero());
  }

  @Test
  void instanceCap_exceeded_throwsWithCountCapAndAdvice() {
    CalendarData feed = IcsFixtures.parse("bounds.ics");
    Expander small =
        new Expander(new ExpansionConfig(10, 200_000, Duration.ofDays(14), Duration.ofDays(90)));
    assertThatThrownBy(
            () ->
                small.expand(
                    "work",
                    List.of(IcsFixtures.series(feed, "old-daily")),
                    feed.zones(),
                    window(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), BERLIN),
                    BERLIN))
        .isInstanceOf(TooManyInstancesException.class)
        .hasMessage(
            "source 'work' has 31 instances in 2026-02-28T23:00:00Z .. 2026-03-31T22:00:00Z, more"
                + " than the cap of 10 (expansion.max_instances_per_query); ask for a narrower"
                + " window")
        .extracting(e -> ((TooManyInstancesException) e).limit())
        .isEqualTo(10);
  }

  // ---- whole feed

  @Test
  void expand_wholeFeed_sortedAndIdsUnique() {
    CalendarData feed = IcsFixtures.parse("overrides.ics");
    List<Instance> got =
        IcsFixtures.expander()
            .expand(
                "test",
                feed.series(),
                feed.zones(),
                window(MAR_1, LocalDate.of(2026, 7, 1), BERLIN),
                BERLIN);
    assertThat(got).isSortedAccordingTo(Instance::byStart);
    assertThat(got).extracting(Instance::id).doesNotHaveDuplicates();
    // March 2, 4 (invite-only), 5, 9, 11, 23; April 6 and 20; June 1 (moved out of March 30).
    assertThat(got).hasSize(9);
  }

  @Test
  void floating_displayZoneDecides() {
    CalendarData feed = IcsFixtures.parse("timezones.ics");
    Instance tokyo =
        expand(
                feed,
                "floating",
                LocalDate.of(2026, 7, 9),
                LocalDate.of(2026, 7, 12),
                ZoneId.of("Asia/Tokyo"))
            .get(0);
    assertThat(tokyo.start()).isEqualTo(Instant.parse("2026-07-10T00:00:00Z"));
    assertThat(tokyo.recurrenceId()).isNull();
    assertThat(tokyo.start().toEpochMilli())
        .isCloseTo(Instant.parse("2026-07-10T00:00:00Z").toEpochMilli(), within(0L));
  }

  @Test
  void hourlyRuleOnDateStart_notIterable_keepsDtstartOnly() {
    CalendarData feed =
        IcsFixtures.parseText(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:odd\nDTSTART;VALUE=DATE:20260302\n"
                + "RRULE:FREQ=HOURLY;COUNT=3\nEND:VEVENT\nEND:VCALENDAR\n");
    assertThat(expand(feed, "odd", MAR_1, APR_1, BERLIN)).hasSize(1);
  }

  /**
   * Regression (found by ExpanderProperties): ical4j gives up after 1,000 periods that produce no
   * candidate, so an HOURLY rule limited to March and October lost every October instance when the
   * window started in spring; a window starting near October found them. Our own step limit
   * (expansion.max_iterations_per_rule) bounds the iteration instead (src/main/resources/
   * ical4j.properties).
   */
  @Test
  void hourlyRuleInTwoMonths_windowFromSpring_stillFindsOctober() {
    CalendarData feed =
        IcsFixtures.parseText(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:sparse\n"
                + "DTSTART;TZID=Europe/Berlin:20200214T000000\nDURATION:PT45M\n"
                + "RRULE:FREQ=HOURLY;BYMONTH=3,10\nEND:VEVENT\nEND:VCALENDAR\n");
    List<Instance> got =
        expand(feed, "sparse", LocalDate.of(2020, 4, 1), LocalDate.of(2020, 10, 2), BERLIN);
    assertThat(localStarts(got, BERLIN))
        .containsExactly(
            LocalDateTime.of(2020, 10, 1, 0, 0),
            LocalDateTime.of(2020, 10, 1, 1, 0),
            LocalDateTime.of(2020, 10, 1, 2, 0),
            LocalDateTime.of(2020, 10, 1, 3, 0),
            LocalDateTime.of(2020, 10, 1, 4, 0),
            LocalDateTime.of(2020, 10, 1, 5, 0),
            LocalDateTime.of(2020, 10, 1, 6, 0),
            LocalDateTime.of(2020, 10, 1, 7, 0),
            LocalDateTime.of(2020, 10, 1, 8, 0),
            LocalDateTime.of(2020, 10, 1, 9, 0),
            LocalDateTime.of(2020, 10, 1, 10, 0),
            LocalDateTime.of(2020, 10, 1, 11, 0),
            LocalDateTime.of(2020, 10, 1, 12, 0),
            LocalDateTime.of(2020, 10, 1, 13, 0),
            LocalDateTime.of(2020, 10, 1, 14, 0),
            LocalDateTime.of(2020, 10, 1, 15, 0),
            LocalDateTime.of(2020, 10, 1, 16, 0),
            LocalDateTime.of(2020, 10, 1, 17, 0),
            LocalDateTime.of(2020, 10, 1, 18, 0),
            LocalDateTime.of(2020, 10, 1, 19, 0),
            LocalDateTime.of(2020, 10, 1, 20, 0),
            LocalDateTime.of(2020, 10, 1, 21, 0),
            LocalDateTime.of(2020, 10, 1, 22, 0),
            LocalDateTime.of(2020, 10, 1, 23, 0));
  }

  @Test
  void expand_concurrentCallsSharingCachedRules_sameAnswers() throws Exception {
    CalendarData feed = IcsFixtures.parse("rrule-rfc5545.ics");
    Expander shared = IcsFixtures.expander();
    TimeWindow w = window(LocalDate.of(1997, 1, 1), LocalDate.of(1998, 1, 1), IcsFixtures.NEW_YORK);
    List<Instance> expected = shared.expand("test", feed.series(), feed.zones(), w, BERLIN);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Instance>>> runs = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        runs.add(pool.submit(() -> shared.expand("test", feed.series(), feed.zones(), w, BERLIN)));
      }
      for (var run : runs) {
        assertThat(run.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
