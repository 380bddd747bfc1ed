package calendarbot.whatsnext;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per threshold of the status line; the kiosk page's JavaScript mirrors these. */
class StatusLineTest {
  /**
   * Each threshold from both sides. busy: an event is in progress; left: its minutes left; next:
   * minutes until the next start; "-" is null (unknown, or no next event).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # case             | busy  | left | next | line            | text
          busy, 6 min left   | true  | 6    | 3    | IN_PROGRESS     | In progress
          busy, 5 min left   | true  | 5    | -    | WRAP_UP         | Wrap up
          busy, 0 min left   | true  | 0    | -    | WRAP_UP         | Wrap up
          busy outranks next | true  | 30   | 2    | IN_PROGRESS     | In progress
          next in 61 min     | false | -    | 61   | PLENTY_OF_TIME  | Plenty of time
          next in 60 min     | false | -    | 60   | WITHIN_THE_HOUR | Starting within the hour
          next in 16 min     | false | -    | 16   | WITHIN_THE_HOUR | Starting within the hour
          next in 15 min     | false | -    | 15   | SOON            | Starting soon
          next in 6 min      | false | -    | 6    | SOON            | Starting soon
          next in 5 min      | false | -    | 5    | VERY_SOON       | Starting very soon
          next in 0 min      | false | -    | 0    | VERY_SOON       | Starting very soon
          no next event      | false | -    | -    | NOTHING_MORE    | Nothing more today
          """)
  void of_eachThreshold_isItsLineWithItsText(
      String threshold,
      boolean inProgress,
      Long minutesLeft,
      Long minutesToNext,
      StatusLine line,
      String text) {
    assertThat(StatusLine.of(inProgress, minutesLeft, minutesToNext)).isEqualTo(line);
    assertThat(line.text()).isEqualTo(text);
  }

  @Test
  void urgent_onlyWrapUpAndStartingSoonOrVerySoon_areUrgent() {
    assertThat(List.of(StatusLine.values()).stream().filter(StatusLine::urgent))
        .containsExactlyInAnyOrder(StatusLine.WRAP_UP, StatusLine.SOON, StatusLine.VERY_SOON);
  }

  @Test
  void of_view_usesFirstCurrentThenFirstNext() {
    assertThat(StatusLine.of(EinkFixtures.busyDay())).isEqualTo(StatusLine.WRAP_UP);
    WhatsNext free =
        EinkFixtures.view(
            List.of(),
            List.of(EinkFixtures.event("Planning", "11:10", 30, null)),
            List.of(),
            List.of(),
            EinkFixtures.fresh());
    assertThat(StatusLine.of(free)).isEqualTo(StatusLine.SOON);
    WhatsNext empty =
        EinkFixtures.view(List.of(), List.of(), List.of(), List.of(), EinkFixtures.fresh());
    assertThat(StatusLine.of(empty)).isEqualTo(StatusLine.NOTHING_MORE);
  }
}
