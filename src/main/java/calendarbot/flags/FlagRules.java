package calendarbot.flags;

import calendarbot.config.AppConfig;
import calendarbot.config.ConfigEntry;
import calendarbot.config.ConfigSnapshot;

/**
 * The one rule every decision and every explanation follows: a flag is on for a subject when its
 * switch is on, {@code emergency_disable} does not name it (or {@code all}), and the subject's
 * {@link Buckets bucket} is below the rollout percentage. Checked in that order, so the explanation
 * names the first setting that decides.
 */
final class FlagRules {
  static final String EMERGENCY_KEY = "emergency_disable";

  private FlagRules() {}

  /** Whether {@code flag} is on for {@code subject} under {@code config}. */
  static boolean decide(AppConfig config, Flag flag, String subject) {
    if (!flag.enabledIn(config) || config.flags().emergencyDisabled(flag.code())) {
      return false;
    }
    int rollout = flag.rolloutIn(config);
    return rollout >= 100 || (rollout > 0 && Buckets.of(flag, subject) < rollout);
  }

  /** The flag's state in {@code snapshot}, and which setting makes it so. */
  static FlagState explain(ConfigSnapshot snapshot, Flag flag) {
    AppConfig c = snapshot.config();
    boolean enabled = flag.enabledIn(c);
    int rollout = flag.rolloutIn(c);
    boolean emergency = c.flags().emergencyDisabled(flag.code());
    String state;
    String why;
    if (emergency) {
      state = "off";
      why = "off: " + setting(snapshot, EMERGENCY_KEY, String.join(",", sorted(c)));
    } else if (!enabled) {
      state = "off";
      why = "off: " + setting(snapshot, flag.enabledKey(), "false");
    } else if (rollout <= 0) {
      state = "off";
      why = "off: " + setting(snapshot, flag.rolloutKey(), "0");
    } else if (rollout >= 100) {
      state = "on";
      why =
          "on: "
              + setting(snapshot, flag.enabledKey(), "true")
              + ", "
              + setting(snapshot, flag.rolloutKey(), "100");
    } else {
      state = "partial";
      why =
          "partial: "
              + setting(snapshot, flag.rolloutKey(), Integer.toString(rollout))
              + ": on for the subjects in buckets 0-"
              + (rollout - 1)
              + " of 100";
    }
    return new FlagState(
        flag.code(), flag.enabledKey(), flag.rolloutKey(), enabled, rollout, emergency, state, why);
  }

  private static java.util.List<String> sorted(AppConfig c) {
    return c.flags().emergencyDisable().stream().sorted().toList();
  }

  /** {@code key=value (origin)}, the value and origin as the snapshot records them. */
  private static String setting(ConfigSnapshot snapshot, String key, String fallbackValue) {
    for (ConfigEntry e : snapshot.entries()) {
      if (e.key().equals(key)) {
        return key
            + "="
            + (e.value() == null ? fallbackValue : e.value())
            + " ("
            + e.origin()
            + ")";
      }
    }
    return key + "=" + fallbackValue;
  }
}
