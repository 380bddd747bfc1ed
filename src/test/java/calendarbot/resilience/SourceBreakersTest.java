package calendarbot.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.metrics.Metrics;
import calendarbot.source.RefreshResult;
import calendarbot.source.RefreshResult.Outcome;
import calendarbot.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceBreakersTest {
  private final FakeClock clock = FakeClock.at("2026-11-23T09:00:00Z");
  private final SourceBreakers breakers =
      new SourceBreakers(Configs.small(), clock, Metrics.noop());

  private static RefreshResult result(Outcome outcome) {
    return new RefreshResult(
        "work",
        outcome,
        outcome == Outcome.FAILED ? "HTTP_STATUS" : null,
        outcome == Outcome.FAILED ? "HTTP 500" : null,
        Duration.ZERO,
        3,
        0,
        0);
  }

  private void refresh(Outcome outcome) {
    assertThat(breakers.skip("work", false)).isEmpty();
    breakers.record(result(outcome));
  }

  @Test
  void skip_afterThresholdFailuresInARow_saysWhyAndWhen() {
    refresh(Outcome.FAILED);
    refresh(Outcome.FAILED);
    refresh(Outcome.FAILED);

    assertThat(breakers.skip("work", false))
        .hasValue(
            "breaker open after 3 failed refreshes in a row; next try at 2026-11-23T09:05:00Z"
                + " (resilience.source.open_wait=300 s), or refresh it by hand");
    assertThat(breakers.status())
        .singleElement()
        .extracting(s -> s.name())
        .isEqualTo("source:work");
  }

  @Test
  void skip_aSuccessInBetween_keepsItClosed() {
    refresh(Outcome.FAILED);
    refresh(Outcome.FAILED);
    refresh(Outcome.NOT_MODIFIED);
    refresh(Outcome.FAILED);

    assertThat(breakers.skip("work", false)).isEmpty();
  }

  @Test
  void skip_afterTheWait_oneTrial_successCloses() {
    for (int i = 0; i < 3; i++) {
      refresh(Outcome.FAILED);
    }
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    refresh(Outcome.UPDATED);

    assertThat(breakers.state("work").name()).isEqualTo("CLOSED");
  }

  @Test
  void skip_manualRefreshWhileOpen_isTheTrial() {
    for (int i = 0; i < 3; i++) {
      refresh(Outcome.FAILED);
    }

    assertThat(breakers.skip("work", true)).isEmpty();
    assertThat(breakers.state("work").name()).isEqualTo("HALF_OPEN");
    breakers.record(result(Outcome.FAILED));
    assertThat(breakers.state("work").name()).isEqualTo("OPEN");

    assertThat(breakers.skip("work", true)).isEmpty();
    breakers.record(result(Outcome.UPDATED));
    assertThat(breakers.state("work").name()).isEqualTo("CLOSED");
  }
}
