package calendarbot.flags;

import calendarbot.config.AppConfig;
import calendarbot.config.ConfigEntry;
import calendarbot.config.ConfigSnapshot;
import calendarbot.config.FlagsConfig;
import calendarbot.config.PipelineConfig;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** Configuration snapshots for the flag tests: the cache flag switched and rolled out as asked. */
final class Snapshots {
  /** As a config service numbers them: a different configuration is a different version. */
  private static final java.util.concurrent.atomic.AtomicLong VERSIONS =
      new java.util.concurrent.atomic.AtomicLong();

  private Snapshots() {}

  static ConfigSnapshot defaults() {
    AppConfig c = AppConfig.defaults(Path.of("/tmp/unused"), ZoneOffset.UTC);
    return new ConfigSnapshot(VERSIONS.incrementAndGet(), c, List.of());
  }

  /** Every flag switched on (the cache as given) at {@code rollout}, {@code emergency} disabled. */
  static ConfigSnapshot with(boolean cacheEnabled, int rollout, Set<String> emergency) {
    AppConfig d = defaults().config();
    PipelineConfig p = d.pipeline();
    PipelineConfig pipeline =
        new PipelineConfig(
            true,
            cacheEnabled,
            true,
            true,
            true,
            p.whatsNextTtl(),
            p.eventsTtl(),
            p.settingsTtl(),
            p.otherTtl(),
            p.maxEntries(),
            p.maxWeightBytes(),
            p.batchWindow(),
            p.batchMaxSize());
    FlagsConfig flags =
        new FlagsConfig(rollout, rollout, rollout, rollout, rollout, rollout, emergency);
    return new ConfigSnapshot(
        VERSIONS.incrementAndGet(),
        d.withPipeline(pipeline).withFlags(flags),
        List.of(
            new ConfigEntry(
                "pipeline.cache.enabled",
                Boolean.toString(cacheEnabled),
                "file cb.yaml:4",
                true,
                false),
            new ConfigEntry(
                "pipeline.cache.rollout",
                Integer.toString(rollout),
                "runtime (admin, t)",
                true,
                false),
            new ConfigEntry(
                "emergency_disable",
                String.join(",", emergency),
                "env CALENDARBOT_EMERGENCY_DISABLE",
                true,
                false)));
  }

  static ConfigSnapshot rollout(int percent) {
    return with(true, percent, Set.of());
  }
}
