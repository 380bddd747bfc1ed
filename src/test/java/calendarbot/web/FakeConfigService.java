package calendarbot.web;

import calendarbot.config.AppConfig;
import calendarbot.config.ConfigChange;
import calendarbot.config.ConfigEntry;
import calendarbot.config.ConfigLoader;
import calendarbot.config.ConfigService;
import calendarbot.config.ConfigSnapshot;
import calendarbot.config.ConfigVersion;
import calendarbot.config.FlagsConfig;
import calendarbot.error.ConfigException;
import calendarbot.error.NotFoundException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A small in-memory {@link ConfigService} for route tests: every key of {@link ConfigLoader#KEYS}
 * is known and kept as text; {@code emergency_disable} also reaches the typed config; {@code
 * server.port} needs a restart; a rollout outside 0–100 is rejected. Records every change.
 */
final class FakeConfigService implements ConfigService {
  private final Clock clock;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> origins = new LinkedHashMap<>();
  private final List<ConfigVersion> history = new ArrayList<>();
  private final List<Map<String, String>> versions = new ArrayList<>();
  private ConfigSnapshot current;
  private AppConfig config;
  int reloads;

  FakeConfigService(AppConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    values.put("server.port", "8080");
    values.put("admin.token", ConfigEntry.REDACTED);
    values.put("pipeline.cache.rollout", "100");
    values.put("emergency_disable", "none");
    values.keySet().forEach(k -> origins.put(k, "default"));
    current = snapshot(1);
    versions.add(new LinkedHashMap<>(values));
    history.add(new ConfigVersion(1, clock.instant(), "startup", "startup", List.of()));
  }

  static FakeConfigService create(Clock clock) {
    return new FakeConfigService(AppConfig.defaults(Path.of("unused"), ZoneId.of("UTC")), clock);
  }

  private ConfigSnapshot snapshot(long version) {
    List<ConfigEntry> entries = new ArrayList<>();
    values.forEach(
        (k, v) ->
            entries.add(new ConfigEntry(k, v, origins.get(k), !k.startsWith("server."), false)));
    return new ConfigSnapshot(version, config, entries);
  }

  @Override
  public synchronized ConfigSnapshot current() {
    return current;
  }

  @Override
  public void addListener(Consumer<ConfigChange> listener) {}

  @Override
  public synchronized ConfigChange reloadFile() {
    reloads++;
    return new ConfigChange(current, current, List.of(), List.of());
  }

  @Override
  public synchronized ConfigChange override(Map<String, String> changes, String actor) {
    Map<String, String> next = new LinkedHashMap<>(values);
    AppConfig nextConfig = config;
    for (Map.Entry<String, String> e : changes.entrySet()) {
      String key = e.getKey();
      if (!ConfigLoader.KEYS.contains(key)) {
        throw new ConfigException(key, "a known key", key);
      }
      String v = e.getValue() == null ? "default" : e.getValue();
      if (key.endsWith(".rollout")) {
        int n = Integer.parseInt(v.equals("default") ? "100" : v);
        if (n < 0 || n > 100) {
          throw new ConfigException(key, "from 0 to 100", v);
        }
      }
      if (key.equals("emergency_disable")) {
        FlagsConfig f =
            nextConfig.flags().withEmergencyDisable(FlagsConfig.parseEmergencyDisable(v));
        nextConfig = nextConfig.withFlags(f);
      }
      next.put(key, v);
    }
    return apply(next, nextConfig, actor, "runtime");
  }

  private ConfigChange apply(
      Map<String, String> next, AppConfig nextConfig, String actor, String source) {
    List<ConfigChange.KeyChange> changed = new ArrayList<>();
    List<String> restart = new ArrayList<>();
    next.forEach(
        (k, v) -> {
          if (!Objects.equals(values.get(k), v)) {
            changed.add(new ConfigChange.KeyChange(k, values.get(k), v));
            if (k.startsWith("server.")) {
              restart.add(k);
            }
            origins.put(k, "runtime (" + actor + ")");
          }
        });
    ConfigSnapshot before = current;
    values.clear();
    values.putAll(next);
    config = nextConfig;
    current = snapshot(before.version() + 1);
    versions.add(new LinkedHashMap<>(values));
    history.add(0, new ConfigVersion(current.version(), clock.instant(), actor, source, changed));
    return new ConfigChange(before, current, changed, restart);
  }

  @Override
  public synchronized ConfigChange rollback(long version, String actor) {
    if (version < 1 || version > versions.size()) {
      throw new NotFoundException("no configuration version " + version);
    }
    Map<String, String> target = versions.get((int) version - 1);
    AppConfig c =
        config.withFlags(
            config
                .flags()
                .withEmergencyDisable(
                    FlagsConfig.parseEmergencyDisable(target.get("emergency_disable"))));
    return apply(new LinkedHashMap<>(target), c, actor, "rollback");
  }

  @Override
  public synchronized List<ConfigVersion> history() {
    return List.copyOf(history);
  }
}
