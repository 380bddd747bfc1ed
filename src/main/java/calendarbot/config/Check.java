package calendarbot.config;

import calendarbot.error.ConfigException;
import java.time.Duration;

/** Validation helpers for config records; each throws {@link ConfigException} naming the key. */
final class Check {
  private Check() {}

  static int range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(key, "between " + min + " and " + max, value);
    }
    return value;
  }

  static long atLeast(String key, long value, long min) {
    if (value < min) {
      throw new ConfigException(key, "at least " + min, value);
    }
    return value;
  }

  static Duration positive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new ConfigException(key, "a positive duration (e.g. 30s, 5m)", value);
    }
    return value;
  }

  static <T> T present(String key, T value) {
    if (value == null) {
      throw new ConfigException(key, "set", null);
    }
    return value;
  }
}
