package calendarbot.ics;

import static calendarbot.ics.IcsFixtures.BERLIN;
import static calendarbot.ics.IcsFixtures.at;
import static calendarbot.ics.IcsFixtures.expand;
import static calendarbot.ics.IcsFixtures.localStarts;
import static calendarbot.ics.IcsFixtures.parse;
import static calendarbot.ics.IcsFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.event.CalendarData;
import calendarbot.event.EventTime;
import calendarbot.event.Instance;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TzidResolverTest {
  private static final CalendarData FEED = parse("timezones.ics");
  private static final String OUTLOOK =
      "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna";

  private static EventTime start(String uid) {
    return series(FEED, uid).start();
  }

  @Test
  void ianaTzid_usedAsIs() {
    assertThat(start("iana"))
        .isEqualTo(new EventTime.Zoned(at(2026, 7, 10, 9, 0), "Europe/Berlin"));
  }

  @Test
  void windowsNames_mappedToIana() {
    assertThat(((EventTime.Zoned) start("windows-w-europe")).tzid()).isEqualTo("Europe/Berlin");
    assertThat(((EventTime.Zoned) start("windows-eastern")).tzid()).isEqualTo("America/New_York");
    assertThat(((EventTime.Zoned) start("windows-india")).tzid()).isEqualTo("Asia/Kolkata");
  }

  @Test
  void mozillaPrefixedTzid_embeddedIanaUsed() {
    assertThat(((EventTime.Zoned) start("mozilla")).tzid()).isEqualTo("Europe/Berlin");
  }

  @Test
  void outlookDisplayName_compiledFromVtimezone() {
    EventTime t = start("outlook-display-name");
    assertThat(t).isEqualTo(new EventTime.Zoned(at(2026, 7, 10, 9, 0), OUTLOOK));
    assertThat(FEED.zones().custom()).containsKey(OUTLOOK);
    // Summer: +02:00; after the last Sunday of October: +01:00, as in Europe/Berlin.
    assertThat(t.toInstant(FEED.zones(), ZoneId.of("UTC")))
        .isEqualTo(Instant.parse("2026-07-10T07:00:00Z"));
    List<Instance> weekly =
        expand(
            FEED,
            "outlook-display-name",
            LocalDate.of(2026, 10, 20),
            LocalDate.of(2026, 11, 3),
            BERLIN);
    assertThat(localStarts(weekly, BERLIN))
        .containsExactly(at(2026, 10, 23, 9, 0), at(2026, 10, 30, 9, 0));
    assertThat(weekly.get(1).start()).isEqualTo(Instant.parse("2026-10-30T08:00:00Z"));
  }

  @Test
  void compiledZone_matchesIanaBerlinFrom1997To2040() {
    var rules = FEED.zones().rules(OUTLOOK);
    var berlin = BERLIN.getRules();
    for (Instant t = Instant.parse("1997-01-01T00:00:00Z");
        t.isBefore(Instant.parse("2040-12-31T00:00:00Z"));
        t = t.plusSeconds(6 * 3600 + 17)) {
      assertThat(rules.getOffset(t)).as("offset at %s", t).isEqualTo(berlin.getOffset(t));
    }
  }

  @Test
  void fixedOffsetCustomZone_usesItsOffset() {
    assertThat(start("fixed-custom").toInstant(FEED.zones(), ZoneId.of("UTC")))
        .isEqualTo(Instant.parse("2026-07-10T03:30:00Z"));
  }

  @Test
  void rdateOnlyCustomZone_usesRdateOnsets() {
    assertThat(start("rdate-zone").toInstant(FEED.zones(), ZoneId.of("UTC")))
        .isEqualTo(Instant.parse("2001-06-15T13:00:00Z"));
  }

  @Test
  void unknownTzidWithoutVtimezone_floatingWithWarning() {
    assertThat(start("unknown")).isEqualTo(new EventTime.Floating(at(2026, 7, 10, 9, 0)));
    assertThat(FEED.warnings())
        .anySatisfy(w -> assertThat(w).contains("TZID 'Mars/Olympus_Mons'").contains("floating"));
  }

  @Test
  void everyEmittedZonedTzid_resolvableByReturnedTable() {
    FEED.series()
        .forEach(
            s -> {
              if (s.start() instanceof EventTime.Zoned z) {
                assertThat(FEED.zones().rules(z.tzid())).isNotNull();
              }
            });
  }

  @Test
  void xWrTimezone_floatingBecomesZoned_utcAndDatesUnchanged() {
    CalendarData feed = parse("x-wr-timezone.ics");
    assertThat(feed.name()).isEqualTo("Family");
    assertThat(series(feed, "floating-in-la").start())
        .isEqualTo(new EventTime.Zoned(LocalDateTime.of(2026, 7, 10, 9, 0), "America/Los_Angeles"));
    assertThat(series(feed, "utc-stays").start()).isInstanceOf(EventTime.Utc.class);
    assertThat(series(feed, "date-stays").start()).isInstanceOf(EventTime.AllDay.class);
  }

  @Test
  void windowsZoneFile_coversOver100NamesAllValid() {
    WindowsZones zones = WindowsZones.instance();
    assertThat(zones.size()).isGreaterThan(100);
    assertThat(zones.asMap().values()).allSatisfy(id -> assertThat(ZoneId.of(id)).isNotNull());
    assertThat(zones.iana("GMT Standard Time")).isEqualTo("Europe/London");
    assertThat(zones.iana("Romance Standard Time")).isEqualTo("Europe/Paris");
    assertThat(zones.iana("China Standard Time")).isEqualTo("Asia/Shanghai");
    assertThat(zones.iana("Tokyo Standard Time")).isEqualTo("Asia/Tokyo");
    assertThat(zones.iana("AUS Eastern Standard Time")).isEqualTo("Australia/Sydney");
    assertThat(zones.iana("Central Standard Time")).isEqualTo("America/Chicago");
    assertThat(zones.iana("Pacific Standard Time")).isEqualTo("America/Los_Angeles");
  }

  @Test
  void vtimezoneAfterTheEventsUsingIt_stillCompiled() {
    CalendarData feed =
        IcsFixtures.parseText(
            String.join(
                "\n",
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:early",
                "DTSTART;TZID=Late Zone:20260110T090000",
                "END:VEVENT",
                "BEGIN:VTIMEZONE",
                "TZID:Late Zone",
                "BEGIN:STANDARD",
                "DTSTART:19700101T000000",
                "TZOFFSETFROM:-0300",
                "TZOFFSETTO:-0300",
                "END:STANDARD",
                "END:VTIMEZONE",
                "END:VCALENDAR",
                ""));
    assertThat(feed.warnings()).isEmpty();
    assertThat(series(feed, "early").start().toInstant(feed.zones(), ZoneId.of("UTC")))
        .isEqualTo(Instant.parse("2026-01-10T12:00:00Z"));
  }

  @Test
  void compiledZone_timeInSpringForwardGap_movesLikeIana() {
    EventTime gap = new EventTime.Zoned(at(2026, 3, 29, 2, 30), OUTLOOK);
    assertThat(gap.toInstant(FEED.zones(), ZoneId.of("UTC")))
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void xWrTimezoneWindowsName_resolvedToIana() {
    CalendarData feed =
        IcsFixtures.parseText(
            "BEGIN:VCALENDAR\nX-WR-TIMEZONE:Tokyo Standard Time\nBEGIN:VEVENT\nUID:t\n"
                + "DTSTART:20260710T090000\nEND:VEVENT\nEND:VCALENDAR\n");
    assertThat(series(feed, "t").start())
        .isEqualTo(new EventTime.Zoned(at(2026, 7, 10, 9, 0), "Asia/Tokyo"));
  }
}
