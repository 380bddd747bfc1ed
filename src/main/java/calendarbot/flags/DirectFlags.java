package calendarbot.flags;

import calendarbot.config.ConfigSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The same decisions as {@link OpenFeatureFlags}'s provider, made without the SDK: the measured
 * baseline for what OpenFeature costs, and the fallback should it ever not fit. Thread-safe.
 */
final class DirectFlags implements FeatureFlags {
  private final Supplier<ConfigSnapshot> config;

  DirectFlags(Supplier<ConfigSnapshot> config) {
    this.config = config;
  }

  @Override
  public boolean enabled(Flag flag, String subject) {
    return FlagRules.decide(config.get().config(), flag, Buckets.subject(subject));
  }

  @Override
  public List<FlagState> states() {
    ConfigSnapshot s = config.get();
    return Arrays.stream(Flag.values()).map(f -> FlagRules.explain(s, f)).toList();
  }
}
