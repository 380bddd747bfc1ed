package calendarbot.ics;

import static calendarbot.ics.IcsFixtures.NEW_YORK;
import static calendarbot.ics.IcsFixtures.at;
import static calendarbot.ics.IcsFixtures.starts;
import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.event.CalendarData;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RRULE parts against the worked examples of RFC 5545 3.8.5.3, all under the {@code en_US} default
 * locale (whose week starts on Sunday) to prove WKST never comes from the JVM.
 */
class ExpanderRecurrenceTest {
  private static final CalendarData FEED = IcsFixtures.parse("rrule-rfc5545.ics");
  private Locale saved;

  @BeforeEach
  void sundayFirstLocale() {
    saved = Locale.getDefault();
    Locale.setDefault(Locale.US);
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(saved);
  }

  private static List<LocalDateTime> nineAm(String... isoDates) {
    return Arrays.stream(isoDates).map(d -> LocalDate.parse(d).atTime(9, 0)).toList();
  }

  private static List<LocalDateTime> run(String uid, String from, String to) {
    return starts(FEED, uid, LocalDate.parse(from), LocalDate.parse(to), NEW_YORK);
  }

  @Test
  void daily_count10_tenDays() {
    assertThat(run("daily-count", "1997-01-01", "1998-01-01"))
        .containsExactlyElementsOf(
            nineAm(
                "1997-09-02",
                "1997-09-03",
                "1997-09-04",
                "1997-09-05",
                "1997-09-06",
                "1997-09-07",
                "1997-09-08",
                "1997-09-09",
                "1997-09-10",
                "1997-09-11"));
  }

  @Test
  void daily_interval2Forever_keepsParityDecadesLater() {
    // 1997-09-02 + 2n days: 2040-01-01 is day 15461 after it, odd, so the 2nd is first.
    assertThat(run("every-other-day", "2040-01-01", "2040-01-08"))
        .containsExactlyElementsOf(nineAm("2040-01-02", "2040-01-04", "2040-01-06"));
  }

  @Test
  void weekly_count10_tenWeeks() {
    assertThat(run("weekly-count", "1997-01-01", "1998-01-01"))
        .containsExactlyElementsOf(
            nineAm(
                "1997-09-02",
                "1997-09-09",
                "1997-09-16",
                "1997-09-23",
                "1997-09-30",
                "1997-10-07",
                "1997-10-14",
                "1997-10-21",
                "1997-10-28",
                "1997-11-04"));
  }

  @Test
  void weekly_bydayUntilUtc_stopsAtUntil() {
    assertThat(run("weekly-tu-th-until", "1997-01-01", "1998-01-01"))
        .containsExactlyElementsOf(
            nineAm(
                "1997-09-02",
                "1997-09-04",
                "1997-09-09",
                "1997-09-11",
                "1997-09-16",
                "1997-09-18",
                "1997-09-23",
                "1997-09-25",
                "1997-09-30",
                "1997-10-02"));
  }

  @Test
  void weekly_interval2BydayUntil_everyOtherWeek() {
    assertThat(run("biweekly-mo-we-fr", "1997-01-01", "1998-01-01"))
        .containsExactlyElementsOf(
            nineAm(
                "1997-09-01",
                "1997-09-03",
                "1997-09-05",
                "1997-09-15",
                "1997-09-17",
                "1997-09-19",
                "1997-09-29",
                "1997-10-01",
                "1997-10-03",
                "1997-10-13",
                "1997-10-15",
                "1997-10-17",
                "1997-10-27",
                "1997-10-29",
                "1997-10-31",
                "1997-11-10",
                "1997-11-12",
                "1997-11-14",
                "1997-11-24",
                "1997-11-26",
                "1997-11-28",
                "1997-12-08",
                "1997-12-10",
                "1997-12-12",
                "1997-12-22"));
  }

  @Test
  void monthly_bydayOrdinal_firstFriday() {
    assertThat(run("monthly-first-friday", "1997-01-01", "1999-01-01"))
        .containsExactlyElementsOf(
            nineAm(
                "1997-09-05",
                "1997-10-03",
                "1997-11-07",
                "1997-12-05",
                "1998-01-02",
                "1998-02-06",
                "1998-03-06",
                "1998-04-03",
                "1998-05-01",
                "1998-06-05"));
  }

  @Test
  void monthly_bydayNegativeOrdinal_secondToLastMonday() {
    assertThat(run("monthly-second-to-last-monday", "1997-01-01", "1999-01-01"))
        .containsExactlyElementsOf(
            nineAm(
                "1997-09-22",
                "1997-10-20",
                "1997-11-17",
                "1997-12-22",
                "1998-01-19",
                "1998-02-16"));
  }

  @Test
  void monthly_negativeBymonthday_thirdToLastDay() {
    assertThat(run("monthly-third-to-last-day", "1997-09-01", "1998-03-01"))
        .containsExactlyElementsOf(
            nineAm(
                "1997-09-28",
                "1997-10-29",
                "1997-11-28",
                "1997-12-29",
                "1998-01-29",
                "1998-02-26"));
  }

  @Test
  void monthly_negativeBymonthdayFarAhead_jumpsAndStaysCorrect() {
    assertThat(run("monthly-third-to-last-day", "2040-02-01", "2040-04-01"))
        .containsExactlyElementsOf(nineAm("2040-02-27", "2040-03-29"));
  }

  @Test
  void yearly_bymonth_juneAndJuly() {
    assertThat(run("yearly-june-july", "1997-01-01", "2003-01-01"))
        .containsExactlyElementsOf(
            nineAm(
                "1997-06-10",
                "1997-07-10",
                "1998-06-10",
                "1998-07-10",
                "1999-06-10",
                "1999-07-10",
                "2000-06-10",
                "2000-07-10",
                "2001-06-10",
                "2001-07-10"));
  }

  @Test
  void yearly_byyeardayInterval3_tenOccurrences() {
    assertThat(run("yearly-byyearday", "1997-01-01", "2008-01-01"))
        .containsExactlyElementsOf(
            nineAm(
                "1997-01-01",
                "1997-04-10",
                "1997-07-19",
                "2000-01-01",
                "2000-04-09",
                "2000-07-18",
                "2003-01-01",
                "2003-04-10",
                "2003-07-19",
                "2006-01-01"));
  }

  @Test
  void yearly_byweekno_mondayOfWeek20() {
    assertThat(run("yearly-weekno-20", "1997-01-01", "2000-01-01"))
        .containsExactlyElementsOf(nineAm("1997-05-12", "1998-05-11", "1999-05-17"));
  }

  @Test
  void monthly_bysetposMinus2_secondToLastWeekday() {
    assertThat(run("second-to-last-weekday", "1997-09-01", "1998-04-01"))
        .containsExactlyElementsOf(
            nineAm(
                "1997-09-29",
                "1997-10-30",
                "1997-11-27",
                "1997-12-30",
                "1998-01-29",
                "1998-02-26",
                "1998-03-30"));
  }

  @Test
  void dtstart_notGeneratedByRule_isStillAnInstance() {
    // RFC 5545 3.3.10: "The DTSTART property value always counts as the first occurrence", so
    // COUNT=2 is DTSTART (a Monday, not the month's last weekday) and the rule's first date only.
    assertThat(run("dtstart-off-rule", "1997-09-01", "1998-04-01"))
        .containsExactlyElementsOf(nineAm("1997-09-29", "1997-09-30"));
  }

  @Test
  void dtstartNotGeneratedByRule_windowAfterDtstart_countStillIncludesDtstart() {
    // COUNT rules iterate from DTSTART, so a window without DTSTART must still count it.
    assertThat(run("dtstart-off-rule", "1997-10-01", "1998-04-01")).isEmpty();
  }

  @Test
  void dtstartNotGeneratedByRule_rdateAndExdate_rdateExtraExdateAfterCounting() {
    // DTSTART 09-01 + rule 09-02, 09-09 = COUNT 3; EXDATE 09-02 removes one of those afterwards;
    // the RDATE is not counted.
    assertThat(run("count-off-rule-rdate-exdate", "1997-08-01", "1998-01-01"))
        .containsExactlyElementsOf(nineAm("1997-09-01", "1997-09-09", "1997-09-20"));
  }

  @Test
  void dtstartNotGeneratedByRule_count1_onlyDtstart() {
    assertThat(run("count1-off-rule", "1997-08-01", "1998-01-01"))
        .containsExactlyElementsOf(nineAm("1997-09-01"));
  }

  @Test
  void monthly_bysetpos3_thirdOfTueWedThu() {
    assertThat(run("third-tu-we-th", "1997-01-01", "1998-01-01"))
        .containsExactlyElementsOf(nineAm("1997-09-04", "1997-10-07", "1997-11-06"));
  }

  @Test
  void hourly_interval3Until_threeTimes() {
    assertThat(run("every-3-hours", "1997-09-01", "1997-09-04"))
        .containsExactly(at(1997, 9, 2, 9, 0), at(1997, 9, 2, 12, 0), at(1997, 9, 2, 15, 0));
  }

  @Test
  void minutely_interval20Byhour_24PerDay() {
    List<LocalDateTime> day = run("every-20-minutes", "1997-09-03", "1997-09-04");
    assertThat(day).hasSize(24);
    assertThat(day.get(0)).isEqualTo(at(1997, 9, 3, 9, 0));
    assertThat(day.get(23)).isEqualTo(at(1997, 9, 3, 16, 40));
  }

  @Test
  void weekly_wkstMonday_rfcResult() {
    assertThat(run("wkst-mo", "1997-08-01", "1997-10-01"))
        .containsExactlyElementsOf(nineAm("1997-08-05", "1997-08-10", "1997-08-19", "1997-08-24"));
  }

  @Test
  void weekly_wkstSunday_rfcResult() {
    assertThat(run("wkst-su", "1997-08-01", "1997-10-01"))
        .containsExactlyElementsOf(nineAm("1997-08-05", "1997-08-17", "1997-08-19", "1997-08-31"));
  }

  @Test
  void weekly_noWkstUnderUsLocale_monday() {
    assertThat(Locale.getDefault()).isEqualTo(Locale.US);
    assertThat(run("wkst-default", "1997-08-01", "1997-10-01"))
        .containsExactlyElementsOf(nineAm("1997-08-05", "1997-08-10", "1997-08-19", "1997-08-24"));
  }

  @Test
  void monthly_bydayAndBymonthday_fridayThe13thWithExdatedStart() {
    assertThat(run("friday-13th", "1997-01-01", "2001-01-01"))
        .containsExactlyElementsOf(
            nineAm("1998-02-13", "1998-03-13", "1998-11-13", "1999-08-13", "2000-10-13"));
  }

  @Test
  void yearly_interval4BymonthBydayBymonthday_electionDay() {
    assertThat(run("election-day", "1996-01-01", "2005-01-01"))
        .containsExactlyElementsOf(nineAm("1996-11-05", "2000-11-07", "2004-11-02"));
  }

  @Test
  void daily_count10_windowAfterFirstOccurrences_countsFromDtstart() {
    assertThat(run("daily-count", "1997-09-05", "1997-10-01"))
        .containsExactlyElementsOf(
            nineAm(
                "1997-09-05",
                "1997-09-06",
                "1997-09-07",
                "1997-09-08",
                "1997-09-09",
                "1997-09-10",
                "1997-09-11"));
  }
}
