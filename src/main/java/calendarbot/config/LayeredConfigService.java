package calendarbot.config;

import calendarbot.config.ConfigLoader.Layered;
import calendarbot.config.ConfigLoader.Setting;
import calendarbot.config.OverrideStore.Recorded;
import calendarbot.config.OverrideStore.StoredOverride;
import calendarbot.error.ConfigException;
import calendarbot.error.NotFoundException;
import calendarbot.error.StorageException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ConfigService} over {@link ConfigLayers} and an {@link OverrideStore}: every change builds
 * and validates a whole {@link AppConfig} before the volatile swap, is recorded with the next
 * version, then handed to the listeners.
 *
 * <p>Restart-required keys: the snapshot carries their new values, flagged {@link
 * ConfigEntry#pendingRestart()} while they differ from the values the process started with, and
 * listed in {@link ConfigChange#restartRequired()}; components built at start keep using the start
 * values, because only live keys are applied to running components.
 */
final class LayeredConfigService implements ConfigService {
  private static final Logger LOG = LoggerFactory.getLogger(LayeredConfigService.class);

  private final ConfigLayers layers;
  private final ConfigLoader loader;
  private final OverrideStore store;
  private final Clock clock;
  private final Map<String, String> started;
  private final List<Consumer<ConfigChange>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();

  /** Guarded by {@link #lock}. */
  private Layered base;

  /** Guarded by {@link #lock}. */
  private Map<String, StoredOverride> overrides;

  private volatile ConfigSnapshot current;

  private LayeredConfigService(
      ConfigLayers layers,
      OverrideStore store,
      Clock clock,
      Layered base,
      Map<String, StoredOverride> overrides,
      AppConfig config) {
    this.layers = layers;
    this.loader = layers.loader();
    this.store = store;
    this.clock = clock;
    this.base = base;
    this.overrides = overrides;
    this.started = ConfigKeys.texts(config);
  }

  /** See {@link ConfigService#open}. */
  static ConfigService open(ConfigLayers layers, OverrideStore store, Clock clock) {
    Layered base = layers.read();
    ConfigLoader loader = layers.loader();
    // Fails like a plain start when the file, env or flags are bad: exit 2 at startup.
    loader.build(base, Map.of());
    Map<String, StoredOverride> valid = validOverrides(loader, base, store.load());
    AppConfig config = loader.build(base, settings(valid));
    LayeredConfigService service =
        new LayeredConfigService(layers, store, clock, base, valid, config);
    service.start(config);
    return service;
  }

  /** See {@link ConfigService#preview}. */
  static ConfigSnapshot preview(ConfigLayers layers, Map<String, StoredOverride> stored) {
    Layered base = layers.read();
    ConfigLoader loader = layers.loader();
    loader.build(base, Map.of());
    Map<String, StoredOverride> valid = validOverrides(loader, base, stored);
    AppConfig config = loader.build(base, settings(valid));
    Map<String, String> texts = ConfigKeys.texts(config);
    return snapshot(0, config, base, valid, texts);
  }

  /**
   * The stored overrides that still apply: an unknown or no longer settable key, or a value that no
   * longer validates (with the rest), is skipped with a WARN, so the kiosk comes up.
   */
  private static Map<String, StoredOverride> validOverrides(
      ConfigLoader loader, Layered base, Map<String, StoredOverride> stored) {
    Map<String, StoredOverride> valid = new LinkedHashMap<>();
    for (Map.Entry<String, StoredOverride> e : stored.entrySet()) {
      String key = e.getKey();
      if (!ConfigKeys.runtimeSettable(key)) {
        LOG.warn(
            "config: skipping the stored runtime override of '{}' (set by {} at {}): it is not a"
                + " key that can be set at runtime",
            key,
            e.getValue().actor(),
            e.getValue().at());
        continue;
      }
      Map<String, StoredOverride> tried = new LinkedHashMap<>(valid);
      tried.put(key, e.getValue());
      try {
        loader.build(base, settings(tried));
        valid.put(key, e.getValue());
      } catch (ConfigException ex) {
        LOG.warn(
            "config: skipping the stored runtime override {}={} (set by {} at {}): {}",
            key,
            ConfigKeys.redact(key, e.getValue().value()),
            e.getValue().actor(),
            e.getValue().at(),
            ex.getMessage());
      }
    }
    return valid;
  }

  private static Map<String, Setting> settings(Map<String, StoredOverride> overrides) {
    Map<String, Setting> out = new LinkedHashMap<>();
    overrides.forEach(
        (k, o) -> {
          String origin = "runtime (" + o.actor() + ", " + o.at() + ")";
          out.put(k, new Setting(o.value(), origin, origin));
        });
    return out;
  }

  /** Records the start as a new version when the effective values differ from the last one. */
  private void start(AppConfig config) {
    Map<String, String> texts = ConfigKeys.texts(config);
    Map<String, String> shown = redacted(texts);
    var latest = store.latest();
    long version;
    if (latest.isEmpty()) {
      version = 1;
      recordAtStart(record(version, "startup", "startup", List.of(), shown));
    } else {
      Map<String, String> before = store.effectiveAt(latest.get().version()).orElse(Map.of());
      List<ConfigChange.KeyChange> changes = diff(before, shown);
      if (changes.isEmpty()) {
        version = latest.get().version();
      } else {
        version = latest.get().version() + 1;
        recordAtStart(record(version, "startup", "startup", changes, shown));
        LOG.info("config: version {} at startup changed {}", version, describe(changes));
      }
    }
    current = snapshot(version, config, base, overrides, started);
  }

  /**
   * Records the start's version; a store that cannot be written (read-only or locked database) only
   * costs the history entry: the kiosk must come up.
   */
  private void recordAtStart(Recorded recorded) {
    try {
      store.record(recorded);
    } catch (StorageException e) {
      LOG.warn(
          "config: could not record version {} at startup; the history will miss it: {}",
          recorded.version().version(),
          e.getMessage());
    }
  }

  @Override
  public ConfigSnapshot current() {
    return current;
  }

  @Override
  public void addListener(Consumer<ConfigChange> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public ConfigChange reloadFile() {
    synchronized (lock) {
      Layered read = layers.read();
      return apply(read, overrides, "file", "file reload");
    }
  }

  @Override
  public ConfigChange override(Map<String, String> values, String actor) {
    Objects.requireNonNull(actor, "actor");
    synchronized (lock) {
      Map<String, StoredOverride> next = new LinkedHashMap<>(overrides);
      Instant now = clock.instant();
      for (Map.Entry<String, String> e : values.entrySet()) {
        String key = e.getKey();
        checkSettable(key, e.getValue());
        if (e.getValue() == null) {
          next.remove(key);
        } else {
          next.put(key, new StoredOverride(e.getValue(), actor, now));
        }
      }
      return apply(base, next, "runtime", actor);
    }
  }

  private static void checkSettable(String key, String value) {
    if (!ConfigKeys.known(key)) {
      throw new ConfigException(
          key,
          "a known setting (one of "
              + ConfigKeys.all().stream().filter(ConfigKeys::runtimeSettable).toList()
              + ")",
          key + "=" + ConfigKeys.redact(key, value));
    }
    if (!ConfigKeys.runtimeSettable(key)) {
      throw new ConfigException(
          key,
          "a key that can be set at runtime (server.*, data_dir, tls.*, admin.* and sources are"
              + " set in the file, environment or flags only)",
          key + "=" + ConfigKeys.redact(key, value));
    }
  }

  @Override
  public ConfigChange rollback(long version, String actor) {
    Objects.requireNonNull(actor, "actor");
    synchronized (lock) {
      Map<String, String> target =
          store
              .effectiveAt(version)
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          "config: no version "
                              + version
                              + " in the history (current version "
                              + current.version()
                              + ")"));
      Map<String, String> baseTexts = ConfigKeys.texts(loader.build(base, Map.of()));
      Map<String, StoredOverride> next = new LinkedHashMap<>();
      Instant now = clock.instant();
      List<String> notSettable = new ArrayList<>();
      for (String key : ConfigKeys.all()) {
        String want = target.get(key);
        if (!ConfigKeys.runtimeSettable(key)) {
          if (!Objects.equals(want, ConfigKeys.shown(current.config(), key))) {
            notSettable.add(key);
          }
          continue;
        }
        // An override only where the lower layers say something else, so the result is clean.
        if (want != null && !want.equals(baseTexts.get(key))) {
          StoredOverride kept = overrides.get(key);
          next.put(
              key,
              kept != null && kept.value().equals(want)
                  ? kept
                  : new StoredOverride(want, actor + ", rollback to version " + version, now));
        }
      }
      if (!notSettable.isEmpty()) {
        LOG.warn(
            "config: rollback to version {} cannot restore {}: they are not settable at runtime;"
                + " change them in the file, environment or flags",
            version,
            notSettable);
      }
      return apply(base, next, "rollback", actor);
    }
  }

  @Override
  public List<ConfigVersion> history() {
    return store.history();
  }

  /**
   * Builds and validates the snapshot of {@code nextBase} with {@code nextOverrides}; when valid,
   * records and swaps it and tells the listeners. Caller holds {@link #lock}.
   */
  private ConfigChange apply(
      Layered nextBase, Map<String, StoredOverride> nextOverrides, String source, String actor) {
    AppConfig config = loader.build(nextBase, settings(nextOverrides));
    ConfigSnapshot before = current;
    Map<String, String> texts = ConfigKeys.texts(config);
    List<ConfigChange.KeyChange> changes = diff(ConfigKeys.texts(before.config()), texts);
    boolean overridesChanged = !nextOverrides.equals(overrides);
    if (changes.isEmpty()) {
      if (overridesChanged) {
        store.save(nextOverrides, null);
      }
      base = nextBase;
      overrides = nextOverrides;
      // Origins may have moved (a file now says what an override said): same version, new view.
      current = snapshot(before.version(), config, base, overrides, started);
      return new ConfigChange(before, current, List.of(), List.of());
    }
    long version = before.version() + 1;
    store.save(nextOverrides, record(version, source, actor, changes, redacted(texts)));
    base = nextBase;
    overrides = nextOverrides;
    ConfigSnapshot after = snapshot(version, config, base, overrides, started);
    current = after;
    List<String> restart =
        changes.stream().map(ConfigChange.KeyChange::key).filter(k -> !ConfigKeys.live(k)).toList();
    ConfigChange change = new ConfigChange(before, after, changes, restart);
    LOG.info("config: version {} ({}, {}) changed {}", version, source, actor, describe(changes));
    if (!restart.isEmpty()) {
      LOG.warn(
          "config: {} changed to version {} but take effect only after a restart",
          restart,
          version);
    }
    for (Consumer<ConfigChange> l : listeners) {
      try {
        l.accept(change);
      } catch (RuntimeException e) {
        LOG.error("config: a listener failed on version {}: {}", version, e.toString(), e);
      }
    }
    return change;
  }

  private Recorded record(
      long version,
      String source,
      String actor,
      List<ConfigChange.KeyChange> changes,
      Map<String, String> effective) {
    Map<String, String> present = new LinkedHashMap<>();
    effective.forEach(
        (k, v) -> {
          if (v != null) {
            present.put(k, v);
          }
        });
    return new Recorded(
        new ConfigVersion(version, clock.instant(), actor, source, changes), present);
  }

  private static Map<String, String> redacted(Map<String, String> texts) {
    Map<String, String> out = new LinkedHashMap<>();
    texts.forEach((k, v) -> out.put(k, ConfigKeys.redact(k, v)));
    return out;
  }

  /** Every key whose value differs, the values of secrets redacted. */
  private static List<ConfigChange.KeyChange> diff(
      Map<String, String> before, Map<String, String> after) {
    List<ConfigChange.KeyChange> out = new ArrayList<>();
    for (String key : ConfigKeys.all()) {
      String from = before.get(key);
      String to = after.get(key);
      if (!Objects.equals(from, to)) {
        out.add(
            new ConfigChange.KeyChange(
                key, ConfigKeys.redact(key, from), ConfigKeys.redact(key, to)));
      }
    }
    return out;
  }

  private static String describe(List<ConfigChange.KeyChange> changes) {
    StringBuilder b = new StringBuilder();
    for (ConfigChange.KeyChange c : changes) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(c.key()).append(' ').append(c.from()).append(" -> ").append(c.to());
    }
    return b.toString();
  }

  private static ConfigSnapshot snapshot(
      long version,
      AppConfig config,
      Layered base,
      Map<String, StoredOverride> overrides,
      Map<String, String> started) {
    Map<String, Setting> runtime = settings(overrides);
    List<ConfigEntry> entries = new ArrayList<>();
    for (String key : ConfigKeys.all()) {
      String origin;
      if (key.equals(ConfigKeys.SOURCES)) {
        origin = base.sourcesOrigin() == null ? "default" : base.sourcesOrigin();
      } else if (runtime.containsKey(key)) {
        origin = runtime.get(key).origin();
      } else if (base.values().containsKey(key)) {
        origin = base.values().get(key).origin();
      } else {
        origin = "default";
      }
      boolean live = ConfigKeys.live(key);
      String text = ConfigKeys.text(config, key);
      entries.add(
          new ConfigEntry(
              key,
              ConfigKeys.redact(key, text),
              origin,
              live,
              !live && !Objects.equals(text, started.get(key))));
    }
    return new ConfigSnapshot(version, config, entries);
  }
}
