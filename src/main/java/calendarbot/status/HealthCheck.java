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

  /**
   * The stable code of the alert its problem raises ({@link Alert#code()}); {@code health_check}
   * unless the check names its kind.
   */
  default String code() {
    return "health_check";
  }

  /**
   * The subject of the alert its problem raises ({@link Alert#subject()}); unique among the checks
   * of one server. By default the check's class name, which a lambda's is not stable: name it.
   */
  default String subject() {
    return getClass().getName();
  }

  /** {@code check} with an alert code and subject. */
  static HealthCheck named(String code, String subject, HealthCheck check) {
    return new HealthCheck() {
      @Override
      public Optional<String> problem() {
        return check.problem();
      }

      @Override
      public String code() {
        return code;
      }

      @Override
      public String subject() {
        return subject;
      }
    };
  }
}
