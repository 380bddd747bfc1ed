package calendarbot.config;

import calendarbot.config.ConfigLoader.Layered;
import calendarbot.config.ConfigLoader.Setting;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The inputs of the configuration below the runtime overrides, kept so the file can be read again:
 * the YAML file, the environment, the command-line flags and {@code --source} values, or a whole
 * {@link AppConfig} given by a caller (tests, embedding), whose non-default values then show the
 * origin {@code given}.
 *
 * <p>Immutable; {@link #read()} reads the file anew on every call.
 */
public final class ConfigLayers {
  /** The origin of a value taken from a given {@link AppConfig}. */
  public static final String GIVEN = "given";

  private final Path file;
  private final Map<String, String> env;
  private final Map<String, String> flags;
  private final List<String> flagSources;
  private final ZoneId systemZone;
  private final Path defaultDataDir;
  private final AppConfig given;

  private ConfigLayers(
      Path file,
      Map<String, String> env,
      Map<String, String> flags,
      List<String> flagSources,
      ZoneId systemZone,
      Path defaultDataDir,
      AppConfig given) {
    this.file = file;
    this.env = Map.copyOf(env);
    this.flags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    this.flagSources = List.copyOf(flagSources);
    this.systemZone = Objects.requireNonNull(systemZone, "systemZone");
    this.defaultDataDir = Objects.requireNonNull(defaultDataDir, "defaultDataDir");
    this.given = given;
  }

  /**
   * Layers read from a file, the environment and flags.
   *
   * @param file a YAML file, or {@code null} for none
   * @param env the process environment (only {@code CALENDARBOT_*} entries are read)
   * @param flags flag values by dotted key (only keys given on the command line)
   * @param flagSources {@code --source} values, empty when none were given
   * @param systemZone the display zone when none is configured
   * @param defaultDataDir the data dir when none is configured
   */
  public static ConfigLayers of(
      Path file,
      Map<String, String> env,
      Map<String, String> flags,
      List<String> flagSources,
      ZoneId systemZone,
      Path defaultDataDir) {
    return new ConfigLayers(file, env, flags, flagSources, systemZone, defaultDataDir, null);
  }

  /** One layer holding {@code config}: what {@code App.start(AppConfig, Clock)} uses. */
  public static ConfigLayers given(AppConfig config) {
    return new ConfigLayers(
        null, Map.of(), Map.of(), List.of(), config.displayZone(), config.dataDir(), config);
  }

  /** The YAML file, or {@code null}. */
  public Path file() {
    return file;
  }

  /**
   * The configuration of these layers alone, without runtime overrides (reads the file).
   *
   * @throws calendarbot.error.ConfigException for an unreadable file or an invalid value
   */
  public AppConfig load() {
    return loader().build(read(), Map.of());
  }

  ConfigLoader loader() {
    return new ConfigLoader(systemZone, defaultDataDir);
  }

  /** Every value of these layers with its origin; reads the file again. */
  Layered read() {
    if (given == null) {
      return loader().read(file, env, flags, flagSources);
    }
    AppConfig defaults = AppConfig.defaults(given.dataDir(), given.displayZone());
    Map<String, Setting> values = new LinkedHashMap<>();
    for (String key : ConfigLoader.KEYS) {
      String text = ConfigKeys.text(given, key);
      boolean bootstrap = key.equals("data_dir") || key.equals("timezone");
      if (text != null && (bootstrap || !text.equals(ConfigKeys.text(defaults, key)))) {
        values.put(key, new Setting(text, GIVEN, GIVEN));
      }
    }
    return new Layered(values, given.sources(), given.sources().isEmpty() ? null : GIVEN);
  }
}
