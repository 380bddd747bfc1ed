package calendarbot.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RefreshScheduleTest {
  static final Duration MIN = Duration.ofSeconds(30);
  static final Duration MAX = Duration.ofMinutes(30);

  @Test
  void backoff_firstFailure_isMin() {
    assertThat(RefreshSchedule.backoff(1, MIN, MAX)).isEqualTo(MIN);
    assertThat(RefreshSchedule.backoff(0, MIN, MAX)).isEqualTo(MIN);
  }

  @Test
  void backoff_furtherFailures_double() {
    assertThat(RefreshSchedule.backoff(2, MIN, MAX)).isEqualTo(Duration.ofMinutes(1));
    assertThat(RefreshSchedule.backoff(3, MIN, MAX)).isEqualTo(Duration.ofMinutes(2));
    assertThat(RefreshSchedule.backoff(6, MIN, MAX)).isEqualTo(Duration.ofMinutes(16));
  }

  @Test
  void backoff_manyFailures_cappedAtMax() {
    assertThat(RefreshSchedule.backoff(7, MIN, MAX)).isEqualTo(MAX);
    assertThat(RefreshSchedule.backoff(Integer.MAX_VALUE, MIN, MAX)).isEqualTo(MAX);
  }

  @Test
  void backoff_minEqualsMax_isConstant() {
    assertThat(RefreshSchedule.backoff(5, MIN, MIN)).isEqualTo(MIN);
  }

  @Test
  void jittered_extremeDraws_hitTheBounds() {
    Duration interval = Duration.ofMinutes(10);
    assertThat(RefreshSchedule.jittered(interval, 0.1, 0.0)).isEqualTo(Duration.ofMinutes(9));
    assertThat(RefreshSchedule.jittered(interval, 0.1, 0.5)).isEqualTo(interval);
    assertThat(RefreshSchedule.jittered(interval, 0.1, Math.nextDown(1.0)))
        .isEqualTo(Duration.ofMinutes(11));
  }

  @Test
  void jittered_randomDraws_stayWithinBoundsAndSpread() {
    Duration interval = Duration.ofMinutes(5);
    Random random = new Random(42);
    Duration lowest = interval;
    Duration highest = interval;
    for (int i = 0; i < 10_000; i++) {
      Duration d = RefreshSchedule.jittered(interval, 0.2, random.nextDouble());
      assertThat(d).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
      lowest = d.compareTo(lowest) < 0 ? d : lowest;
      highest = d.compareTo(highest) > 0 ? d : highest;
    }
    assertThat(lowest).isLessThan(Duration.ofSeconds(250));
    assertThat(highest).isGreaterThan(Duration.ofSeconds(350));
  }

  @Test
  void jittered_zeroJitter_isExact() {
    assertThat(RefreshSchedule.jittered(Duration.ofMinutes(5), 0, 0.99))
        .isEqualTo(Duration.ofMinutes(5));
  }
}
