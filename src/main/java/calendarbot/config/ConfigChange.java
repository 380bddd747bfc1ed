package calendarbot.config;

import java.util.List;

/**
 * An applied change.
 *
 * @param before the snapshot replaced
 * @param after the snapshot now in effect (the same as {@code before} when nothing changed)
 * @param changes every key whose effective value changed, secrets redacted
 * @param restartRequired the changed keys that take effect only after a restart
 */
public record ConfigChange(
    ConfigSnapshot before,
    ConfigSnapshot after,
    List<KeyChange> changes,
    List<String> restartRequired) {
  public ConfigChange {
    changes = List.copyOf(changes);
    restartRequired = List.copyOf(restartRequired);
  }

  /** Whether any effective value changed. */
  public boolean changed() {
    return !changes.isEmpty();
  }

  /** Whether {@code key} (or any key under the prefix {@code key.}) changed. */
  public boolean touches(String key) {
    return changes.stream().anyMatch(c -> c.key().equals(key) || c.key().startsWith(key + "."));
  }

  /**
   * One key's change.
   *
   * @param from the old effective value (redacted for secrets, {@code null} when unset)
   * @param to the new one
   */
  public record KeyChange(String key, String from, String to) {}
}
