package calendarbot.source;

import java.time.Duration;

/** When a source is refreshed next. Pure functions: no clock, no sleeping, no hidden state. */
final class RefreshSchedule {
  private RefreshSchedule() {}

  /**
   * The delay before retrying a failing source: {@code min} after the first failure, doubling with
   * each further one, never more than {@code max}.
   *
   * @param consecutiveFailures failures since the last success; values below 1 count as 1
   */
  static Duration backoff(int consecutiveFailures, Duration min, Duration max) {
    Duration d = min;
    // At most ~log2(max/min) doublings: the loop ends at the cap long before overflow.
    for (int i = 1; i < consecutiveFailures && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }

  /**
   * {@code interval} moved by up to {@code ±jitter × interval}, so sources and devices do not fetch
   * in lock-step.
   *
   * @param jitter fraction of the interval, 0 to 0.5
   * @param u a uniform draw in {@code [0, 1)}, e.g. {@code Random.nextDouble()}
   * @return a delay in {@code [interval × (1 − jitter), interval × (1 + jitter))}, at least 1 ms
   */
  static Duration jittered(Duration interval, double jitter, double u) {
    double factor = 1 + jitter * (2 * u - 1);
    long millis = Math.round(interval.toMillis() * factor);
    return Duration.ofMillis(Math.max(1, millis));
  }
}
