package calendarbot.config;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the runtime overrides and the audit history of the configuration persist ({@code
 * calendarbot.store.ConfigStore} over SQLite; {@link #inMemory()} for tools and tests).
 *
 * <p>Values are stored as text ({@link ConfigKeys#text}); secrets are stored redacted, and they
 * cannot be overridden. Implementations are thread-safe; errors are {@link
 * calendarbot.error.StorageException}s.
 */
public interface OverrideStore {
  /** The overrides in effect, by key. */
  Map<String, StoredOverride> load();

  /**
   * Replaces the whole override set with {@code overrides} and, when {@code recorded} is not null,
   * appends that version to the history, atomically.
   */
  void save(Map<String, StoredOverride> overrides, Recorded recorded);

  /** Appends a version to the history without touching the overrides. */
  default void record(Recorded recorded) {
    save(load(), recorded);
  }

  /** Every recorded version, newest first. */
  List<ConfigVersion> history();

  /** The newest recorded version, if any. */
  default Optional<ConfigVersion> latest() {
    return history().stream().findFirst();
  }

  /** The effective values (key → text, secrets redacted) at {@code version}, if recorded. */
  Optional<Map<String, String>> effectiveAt(long version);

  /**
   * One runtime override.
   *
   * @param value the value as text
   * @param actor who set it
   * @param at when, by the app's clock
   */
  record StoredOverride(String value, String actor, Instant at) {
    public StoredOverride {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A version to record with the effective values it produced.
   *
   * @param effective key → text (secrets redacted, unset keys absent)
   */
  record Recorded(ConfigVersion version, Map<String, String> effective) {
    public Recorded {
      Objects.requireNonNull(version, "version");
      effective = Map.copyOf(effective);
    }
  }

  /** A store that keeps everything in memory, lost at exit. */
  static OverrideStore inMemory() {
    return new MemoryOverrideStore();
  }
}
