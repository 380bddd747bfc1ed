package calendarbot.status;

import java.util.Optional;

/**
 * One check beyond sources and storage (pool saturation, executor backlog): empty when fine,
 * otherwise a line saying what is wrong, with the numbers, for {@code /health}'s reasons.
 */
@FunctionalInterface
public interface HealthCheck {
  /** Must be cheap and must not throw. */
  Optional<String> problem();
}
