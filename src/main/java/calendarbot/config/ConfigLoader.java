package calendarbot.config;

import calendarbot.error.ConfigException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds an {@link AppConfig} from four layers, each overriding the one before: built-in defaults,
 * a YAML file, {@code CALENDARBOT_*} environment variables, command-line flags.
 *
 * <p>Scalar settings have a dotted key ({@code fetch.max_bytes}); the environment variable is the
 * key upper-cased with dots as underscores and the prefix {@code CALENDARBOT_} ({@code
 * CALENDARBOT_FETCH_MAX_BYTES}). Sources come from the YAML {@code sources} list; {@code
 * CALENDARBOT_SOURCES} (URLs separated by commas or spaces) or {@code --source} flags replace that
 * list. Every error is a {@link ConfigException} naming the key, the rule, the value and where the
 * value came from.
 */
public final class ConfigLoader {
  /** Keys every layer may set, in the order the README documents them. */
  public static final List<String> KEYS =
      List.of(
          "server.host",
          "server.port",
          "data_dir",
          "timezone",
          "fetch.connect_timeout",
          "fetch.read_timeout",
          "fetch.max_redirects",
          "fetch.max_bytes",
          "refresh.interval",
          "refresh.jitter",
          "refresh.min_backoff",
          "refresh.max_backoff",
          "expansion.max_instances_per_query",
          "expansion.max_iterations_per_rule",
          "expansion.materialize_past",
          "expansion.materialize_future",
          "connection_pool.enabled",
          "connection_pool.http_max_total",
          "connection_pool.http_max_per_host",
          "connection_pool.http_connection_ttl",
          "connection_pool.http_idle_timeout",
          "connection_pool.http_validate_after_inactivity",
          "connection_pool.http_lease_timeout",
          "connection_pool.dns_cache_ttl",
          "connection_pool.db_pool_size",
          "connection_pool.db_leak_detection",
          "tls.trust_store",
          "tls.trust_store_password",
          "pipeline.enabled",
          "pipeline.cache.enabled",
          "pipeline.single_flight.enabled",
          "pipeline.batching.enabled",
          "pipeline.warming.enabled",
          "pipeline.ttl.whats_next",
          "pipeline.ttl.events_by_range",
          "pipeline.ttl.settings",
          "pipeline.ttl.other",
          "pipeline.cache.max_entries",
          "pipeline.cache.max_bytes",
          "pipeline.batching.window",
          "pipeline.batching.max_size",
          "connection_pool.rollout",
          "pipeline.rollout",
          "pipeline.cache.rollout",
          "pipeline.single_flight.rollout",
          "pipeline.batching.rollout",
          "pipeline.warming.rollout",
          "emergency_disable",
          "resilience.pool.failure_threshold",
          "resilience.pool.saturation",
          "resilience.pool.saturation_for",
          "resilience.pool.open_wait",
          "resilience.pipeline.failure_rate",
          "resilience.pipeline.window",
          "resilience.pipeline.open_wait",
          "resilience.source.failure_threshold",
          "resilience.source.open_wait",
          "resilience.memory.soft",
          "resilience.memory.hard",
          "resilience.bulkhead.max_concurrent",
          "resilience.bulkhead.max_wait",
          "admin.token",
          "admin.token_file",
          "admin.write_limit");

  static final String ENV_PREFIX = "CALENDARBOT_";
  static final String ENV_SOURCES = "CALENDARBOT_SOURCES";

  private final ZoneId systemZone;
  private final Path defaultDataDir;

  /**
   * @param systemZone the display zone when none is configured
   * @param defaultDataDir the data dir when none is configured
   */
  public ConfigLoader(ZoneId systemZone, Path defaultDataDir) {
    this.systemZone = systemZone;
    this.defaultDataDir = defaultDataDir;
  }

  /**
   * The platform default data dir: {@code $XDG_DATA_HOME/calendarbot} or {@code
   * ~/.local/share/calendarbot}.
   */
  public static Path defaultDataDir(Map<String, String> env) {
    String xdg = env.get("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("calendarbot");
  }

  /**
   * @param configFile a YAML file, or {@code null} for none
   * @param env the process environment (only {@code CALENDARBOT_*} entries are read)
   * @param flags flag values by dotted key (only keys given on the command line)
   * @param flagSources {@code --source} values, empty when none were given
   * @throws ConfigException for an unknown key, a malformed value or a value that breaks a rule
   */
  public AppConfig load(
      Path configFile,
      Map<String, String> env,
      Map<String, String> flags,
      List<String> flagSources) {
    return build(read(configFile, env, flags, flagSources), Map.of());
  }

  /**
   * Reads the file, environment and flag layers without building: every value with its origin.
   *
   * @throws ConfigException for an unreadable file, an unknown key or a malformed source
   */
  Layered read(
      Path configFile,
      Map<String, String> env,
      Map<String, String> flags,
      List<String> flagSources) {
    Map<String, Setting> values = new LinkedHashMap<>();
    List<SourceConfig> sources = List.of();
    String sourcesOrigin = null;
    if (configFile != null) {
      JsonNode root = readYaml(configFile);
      String origin = "file " + configFile;
      Map<String, Integer> lines = YamlLines.of(configFile);
      flatten("", root, origin, lines, values);
      JsonNode list = root.get("sources");
      if (list != null && !list.isNull()) {
        sources = SourceListParser.yaml(list, origin);
        sourcesOrigin = at(origin, lines.get("sources"));
      }
    }
    for (String key : KEYS) {
      String v = env.get(envName(key));
      if (v != null) {
        values.put(
            key, new Setting(v, "env " + envName(key), "environment variable " + envName(key)));
      }
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey().startsWith(ENV_PREFIX)
          && !e.getKey().equals(ENV_SOURCES)
          && KEYS.stream().noneMatch(k -> envName(k).equals(e.getKey()))
          && !IGNORED_ENV.contains(e.getKey())) {
        throw new ConfigException(
            e.getKey(),
            "one of " + KEYS.stream().map(ConfigLoader::envName).toList(),
            e.getKey() + "=" + e.getValue());
      }
    }
    String envSources = env.get(ENV_SOURCES);
    if (envSources != null && !envSources.isBlank()) {
      sources = SourceListParser.urls(List.of(envSources.split("[,\\s]+")), ENV_SOURCES);
      sourcesOrigin = "env " + ENV_SOURCES;
    }
    flags.forEach(
        (k, v) -> {
          String flag = "flag --" + k.replace('_', '-').replace("server.", "");
          values.put(k, new Setting(v, flag, flag));
        });
    if (!flagSources.isEmpty()) {
      sources = SourceListParser.urls(flagSources, "--source");
      sourcesOrigin = "flag --source";
    }
    return new Layered(values, sources, sourcesOrigin);
  }

  private static String at(String origin, Integer line) {
    return line == null ? origin : origin + ":" + line;
  }

  /**
   * Builds the config from {@code layered} with {@code overrides} (key → setting) on top.
   *
   * @throws ConfigException naming the key, rule, value and origin of the first bad value
   */
  AppConfig build(Layered layered, Map<String, Setting> overrides) {
    Map<String, Setting> values = new LinkedHashMap<>(layered.values());
    values.putAll(overrides);
    return build(values, layered.sources());
  }

  /**
   * Environment variables with the prefix that belong to later features and are not config keys.
   */
  private static final Set<String> IGNORED_ENV =
      Set.of("CALENDARBOT_JAVA_OPTS", "CALENDARBOT_LOG_LEVEL", "CALENDARBOT_LOG_FORMAT");

  /** {@code fetch.max_bytes} → {@code CALENDARBOT_FETCH_MAX_BYTES}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private AppConfig build(Map<String, Setting> v, List<SourceConfig> sources) {
    ServerConfig defaults = ServerConfig.defaults();
    FetchConfig f = FetchConfig.defaults();
    RefreshConfig r = RefreshConfig.defaults();
    ExpansionConfig x = ExpansionConfig.defaults();
    ConnectionConfig k = ConnectionConfig.defaults();
    PipelineConfig p = PipelineConfig.defaults();
    FlagsConfig fl = FlagsConfig.defaults();
    ResilienceConfig rs = ResilienceConfig.defaults();
    AdminConfig ad = AdminConfig.defaults();
    return within(
        v,
        () ->
            new AppConfig(
                new ServerConfig(
                    str(v, "server.host", defaults.host()),
                    intv(v, "server.port", defaults.port())),
                v.containsKey("data_dir")
                    ? ConfigValues.path("data_dir", v.get("data_dir").text)
                    : defaultDataDir,
                v.containsKey("timezone")
                    ? ConfigValues.zone("timezone", v.get("timezone").text)
                    : systemZone,
                sources,
                new FetchConfig(
                    dur(v, "fetch.connect_timeout", f.connectTimeout()),
                    dur(v, "fetch.read_timeout", f.readTimeout()),
                    intv(v, "fetch.max_redirects", f.maxRedirects()),
                    v.containsKey("fetch.max_bytes")
                        ? ConfigValues.bytes("fetch.max_bytes", v.get("fetch.max_bytes").text)
                        : f.maxBytes()),
                new RefreshConfig(
                    dur(v, "refresh.interval", r.interval()),
                    v.containsKey("refresh.jitter")
                        ? ConfigValues.decimal("refresh.jitter", v.get("refresh.jitter").text)
                        : r.jitter(),
                    dur(v, "refresh.min_backoff", r.minBackoff()),
                    dur(v, "refresh.max_backoff", r.maxBackoff())),
                new ExpansionConfig(
                    intv(v, "expansion.max_instances_per_query", x.maxInstancesPerQuery()),
                    intv(v, "expansion.max_iterations_per_rule", x.maxIterationsPerRule()),
                    dur(v, "expansion.materialize_past", x.materializePast()),
                    dur(v, "expansion.materialize_future", x.materializeFuture())),
                new ConnectionConfig(
                    v.containsKey("connection_pool.enabled")
                        ? ConfigValues.bool(
                            "connection_pool.enabled", v.get("connection_pool.enabled").text)
                        : k.poolEnabled(),
                    intv(v, "connection_pool.http_max_total", k.httpMaxTotal()),
                    intv(v, "connection_pool.http_max_per_host", k.httpMaxPerHost()),
                    dur(v, "connection_pool.http_connection_ttl", k.httpConnectionTtl()),
                    dur(v, "connection_pool.http_idle_timeout", k.httpIdleTimeout()),
                    dur(
                        v,
                        "connection_pool.http_validate_after_inactivity",
                        k.httpValidateAfterInactivity()),
                    dur(v, "connection_pool.http_lease_timeout", k.httpLeaseTimeout()),
                    dur(v, "connection_pool.dns_cache_ttl", k.dnsCacheTtl()),
                    intv(v, "connection_pool.db_pool_size", k.dbPoolSize()),
                    dur(v, "connection_pool.db_leak_detection", k.dbLeakDetection()),
                    v.containsKey("tls.trust_store")
                        ? ConfigValues.path("tls.trust_store", v.get("tls.trust_store").text)
                        : null,
                    str(v, "tls.trust_store_password", null)),
                new PipelineConfig(
                    bool(v, "pipeline.enabled", p.enabled()),
                    bool(v, "pipeline.cache.enabled", p.cacheEnabled()),
                    bool(v, "pipeline.single_flight.enabled", p.singleFlightEnabled()),
                    bool(v, "pipeline.batching.enabled", p.batchingEnabled()),
                    bool(v, "pipeline.warming.enabled", p.warmingEnabled()),
                    dur(v, "pipeline.ttl.whats_next", p.whatsNextTtl()),
                    dur(v, "pipeline.ttl.events_by_range", p.eventsTtl()),
                    dur(v, "pipeline.ttl.settings", p.settingsTtl()),
                    dur(v, "pipeline.ttl.other", p.otherTtl()),
                    intv(v, "pipeline.cache.max_entries", p.maxEntries()),
                    v.containsKey("pipeline.cache.max_bytes")
                        ? ConfigValues.bytes(
                            "pipeline.cache.max_bytes", v.get("pipeline.cache.max_bytes").text)
                        : p.maxWeightBytes(),
                    dur(v, "pipeline.batching.window", p.batchWindow()),
                    intv(v, "pipeline.batching.max_size", p.batchMaxSize())),
                new FlagsConfig(
                    intv(v, "connection_pool.rollout", fl.connectionPoolRollout()),
                    intv(v, "pipeline.rollout", fl.pipelineRollout()),
                    intv(v, "pipeline.cache.rollout", fl.cacheRollout()),
                    intv(v, "pipeline.single_flight.rollout", fl.singleFlightRollout()),
                    intv(v, "pipeline.batching.rollout", fl.batchingRollout()),
                    intv(v, "pipeline.warming.rollout", fl.warmingRollout()),
                    v.containsKey("emergency_disable")
                        ? FlagsConfig.parseEmergencyDisable(v.get("emergency_disable").text)
                        : fl.emergencyDisable()),
                new ResilienceConfig(
                    intv(v, "resilience.pool.failure_threshold", rs.poolFailureThreshold()),
                    dec(v, "resilience.pool.saturation", rs.poolSaturation()),
                    dur(v, "resilience.pool.saturation_for", rs.poolSaturationFor()),
                    dur(v, "resilience.pool.open_wait", rs.poolOpenWait()),
                    dec(v, "resilience.pipeline.failure_rate", rs.pipelineFailureRate()),
                    intv(v, "resilience.pipeline.window", rs.pipelineWindow()),
                    dur(v, "resilience.pipeline.open_wait", rs.pipelineOpenWait()),
                    intv(v, "resilience.source.failure_threshold", rs.sourceFailureThreshold()),
                    dur(v, "resilience.source.open_wait", rs.sourceOpenWait()),
                    dec(v, "resilience.memory.soft", rs.memorySoft()),
                    dec(v, "resilience.memory.hard", rs.memoryHard()),
                    intv(v, "resilience.bulkhead.max_concurrent", rs.bulkheadMaxConcurrent()),
                    durOrZero(v, "resilience.bulkhead.max_wait", rs.bulkheadMaxWait())),
                adminConfig(v, ad)));
  }

  /** {@code admin.token}, else the first line of {@code admin.token_file}. */
  private static AdminConfig adminConfig(Map<String, Setting> v, AdminConfig d) {
    java.nio.file.Path file =
        v.containsKey("admin.token_file")
            ? ConfigValues.path("admin.token_file", v.get("admin.token_file").text)
            : null;
    String token = str(v, "admin.token", null);
    if (token == null && file != null) {
      try {
        token = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
      } catch (IOException e) {
        throw new ConfigException(
            "admin.token_file",
            e,
            "admin.token_file must be a readable file holding the token, but "
                + file
                + " could not be read: "
                + e);
      }
    }
    return new AdminConfig(token, file, intv(v, "admin.write_limit", d.writesPerMinute()));
  }

  private static double dec(Map<String, Setting> v, String key, double def) {
    return v.containsKey(key) ? ConfigValues.decimal(key, v.get(key).text) : def;
  }

  /** A duration that may be zero ("0", "0ms"). */
  private static Duration durOrZero(Map<String, Setting> v, String key, Duration def) {
    if (!v.containsKey(key)) {
      return def;
    }
    String t = v.get(key).text.strip();
    return t.equals("0") ? Duration.ZERO : ConfigValues.duration(key, t);
  }

  private static boolean bool(Map<String, Setting> v, String key, boolean fallback) {
    return v.containsKey(key) ? ConfigValues.bool(key, v.get(key).text) : fallback;
  }

  /** Runs {@code build}, adding to a failure where the offending value was set. */
  private static AppConfig within(
      Map<String, Setting> v, java.util.function.Supplier<AppConfig> build) {
    try {
      return build.get();
    } catch (ConfigException e) {
      Setting s = v.get(e.key());
      if (s == null) {
        throw e;
      }
      throw new ConfigException(e.key(), e, e.getMessage() + " (set by " + s.setBy + ")");
    }
  }

  private static String str(Map<String, Setting> v, String key, String def) {
    return v.containsKey(key) ? v.get(key).text : def;
  }

  private static int intv(Map<String, Setting> v, String key, int def) {
    return v.containsKey(key) ? ConfigValues.integer(key, v.get(key).text) : def;
  }

  private static Duration dur(Map<String, Setting> v, String key, Duration def) {
    return v.containsKey(key) ? ConfigValues.duration(key, v.get(key).text) : def;
  }

  private static JsonNode readYaml(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("--config", "an existing YAML file", file);
    } catch (IOException e) {
      throw new ConfigException(
          "--config",
          e,
          "--config must be a readable YAML file, but "
              + file
              + " could not be read: "
              + e.getMessage());
    }
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(text);
      if (root == null || root.isMissingNode() || root.isNull()) {
        return new ObjectMapper().createObjectNode();
      }
      if (!root.isObject()) {
        throw new ConfigException("--config", "a YAML mapping of settings", file);
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "--config",
          e,
          "--config must be valid YAML, but "
              + file
              + " is not: "
              + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
  }

  private static void flatten(
      String prefix,
      JsonNode node,
      String origin,
      Map<String, Integer> lines,
      Map<String, Setting> out) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      if (key.equals("sources")) {
        continue;
      }
      JsonNode value = e.getValue();
      if (value.isObject()) {
        flatten(key + ".", value, origin, lines, out);
      } else if (!KEYS.contains(key)) {
        Set<String> known = new TreeSet<>(KEYS);
        known.add("sources");
        throw new ConfigException(
            key, "a known setting (one of " + known + "; see README)", key + " in " + origin);
      } else if (!value.isNull()) {
        String where = at(origin, lines.get(key));
        out.put(key, new Setting(value.asText(), where, where));
      }
    }
  }

  /**
   * One value of a layer.
   *
   * @param text the value as written
   * @param origin where it came from, as {@link ConfigEntry#origin()} shows it
   * @param setBy the same for error messages ("environment variable X")
   */
  record Setting(String text, String origin, String setBy) {}

  /**
   * The file, environment and flag layers read.
   *
   * @param values scalar values by key, the later layer's where several set one
   * @param sources the feeds of the layer that set them last
   * @param sourcesOrigin that layer, or {@code null} when none did
   */
  record Layered(Map<String, Setting> values, List<SourceConfig> sources, String sourcesOrigin) {
    Layered {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
      sources = List.copyOf(sources);
    }
  }
}
