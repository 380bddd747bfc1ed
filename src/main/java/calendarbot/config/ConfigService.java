package calendarbot.config;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The live configuration: one immutable, validated {@link ConfigSnapshot} built from five layers in
 * increasing precedence (built-in defaults &lt; YAML file &lt; {@code CALENDARBOT_*} environment
 * &lt; command line &lt; runtime overrides persisted in SQLite). Components read {@link #current()}
 * (a volatile read) or listen for changes.
 *
 * <p>Every change (file reload, runtime override, rollback) builds and validates a whole new
 * snapshot first: an invalid one is rejected with a {@link calendarbot.error.ConfigException} and
 * the current snapshot stays. A valid change gets the next version, is recorded in the audit
 * history, and is handed to the listeners; keys that only take effect at a restart are reported in
 * {@link ConfigChange#restartRequired()}, and their old values stay in effect until then: the
 * snapshot carries the new value (its entry marked {@link ConfigEntry#pendingRestart()}), but only
 * live keys ({@link ConfigKeys#live}) are applied to running components.
 *
 * <p>Thread-safe; changes are serialised.
 */
public interface ConfigService {
  /**
   * Opens the service: reads the layers, applies the stored runtime overrides (skipping, with a
   * WARN, any that no longer validate) and records the start as a new version when the effective
   * values differ from the newest recorded one.
   *
   * @throws calendarbot.error.ConfigException when the file, environment or flags are invalid
   * @throws calendarbot.error.StorageException when the store fails
   */
  static ConfigService open(ConfigLayers layers, OverrideStore store, Clock clock) {
    return LayeredConfigService.open(layers, store, clock);
  }

  /**
   * The snapshot {@link #open} would start with, recording nothing (for {@code calendarbot config
   * show}); its version is 0.
   *
   * @param overrides the stored runtime overrides, e.g. {@link OverrideStore#load()}
   * @throws calendarbot.error.ConfigException when the file, environment or flags are invalid
   */
  static ConfigSnapshot preview(
      ConfigLayers layers, Map<String, OverrideStore.StoredOverride> overrides) {
    return LayeredConfigService.preview(layers, overrides);
  }

  /** The snapshot in effect. */
  ConfigSnapshot current();

  /** Shorthand for {@code current().config()}. */
  default AppConfig config() {
    return current().config();
  }

  /**
   * Calls {@code listener} after every applied change, on the thread that made it, in registration
   * order. A listener that throws is logged and does not stop the others.
   */
  void addListener(Consumer<ConfigChange> listener);

  /**
   * Reads the YAML file again (what the file watcher calls).
   *
   * @return the change, with no key changes when the file says what it said before
   * @throws calendarbot.error.ConfigException if the file is unreadable or a value is invalid; the
   *     current snapshot stays
   */
  ConfigChange reloadFile();

  /**
   * Sets runtime overrides (persisted; they survive a restart): key → value text as the file would
   * hold it, or {@code null} to remove the key's override.
   *
   * @param actor who asks, for the audit trail (e.g. {@code "admin api from 127.0.0.1"})
   * @throws calendarbot.error.ConfigException for an unknown key, a key that cannot be set at
   *     runtime, or a value that is invalid alone or with the rest; nothing is applied then
   */
  ConfigChange override(Map<String, String> values, String actor);

  /**
   * Returns the effective configuration to what it was at {@code version}, by setting runtime
   * overrides for every key whose effective value differs now. Recorded as a new version.
   *
   * @throws calendarbot.error.NotFoundException if no such version is recorded
   */
  ConfigChange rollback(long version, String actor);

  /** Every recorded version, newest first. */
  List<ConfigVersion> history();
}
