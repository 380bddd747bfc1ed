package calendarbot.source;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DemoCalendarTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void ics_anyTime_isFoldedCrlfCalendar() {
    FakeClock clock = FakeClock.at("2026-03-02T09:10:00Z");

    String ics = new DemoCalendar(clock, BERLIN).ics();

    assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
    assertThat(ics.replace("\r\n", "")).doesNotContain("\n");
    for (String line : ics.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
    }
    assertThat(ics.split("BEGIN:VEVENT", -1)).hasSize(9);
  }

  @Test
  void ics_berlinMorning_hasCurrentNextAllDayAndTomorrow() {
    // 10:10 in Berlin: the slot is 10:00 local = 09:00Z.
    FakeClock clock = FakeClock.at("2026-03-02T09:10:00Z");

    String ics = new DemoCalendar(clock, BERLIN).ics().replace("\r\n ", "");

    assertThat(ics)
        .contains("DTSTART:20260302T083000Z\r\nDTEND:20260302T093000Z\r\nSUMMARY:Project sync")
        .contains("DTSTART:20260302T093000Z\r\nDTEND:20260302T101500Z")
        .contains("https://teams.microsoft.com/l/meetup-join/")
        .contains("LOCATION:Zoom\\, https://zoom.us/j/")
        .contains("DTSTART;VALUE=DATE:20260302\r\nDTEND;VALUE=DATE:20260303")
        .contains("RRULE:FREQ=DAILY")
        .contains("DTSTART:20260303T100000\r\n")
        .contains("LOCATION:Café Nord");
  }

  @Test
  void ics_sameHalfHour_isIdentical() {
    FakeClock clock = FakeClock.at("2026-03-02T09:01:00Z");
    DemoCalendar demo = new DemoCalendar(clock, BERLIN);

    String first = demo.ics();
    clock.advance(Duration.ofMinutes(28));
    String second = demo.ics();
    clock.advance(Duration.ofMinutes(2));
    String third = demo.ics();

    assertThat(second).isEqualTo(first);
    assertThat(third).isNotEqualTo(first);
  }
}
