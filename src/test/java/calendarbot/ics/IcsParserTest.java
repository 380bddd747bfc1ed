package calendarbot.ics;

import static calendarbot.ics.IcsFixtures.BERLIN;
import static calendarbot.ics.IcsFixtures.parse;
import static calendarbot.ics.IcsFixtures.parseText;
import static calendarbot.ics.IcsFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.error.MalformedFeedException;
import calendarbot.event.Attendee;
import calendarbot.event.CalendarData;
import calendarbot.event.EventDetails;
import calendarbot.event.EventLength;
import calendarbot.event.EventTime;
import calendarbot.event.Series;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class IcsParserTest {

  // ---- text, folding, line endings

  @Test
  void foldSplittingUtf8Characters_bomAndCrlf_summaryIntact() {
    CalendarData feed = parse("folded-utf8.ics");
    Series s = series(feed, "fold-split");
    assertThat(s.details().summary())
        .isEqualTo("Caf\u00e9 r\u00e9union \uD83D\uDE00 \u4f1a\u8b70 \u00e9t\u00e9");
    assertThat(s.details().description())
        .isEqualTo(
            "A long description that is folded at seventy-five octets as the RFC asks, with an"
                + " escaped comma and a line\nbreak.");
    assertThat(feed.warnings()).isEmpty();
  }

  @Test
  void textEscapes_allFive_unescaped() {
    EventDetails d = series(parse("details.ics"), "details@example.com").details();
    assertThat(d.summary()).isEqualTo("Budget review; Q3, final \\ draft");
    assertThat(d.location()).isEqualTo("Room 4.01, Building B");
    assertThat(d.description()).isEqualTo("Agenda:\n1. Numbers\n2. Questions");
  }

  @Test
  void lfOnlyLineEndings_parseLikeCrlf() {
    String crlf =
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260710T090000Z\r\nSUMMARY:Hel\r\n"
            + " lo\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    CalendarData withCrlf = parseText(crlf);
    CalendarData withLf = parseText(crlf.replace("\r\n", "\n"));
    assertThat(series(withLf, "a").details().summary()).isEqualTo("Hello");
    assertThat(withLf.series()).isEqualTo(withCrlf.series());
  }

  // ---- properties kept

  @Test
  void details_allKeptProperties_mapped() {
    CalendarData feed = parse("details.ics");
    EventDetails d = series(feed, "details@example.com").details();
    assertThat(feed.name()).isEqualTo("Work, mostly");
    assertThat(d.url()).isEqualTo("https://meet.example.com/abc?x=1;y=2");
    assertThat(d.status()).isEqualTo("TENTATIVE");
    assertThat(d.transparency()).isEqualTo("TRANSPARENT");
    assertThat(d.classification()).isEqualTo("PRIVATE");
    assertThat(d.organizer()).isEqualTo("Ana.Boss@Example.com");
    assertThat(d.attendees())
        .containsExactly(
            new Attendee("sam@example.com", "Lee, Sam", "ACCEPTED"),
            new Attendee("kim@example.com", null, "DECLINED"),
            new Attendee("someone@example.com", null, null));
  }

  @Test
  void valarmDescription_doesNotLeakIntoEvent() {
    EventDetails d = series(parse("details.ics"), "details@example.com").details();
    assertThat(d.description()).doesNotContain("alarm");
  }

  @Test
  void absentProperties_defaults() {
    CalendarData feed =
        parseText(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20260710T090000Z\nEND:VEVENT\n"
                + "END:VCALENDAR\n");
    EventDetails d = series(feed, "x").details();
    assertThat(d.summary()).isNull();
    assertThat(d.status()).isEqualTo("CONFIRMED");
    assertThat(d.transparency()).isEqualTo("OPAQUE");
    assertThat(d.classification()).isEqualTo("PUBLIC");
    assertThat(d.attendees()).isEmpty();
  }

  // ---- structure

  @Test
  void severalCalendars_todoJournalUnknownIgnored_eventsFromBoth() {
    CalendarData feed = parse("multi-calendar.ics");
    assertThat(feed.series())
        .extracting(Series::uid)
        .containsExactly("first-calendar-event", "second-calendar-event");
    // X-WR-TIMEZONE belongs to its own VCALENDAR only.
    assertThat(series(feed, "first-calendar-event").start())
        .isEqualTo(new EventTime.Zoned(LocalDateTime.of(2026, 7, 10, 9, 0), "Europe/Berlin"));
    assertThat(series(feed, "second-calendar-event").start())
        .isEqualTo(new EventTime.Floating(LocalDateTime.of(2026, 7, 11, 9, 0)));
    assertThat(feed.componentCount()).isEqualTo(2);
  }

  @Test
  void groupByUid_masterAndOverrides_oneSeries() {
    CalendarData feed = parse("overrides.ics");
    assertThat(feed.series())
        .extracting(Series::uid)
        .containsExactly(
            "weekly@example.com", "cancelled-series@example.com", "invite-only@example.com");
    Series weekly = series(feed, "weekly@example.com");
    assertThat(weekly.rrule()).isEqualTo("FREQ=WEEKLY;BYDAY=MO;COUNT=8");
    assertThat(weekly.length()).isEqualTo(EventLength.exact(Duration.ofHours(1)));
    assertThat(weekly.overrides()).hasSize(7);
    Series inviteOnly = series(feed, "invite-only@example.com");
    assertThat(inviteOnly.start()).isNull();
    assertThat(inviteOnly.overrides()).hasSize(1);
    assertThat(feed.componentCount()).isEqualTo(11);
  }

  @Test
  void duplicateMaster_higherSequenceWins() {
    CalendarData feed =
        parseText(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:d\nSEQUENCE:2\nDTSTART:20260710T090000Z\n"
                + "SUMMARY:New\nEND:VEVENT\nBEGIN:VEVENT\nUID:d\nSEQUENCE:1\n"
                + "DTSTART:20260709T090000Z\nSUMMARY:Old\nEND:VEVENT\nEND:VCALENDAR\n");
    assertThat(feed.series()).hasSize(1);
    assertThat(series(feed, "d").details().summary()).isEqualTo("New");
  }

  // ---- durations

  @Test
  void durations_dateDateTimeAndDurationForms() {
    CalendarData feed = parse("all-day.ics");
    assertThat(series(feed, "one-day-no-dtend").length()).isEqualTo(EventLength.ofDays(1));
    assertThat(series(feed, "three-days").length()).isEqualTo(EventLength.ofDays(3));
    assertThat(series(feed, "week-duration").length()).isEqualTo(EventLength.ofDays(7));
    assertThat(series(feed, "p1d").length()).isEqualTo(EventLength.ofDays(1));
    assertThat(series(feed, "timed-no-end").length()).isEqualTo(EventLength.ZERO);
    assertThat(series(feed, "timed-duration").length())
        .isEqualTo(EventLength.exact(Duration.ofMinutes(90)));
    assertThat(series(feed, "three-days").start())
        .isEqualTo(new EventTime.AllDay(LocalDate.of(2026, 7, 10)));
  }

  @Test
  void dtendBeforeDtstart_skippedWithWarning() {
    CalendarData feed = parse("all-day.ics");
    assertThat(feed.series()).extracting(Series::uid).doesNotContain("end-before-start");
    assertThat(feed.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("UID 'end-before-start'")
                    .contains("line 38")
                    .contains("DTEND '20260710T080000Z' is before DTSTART"));
  }

  // ---- broken input

  @Test
  void brokenEvents_skippedWithWarnings_restKept() {
    CalendarData feed = parse("broken-events.ics");
    assertThat(feed.series())
        .extracting(Series::uid)
        .hasSize(3)
        .contains("good-1", "good-2")
        .anySatisfy(uid -> assertThat(uid).startsWith("calendarbot-"));
    assertThat(feed.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("line 9")
                    .contains("UID 'bad-dtstart'")
                    .contains("'2026-07-10 09:00' is not a DATE-TIME"))
        .anySatisfy(w -> assertThat(w).contains("line 14").contains("has no UID"))
        .anySatisfy(w -> assertThat(w).contains("UID 'bad-rrule'").contains("FORTNIGHTLY"))
        .anySatisfy(w -> assertThat(w).contains("UID 'no-dtstart'").contains("no DTSTART"));
  }

  @Test
  void missingUid_synthesisedUidStableAcrossParses() {
    String a = parse("broken-events.ics").series().get(1).uid();
    String b = parse("broken-events.ics").series().get(1).uid();
    assertThat(a).startsWith("calendarbot-").isEqualTo(b);
  }

  @Test
  void htmlBody_malformedWithStartAndHint() {
    assertThatThrownBy(() -> parse("not-ical.html"))
        .isInstanceOf(MalformedFeedException.class)
        .hasMessage(
            "source 'test' is not an iCalendar feed: the body starts with '<!DOCTYPE html>'"
                + " (line 1); check that the URL is the calendar's ICS export link, not its web"
                + " page")
        .extracting(e -> ((MalformedFeedException) e).line())
        .isEqualTo(1);
  }

  @Test
  void jsonBody_malformedNamingJson() {
    assertThatThrownBy(() -> parse("not-ical.json"))
        .isInstanceOf(MalformedFeedException.class)
        .hasMessageContaining("the body starts with '{\"error\":\"unauthorized\"")
        .hasMessageContaining("JSON");
  }

  @Test
  void emptyBody_malformedSaysEmpty() {
    assertThatThrownBy(() -> parseText(""))
        .isInstanceOf(MalformedFeedException.class)
        .hasMessageContaining("source 'test' is not an iCalendar feed: the body is empty");
    assertThatThrownBy(() -> parseText("\r\n\r\n"))
        .isInstanceOf(MalformedFeedException.class)
        .hasMessageContaining("the body is empty");
  }

  @Test
  void noBeginVcalendar_malformed() {
    assertThatThrownBy(() -> parseText("BEGIN:VEVENT\nUID:x\nEND:VEVENT\n"))
        .isInstanceOf(MalformedFeedException.class)
        .hasMessageContaining("the body starts with 'BEGIN:VEVENT' (line 1)");
  }

  @Test
  void truncatedBody_malformedWithLineAndOpenComponent() {
    assertThatThrownBy(() -> parse("truncated.ics"))
        .isInstanceOf(MalformedFeedException.class)
        .hasMessage(
            "source 'test' is truncated: the body ends at line 6 inside BEGIN:VEVENT (opened at"
                + " line 3) without END:VCALENDAR; the download was probably cut short, or the"
                + " server sent a partial body")
        .extracting(e -> ((MalformedFeedException) e).line())
        .isEqualTo(6);
  }

  /** A feed whose one event has a DESCRIPTION logical line of exactly {@code bytes} bytes. */
  private static String feedWithDescriptionLine(int bytes, boolean folded) {
    String description = "DESCRIPTION:" + "x".repeat(bytes - "DESCRIPTION:".length());
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:long\r\n"
        + "DTSTART:20260710T090000Z\r\n"
        + (folded ? IcsWriter.fold(description) : description + "\r\n")
        + "END:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  @Test
  void contentLineOverCap_foldedDescription_malformedNamingLineAndCap() {
    // 2 MiB in 75-octet folds: every physical line is short, the logical line is not.
    String feed = feedWithDescriptionLine(2 * LineUnfolder.MAX_LINE_BYTES, true);
    assertThatThrownBy(() -> parseText(feed))
        .isInstanceOf(MalformedFeedException.class)
        .hasMessage(
            "source 'test': the content line starting at line 6 is longer than 1048576 bytes"
                + " after unfolding (the cap for one line); check that the URL serves an iCalendar"
                + " feed and that its events do not embed attachments or images inline"
                + " (ATTACH;VALUE=BINARY)")
        .extracting(e -> ((MalformedFeedException) e).line())
        .isEqualTo(6);
  }

  @Test
  void contentLineOneByteOverCap_unfolded_malformed() {
    String feed = feedWithDescriptionLine(LineUnfolder.MAX_LINE_BYTES + 1, false);
    assertThatThrownBy(() -> parseText(feed))
        .isInstanceOf(MalformedFeedException.class)
        .hasMessageContaining("line 6 is longer than 1048576 bytes");
    assertThatThrownBy(() -> parseText(feed.replace("\r\n", "\n")))
        .isInstanceOf(MalformedFeedException.class)
        .hasMessageContaining("line 6 is longer than 1048576 bytes");
  }

  @Test
  void contentLineAtCap_foldedAndUnfolded_parses() {
    for (boolean folded : new boolean[] {true, false}) {
      CalendarData feed = parseText(feedWithDescriptionLine(LineUnfolder.MAX_LINE_BYTES, folded));
      assertThat(series(feed, "long").details().description())
          .hasSize(LineUnfolder.MAX_LINE_BYTES - "DESCRIPTION:".length());
    }
  }

  @Test
  void duration_tooLongForALength_eventSkippedWithWarning() {
    CalendarData feed =
        parseText(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:long\r\nDTSTART:20260710T090000Z\r\n"
                + "DURATION:P99999999999999999999D\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:ok\r\n"
                + "DTSTART:20260710T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    assertThat(feed.series()).extracting(Series::uid).containsExactly("ok");
    assertThat(feed.warnings())
        .containsExactly(
            "source 'test': VEVENT at line 2 (UID 'long') skipped: 'P99999999999999999999D' is too"
                + " long a DURATION");
  }

  @Test
  void allDayInstances_sameInstantKeyAcrossParses() {
    CalendarData feed = parse("all-day.ics");
    assertThat(series(feed, "three-days").start().key(feed.zones())).isEqualTo("D:2026-07-10");
    assertThat(BERLIN).isNotNull();
  }
}
