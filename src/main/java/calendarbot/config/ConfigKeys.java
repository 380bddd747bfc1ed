package calendarbot.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The registry of configuration keys: for every key whether it is <em>live</em> (a change takes
 * effect without a restart), <em>runtime settable</em> (may be overridden through the admin API)
 * and <em>secret</em> (redacted wherever it is shown), and its value as text ({@link #text}), the
 * inverse of parsing, so that snapshots can be compared key by key, stored and rolled back.
 *
 * <p>The scalar keys are {@link ConfigLoader#KEYS}; {@link #all()} adds {@value #SOURCES}, the
 * feeds, shown as a redacted summary.
 */
public final class ConfigKeys {
  /** The pseudo key of the feed list: shown, compared, never settable at runtime. */
  public static final String SOURCES = "sources";

  private static final List<String> ALL;

  static {
    List<String> all = new ArrayList<>(ConfigLoader.KEYS);
    all.add(SOURCES);
    ALL = List.copyOf(all);
  }

  /** The {@code pipeline.*} keys that size executors and queues built once at start. */
  private static final Set<String> PIPELINE_RESTART =
      Set.of("pipeline.batching.window", "pipeline.batching.max_size");

  private static final Set<String> LIVE_CONNECTION =
      Set.of(
          "connection_pool.enabled",
          "connection_pool.rollout",
          "connection_pool.http_max_total",
          "connection_pool.http_max_per_host",
          "connection_pool.db_pool_size");

  private static final Set<String> SECRET = Set.of("admin.token", "tls.trust_store_password");

  private static final Map<String, Function<AppConfig, String>> TEXT = texts();

  private ConfigKeys() {}

  /** Every key, scalar keys in README order, then {@value #SOURCES}. */
  public static List<String> all() {
    return ALL;
  }

  /** Whether {@code key} is a key of {@link #all()}. */
  public static boolean known(String key) {
    return TEXT.containsKey(key);
  }

  /** Whether a change of {@code key} can take effect without a restart. */
  public static boolean live(String key) {
    return (key.startsWith("pipeline.") && !PIPELINE_RESTART.contains(key))
        || LIVE_CONNECTION.contains(key)
        || key.startsWith("refresh.")
        || key.endsWith(".rollout")
        || key.equals("emergency_disable");
  }

  /**
   * Whether {@code key} may be set through the admin API: every known key except the security and
   * bootstrap ones ({@code server.*}, {@code data_dir}, {@code tls.*}, {@code admin.*}) and {@value
   * #SOURCES}.
   */
  public static boolean runtimeSettable(String key) {
    return known(key)
        && !key.startsWith("server.")
        && !key.equals("data_dir")
        && !key.startsWith("tls.")
        && !key.startsWith("admin.")
        && !key.equals(SOURCES);
  }

  /** Whether {@code key}'s value is a secret, shown as {@link ConfigEntry#REDACTED}. */
  public static boolean secret(String key) {
    return SECRET.contains(key);
  }

  /**
   * {@code key}'s value in {@code config} as the YAML file would hold it ({@code 30s}, {@code
   * 20MB}, {@code true}), parsed back to the same value; {@code null} when unset. Secrets are
   * returned in clear: use {@link #shown} for anything a person or a log sees. For {@value
   * #SOURCES} a redacted summary with a fingerprint of the full definitions, so any change shows as
   * a different text.
   *
   * @throws IllegalArgumentException for an unknown key
   */
  public static String text(AppConfig config, String key) {
    Function<AppConfig, String> f = TEXT.get(key);
    if (f == null) {
      throw new IllegalArgumentException("unknown config key '" + key + "'");
    }
    return f.apply(config);
  }

  /** {@link #text}, with a secret's value replaced by {@link ConfigEntry#REDACTED}. */
  public static String shown(AppConfig config, String key) {
    return redact(key, text(config, key));
  }

  /** {@code value} as it may be shown for {@code key}. */
  static String redact(String key, String value) {
    return value != null && secret(key) ? ConfigEntry.REDACTED : value;
  }

  /** Every key's {@link #text}, in {@link #all()} order; unset keys map to {@code null}. */
  static Map<String, String> texts(AppConfig config) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String key : ALL) {
      out.put(key, text(config, key));
    }
    return out;
  }

  /** "500ms", "30s", "5m", "2h", "14d" when exact, else ISO-8601; what the parser accepts. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (!d.equals(Duration.ofMillis(ms))) {
      return d.toString();
    }
    if (ms == 0) {
      return "0s";
    }
    if (ms % 86_400_000L == 0) {
      return ms / 86_400_000L + "d";
    }
    if (ms % 3_600_000L == 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms % 60_000L == 0) {
      return ms / 60_000L + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  static String bytes(long n) {
    if (n > 0 && n % (1024L * 1024 * 1024) == 0) {
      return n / (1024L * 1024 * 1024) + "GB";
    }
    if (n > 0 && n % (1024L * 1024) == 0) {
      return n / (1024L * 1024) + "MB";
    }
    if (n > 0 && n % 1024 == 0) {
      return n / 1024 + "KB";
    }
    return Long.toString(n);
  }

  static String sources(List<SourceConfig> sources) {
    if (sources.isEmpty()) {
      return null;
    }
    StringBuilder shown = new StringBuilder();
    StringBuilder full = new StringBuilder();
    for (SourceConfig s : sources) {
      if (shown.length() > 0) {
        shown.append(", ");
      }
      shown.append(s.id()).append('=').append(SourceConfig.redact(s.url()));
      if (!(s.auth() instanceof SourceAuth.None)) {
        shown.append(" auth=").append(s.auth() instanceof SourceAuth.Basic ? "basic" : "bearer");
      }
      if (!s.headers().isEmpty()) {
        shown.append(" headers=").append(new TreeSet<>(s.headers().keySet()));
      }
      if (s.refreshInterval() != null) {
        shown.append(" refresh_interval=").append(duration(s.refreshInterval()));
      }
      full.append(s.id())
          .append('\n')
          .append(s.name())
          .append('\n')
          .append(s.url())
          .append('\n')
          .append(secretsOf(s.auth()))
          .append('\n')
          .append(new TreeMap<>(s.headers()))
          .append('\n')
          .append(s.refreshInterval())
          .append('\n');
    }
    // The fingerprint makes a changed password or header value a changed text without showing it.
    return shown + " #" + fingerprint(full.toString());
  }

  private static String secretsOf(SourceAuth auth) {
    if (auth instanceof SourceAuth.Basic b) {
      return "basic " + b.username() + ":" + b.password();
    }
    if (auth instanceof SourceAuth.Bearer b) {
      return "bearer " + b.token();
    }
    return "none";
  }

  private static String fingerprint(String text) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static String dec(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static Map<String, Function<AppConfig, String>> texts() {
    Map<String, Function<AppConfig, String>> t = new java.util.HashMap<>();
    t.put("server.host", c -> c.server().host());
    t.put("server.port", c -> Integer.toString(c.server().port()));
    t.put("data_dir", c -> c.dataDir().toString());
    t.put("timezone", c -> c.displayZone().getId());
    t.put("fetch.connect_timeout", c -> duration(c.fetch().connectTimeout()));
    t.put("fetch.read_timeout", c -> duration(c.fetch().readTimeout()));
    t.put("fetch.max_redirects", c -> Integer.toString(c.fetch().maxRedirects()));
    t.put("fetch.max_bytes", c -> bytes(c.fetch().maxBytes()));
    t.put("refresh.interval", c -> duration(c.refresh().interval()));
    t.put("refresh.jitter", c -> dec(c.refresh().jitter()));
    t.put("refresh.min_backoff", c -> duration(c.refresh().minBackoff()));
    t.put("refresh.max_backoff", c -> duration(c.refresh().maxBackoff()));
    t.put(
        "expansion.max_instances_per_query",
        c -> Integer.toString(c.expansion().maxInstancesPerQuery()));
    t.put(
        "expansion.max_iterations_per_rule",
        c -> Integer.toString(c.expansion().maxIterationsPerRule()));
    t.put("expansion.materialize_past", c -> duration(c.expansion().materializePast()));
    t.put("expansion.materialize_future", c -> duration(c.expansion().materializeFuture()));
    t.put("connection_pool.enabled", c -> Boolean.toString(c.connection().poolEnabled()));
    t.put("connection_pool.http_max_total", c -> Integer.toString(c.connection().httpMaxTotal()));
    t.put(
        "connection_pool.http_max_per_host",
        c -> Integer.toString(c.connection().httpMaxPerHost()));
    t.put("connection_pool.http_connection_ttl", c -> duration(c.connection().httpConnectionTtl()));
    t.put("connection_pool.http_idle_timeout", c -> duration(c.connection().httpIdleTimeout()));
    t.put(
        "connection_pool.http_validate_after_inactivity",
        c -> duration(c.connection().httpValidateAfterInactivity()));
    t.put("connection_pool.http_lease_timeout", c -> duration(c.connection().httpLeaseTimeout()));
    t.put("connection_pool.dns_cache_ttl", c -> duration(c.connection().dnsCacheTtl()));
    t.put("connection_pool.db_pool_size", c -> Integer.toString(c.connection().dbPoolSize()));
    t.put("connection_pool.db_leak_detection", c -> duration(c.connection().dbLeakDetection()));
    t.put(
        "tls.trust_store",
        c -> c.connection().trustStore() == null ? null : c.connection().trustStore().toString());
    t.put("tls.trust_store_password", c -> c.connection().trustStorePassword());
    t.put("pipeline.enabled", c -> Boolean.toString(c.pipeline().enabled()));
    t.put("pipeline.cache.enabled", c -> Boolean.toString(c.pipeline().cacheEnabled()));
    t.put(
        "pipeline.single_flight.enabled",
        c -> Boolean.toString(c.pipeline().singleFlightEnabled()));
    t.put("pipeline.batching.enabled", c -> Boolean.toString(c.pipeline().batchingEnabled()));
    t.put("pipeline.warming.enabled", c -> Boolean.toString(c.pipeline().warmingEnabled()));
    t.put("pipeline.ttl.whats_next", c -> duration(c.pipeline().whatsNextTtl()));
    t.put("pipeline.ttl.events_by_range", c -> duration(c.pipeline().eventsTtl()));
    t.put("pipeline.ttl.settings", c -> duration(c.pipeline().settingsTtl()));
    t.put("pipeline.ttl.other", c -> duration(c.pipeline().otherTtl()));
    t.put("pipeline.cache.max_entries", c -> Integer.toString(c.pipeline().maxEntries()));
    t.put("pipeline.cache.max_bytes", c -> bytes(c.pipeline().maxWeightBytes()));
    t.put("pipeline.batching.window", c -> duration(c.pipeline().batchWindow()));
    t.put("pipeline.batching.max_size", c -> Integer.toString(c.pipeline().batchMaxSize()));
    t.put("connection_pool.rollout", c -> Integer.toString(c.flags().connectionPoolRollout()));
    t.put("pipeline.rollout", c -> Integer.toString(c.flags().pipelineRollout()));
    t.put("pipeline.cache.rollout", c -> Integer.toString(c.flags().cacheRollout()));
    t.put("pipeline.single_flight.rollout", c -> Integer.toString(c.flags().singleFlightRollout()));
    t.put("pipeline.batching.rollout", c -> Integer.toString(c.flags().batchingRollout()));
    t.put("pipeline.warming.rollout", c -> Integer.toString(c.flags().warmingRollout()));
    t.put(
        "emergency_disable",
        c ->
            c.flags().emergencyDisable().isEmpty()
                ? "none"
                : String.join(",", new TreeSet<>(c.flags().emergencyDisable())));
    t.put(
        "resilience.pool.failure_threshold",
        c -> Integer.toString(c.resilience().poolFailureThreshold()));
    t.put("resilience.pool.saturation", c -> dec(c.resilience().poolSaturation()));
    t.put("resilience.pool.saturation_for", c -> duration(c.resilience().poolSaturationFor()));
    t.put("resilience.pool.open_wait", c -> duration(c.resilience().poolOpenWait()));
    t.put("resilience.pipeline.failure_rate", c -> dec(c.resilience().pipelineFailureRate()));
    t.put("resilience.pipeline.window", c -> Integer.toString(c.resilience().pipelineWindow()));
    t.put("resilience.pipeline.open_wait", c -> duration(c.resilience().pipelineOpenWait()));
    t.put(
        "resilience.source.failure_threshold",
        c -> Integer.toString(c.resilience().sourceFailureThreshold()));
    t.put("resilience.source.open_wait", c -> duration(c.resilience().sourceOpenWait()));
    t.put("resilience.memory.soft", c -> dec(c.resilience().memorySoft()));
    t.put("resilience.memory.hard", c -> dec(c.resilience().memoryHard()));
    t.put(
        "resilience.bulkhead.max_concurrent",
        c -> Integer.toString(c.resilience().bulkheadMaxConcurrent()));
    t.put("resilience.bulkhead.max_wait", c -> duration(c.resilience().bulkheadMaxWait()));
    t.put("admin.token", c -> c.admin().token());
    t.put(
        "admin.token_file",
        c -> c.admin().tokenFile() == null ? null : c.admin().tokenFile().toString());
    t.put("admin.write_limit", c -> Integer.toString(c.admin().writesPerMinute()));
    t.put(SOURCES, c -> sources(c.sources()));
    for (String key : ALL) {
      if (!t.containsKey(key)) {
        throw new IllegalStateException("config key '" + key + "' has no text form");
      }
    }
    return Map.copyOf(t);
  }
}
