package calendarbot.flags;

import calendarbot.config.ConfigSnapshot;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decides, per subject (a client id, or a source id for the connection pool), whether an
 * optimisation is used. A flag is on for a subject when its switch is on, it is not emergency
 * disabled, and the subject's bucket (a stable hash of flag and subject into 0–99) is below the
 * rollout percentage: the same subject always gets the same answer, and raising the percentage only
 * adds subjects. Reads the live configuration on every call, so a change applies to the next
 * request. Thread-safe and cheap (no allocation beyond the hash on the hot path is a goal, not a
 * promise).
 */
public interface FeatureFlags {
  /** Whether {@code flag} is on for {@code subject}. */
  boolean enabled(Flag flag, String subject);

  /** Every flag's configured state, in {@link Flag} order. */
  List<FlagState> states();

  /** Every flag on for every subject (tests, benchmarks). */
  static FeatureFlags allOn() {
    return StaticFlags.ON;
  }

  /** Every flag off for every subject: the plain server. */
  static FeatureFlags allOff() {
    return StaticFlags.OFF;
  }

  /**
   * The decisions of {@link OpenFeatureFlags#over(Supplier)} made without the OpenFeature SDK (the
   * benchmark's baseline; a fallback that needs no registration or close).
   */
  static FeatureFlags direct(Supplier<ConfigSnapshot> config) {
    return new DirectFlags(java.util.Objects.requireNonNull(config, "config"));
  }
}
