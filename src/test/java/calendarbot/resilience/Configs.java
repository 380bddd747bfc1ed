package calendarbot.resilience;

import calendarbot.config.ResilienceConfig;
import java.time.Duration;

/** Small, fast settings for the breakers under test. */
final class Configs {
  private Configs() {}

  static final Duration OPEN_WAIT = Duration.ofSeconds(30);

  /**
   * Pool: more than 2 failures, 90% for 60 s; pipeline: 50% of 10 operations; source: 3 failures;
   * memory 0.80 / 0.92; bulkhead 1 at once, no wait.
   */
  static ResilienceConfig small() {
    return new ResilienceConfig(
        2,
        0.9,
        Duration.ofSeconds(60),
        OPEN_WAIT,
        50.0,
        10,
        OPEN_WAIT,
        3,
        Duration.ofMinutes(5),
        0.80,
        0.92,
        1,
        Duration.ZERO);
  }
}
