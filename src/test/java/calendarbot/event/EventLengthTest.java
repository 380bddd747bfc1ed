package calendarbot.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class EventLengthTest {
  @Test
  void toString_daysAndExactPart_isIsoLike() {
    assertThat(new EventLength(1, Duration.ofHours(2))).hasToString("P1DT2H");
    assertThat(EventLength.ofDays(7)).hasToString("P7D");
    assertThat(EventLength.exact(Duration.ofMinutes(90))).hasToString("PT1H30M");
    assertThat(EventLength.ZERO).hasToString("PT0S");
  }

  @Property
  void parse_readsWhatToStringWrites(
      @ForAll @LongRange(min = 0, max = 100_000) long days,
      @ForAll @LongRange(min = 0, max = 10_000_000) long seconds) {
    EventLength length = new EventLength(days, Duration.ofSeconds(seconds));

    assertThat(EventLength.parse(length.toString())).isEqualTo(length);
  }

  @Test
  void parse_plainDurationText_isExact() {
    // Rows written before lengths had nominal days hold Duration.toString() text.
    assertThat(EventLength.parse("PT24H")).isEqualTo(EventLength.exact(Duration.ofHours(24)));
  }

  @Test
  void parse_garbage_namesTheText() {
    assertThatThrownBy(() -> EventLength.parse("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an event length: 'soon'");
  }

  @Test
  void new_negativePart_isRejected() {
    assertThatThrownBy(() -> new EventLength(-1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventLength.exact(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void approximate_takesEachNominalDayAs24Hours() {
    assertThat(new EventLength(2, Duration.ofMinutes(30)).approximate())
        .isEqualTo(Duration.ofHours(48).plusMinutes(30));
  }
}
