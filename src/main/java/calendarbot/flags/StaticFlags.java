package calendarbot.flags;

import java.util.Arrays;
import java.util.List;

/** The two constant twins: every flag on, or every flag off. */
enum StaticFlags implements FeatureFlags {
  ON(true),
  OFF(false);

  private final boolean on;

  StaticFlags(boolean on) {
    this.on = on;
  }

  @Override
  public boolean enabled(Flag flag, String subject) {
    return on;
  }

  @Override
  public List<FlagState> states() {
    return Arrays.stream(Flag.values())
        .map(
            f ->
                new FlagState(
                    f.code(),
                    f.enabledKey(),
                    f.rolloutKey(),
                    on,
                    on ? 100 : 0,
                    false,
                    on ? "on" : "off",
                    on ? "on: fixed (FeatureFlags.allOn)" : "off: fixed (FeatureFlags.allOff)"))
        .toList();
  }
}
