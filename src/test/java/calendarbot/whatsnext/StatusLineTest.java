package calendarbot.whatsnext;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per threshold of the status line; the kiosk page's JavaScript mirrors these. */
class StatusLineTest {
  @Test
  void of_inProgressWithSixMinutesLeft_isInProgress() {
    assertThat(StatusLine.of(true, 6L, 3L)).isEqualTo(StatusLine.IN_PROGRESS);
    assertThat(StatusLine.IN_PROGRESS.text()).isEqualTo("In progress");
  }

  @Test
  void of_inProgressWithFiveMinutesLeft_isWrapUp() {
    assertThat(StatusLine.of(true, 5L, null)).isEqualTo(StatusLine.WRAP_UP);
    assertThat(StatusLine.WRAP_UP.text()).isEqualTo("Wrap up");
  }

  @Test
  void of_inProgressWithZeroMinutesLeft_isWrapUp() {
    assertThat(StatusLine.of(true, 0L, null)).isEqualTo(StatusLine.WRAP_UP);
  }

  @Test
  void of_inProgressOutranksNextStart_isInProgress() {
    assertThat(StatusLine.of(true, 30L, 2L)).isEqualTo(StatusLine.IN_PROGRESS);
  }

  @Test
  void of_nextInSixtyOneMinutes_isPlentyOfTime() {
    assertThat(StatusLine.of(false, null, 61L)).isEqualTo(StatusLine.PLENTY_OF_TIME);
    assertThat(StatusLine.PLENTY_OF_TIME.text()).isEqualTo("Plenty of time");
  }

  @Test
  void of_nextInSixtyMinutes_isStartingWithinTheHour() {
    assertThat(StatusLine.of(false, null, 60L)).isEqualTo(StatusLine.WITHIN_THE_HOUR);
    assertThat(StatusLine.WITHIN_THE_HOUR.text()).isEqualTo("Starting within the hour");
  }

  @Test
  void of_nextInSixteenMinutes_isStartingWithinTheHour() {
    assertThat(StatusLine.of(false, null, 16L)).isEqualTo(StatusLine.WITHIN_THE_HOUR);
  }

  @Test
  void of_nextInFifteenMinutes_isStartingSoon() {
    assertThat(StatusLine.of(false, null, 15L)).isEqualTo(StatusLine.SOON);
    assertThat(StatusLine.SOON.text()).isEqualTo("Starting soon");
  }

  @Test
  void of_nextInSixMinutes_isStartingSoon() {
    assertThat(StatusLine.of(false, null, 6L)).isEqualTo(StatusLine.SOON);
  }

  @Test
  void of_nextInFiveMinutes_isStartingVerySoon() {
    assertThat(StatusLine.of(false, null, 5L)).isEqualTo(StatusLine.VERY_SOON);
    assertThat(StatusLine.VERY_SOON.text()).isEqualTo("Starting very soon");
  }

  @Test
  void of_nextInZeroMinutes_isStartingVerySoon() {
    assertThat(StatusLine.of(false, null, 0L)).isEqualTo(StatusLine.VERY_SOON);
  }

  @Test
  void of_noNextEvent_isNothingMoreToday() {
    assertThat(StatusLine.of(false, null, null)).isEqualTo(StatusLine.NOTHING_MORE);
    assertThat(StatusLine.NOTHING_MORE.text()).isEqualTo("Nothing more today");
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
