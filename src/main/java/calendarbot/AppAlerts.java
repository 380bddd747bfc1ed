package calendarbot;

import calendarbot.resilience.Resilience;
import calendarbot.resilience.ResilienceStatus;
import calendarbot.status.Alerts;
import calendarbot.status.StatusService;
import java.time.Instant;
import java.util.List;

/**
 * Builds the {@link Alerts} {@link App} serves: the status package's rules over the resilience
 * package's state, translated here because {@code status} must not depend on {@code resilience}.
 */
final class AppAlerts {
  private AppAlerts() {}

  static Alerts over(StatusService status, Resilience resilience) {
    return new Alerts(
        status, () -> memory(resilience.status()), () -> breakers(resilience.status()));
  }

  static Alerts.Memory memory(ResilienceStatus s) {
    ResilienceStatus.MemoryStatus m = s.memory();
    return m == null
        ? null
        : new Alerts.Memory(
            m.level(), m.fraction(), m.soft(), m.hard(), m.maxBytes(), instant(m.since()));
  }

  static List<Alerts.Breaker> breakers(ResilienceStatus s) {
    return s.breakers().stream()
        .map(b -> new Alerts.Breaker(b.name(), b.state(), instant(b.since()), b.reason()))
        .toList();
  }

  private static Instant instant(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }
}
