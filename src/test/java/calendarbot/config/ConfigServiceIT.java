package calendarbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import calendarbot.error.ConfigException;
import calendarbot.error.NotFoundException;
import calendarbot.store.ConfigStore;
import calendarbot.store.Database;
import calendarbot.testing.FakeClock;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The layered config service over a real SQLite store and real files. */
class ConfigServiceIT {
  private static final String TOKEN = "s3cret-admin-token-0123456789";

  @TempDir Path dir;

  private final FakeClock clock = FakeClock.at("2026-03-01T10:00:00Z");
  private final List<Database> open = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger("calendarbot");
  private Path file;

  @BeforeEach
  void setUp() throws IOException {
    file = dir.resolve("calendarbot.yaml");
    write(
        """
        # comment
        refresh:
          interval: 10m
        pipeline:
          ttl:
            whats_next: 20s
        fetch: {max_redirects: 3}
        """);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    root.detachAppender(logs);
    open.forEach(Database::close);
  }

  private void write(String yaml) throws IOException {
    Files.writeString(file, yaml);
  }

  private ConfigLayers layers(Map<String, String> env, Map<String, String> flags) {
    return ConfigLayers.of(file, env, flags, List.of(), ZoneId.of("UTC"), dir.resolve("data"));
  }

  private ConfigLayers layers() {
    return layers(Map.of("CALENDARBOT_ADMIN_TOKEN", TOKEN), Map.of());
  }

  private ConfigStore store() {
    Database db = Database.open(dir.resolve("cb.db"));
    open.add(db);
    return new ConfigStore(db);
  }

  private static ConfigEntry entry(ConfigService s, String key) {
    return s.current().entries().stream()
        .filter(e -> e.key().equals(key))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void open_everyLayer_winsInOrderAndReportsItsOrigin() {
    ConfigService s =
        ConfigService.open(
            layers(
                Map.of(
                    "CALENDARBOT_PIPELINE_TTL_WHATS_NEXT",
                    "30s",
                    "CALENDARBOT_FETCH_MAX_REDIRECTS",
                    "4"),
                Map.of("fetch.max_redirects", "6")),
            store(),
            clock);
    s.override(Map.of("pipeline.ttl.whats_next", "45s"), "test");

    assertThat(entry(s, "server.port").origin()).isEqualTo("default");
    assertThat(entry(s, "refresh.interval"))
        .extracting(ConfigEntry::value, ConfigEntry::origin)
        .containsExactly("10m", "file " + file + ":3");
    assertThat(entry(s, "fetch.max_redirects"))
        .extracting(ConfigEntry::value, ConfigEntry::origin)
        .containsExactly("6", "flag --fetch.max-redirects");
    assertThat(entry(s, "pipeline.ttl.whats_next"))
        .extracting(ConfigEntry::value, ConfigEntry::origin)
        .containsExactly("45s", "runtime (test, 2026-03-01T10:00:00Z)");
    assertThat(s.config().pipeline().whatsNextTtl()).isEqualTo(Duration.ofSeconds(45));
    assertThat(s.config().refresh().interval()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void open_envOverFile_showsTheVariable() {
    ConfigService s =
        ConfigService.open(
            layers(Map.of("CALENDARBOT_PIPELINE_TTL_WHATS_NEXT", "30s"), Map.of()), store(), clock);

    assertThat(entry(s, "pipeline.ttl.whats_next"))
        .extracting(ConfigEntry::value, ConfigEntry::origin, ConfigEntry::live)
        .containsExactly("30s", "env CALENDARBOT_PIPELINE_TTL_WHATS_NEXT", true);
    assertThat(entry(s, "pipeline.ttl.settings").origin()).isEqualTo("default");
  }

  @Test
  void open_givenConfig_showsOriginGivenForNonDefaults() {
    AppConfig given =
        AppConfig.defaults(dir, ZoneId.of("Europe/Berlin"))
            .withRefresh(
                new RefreshConfig(
                    Duration.ofMinutes(2), 0.1, Duration.ofSeconds(30), Duration.ofMinutes(30)));

    ConfigService s = ConfigService.open(ConfigLayers.given(given), store(), clock);

    assertThat(s.config()).isEqualTo(given);
    assertThat(entry(s, "refresh.interval").origin()).isEqualTo("given");
    assertThat(entry(s, "timezone").origin()).isEqualTo("given");
    assertThat(entry(s, "refresh.jitter").origin()).isEqualTo("default");
    assertThat(s.current().version()).isEqualTo(1);
  }

  @Test
  void override_survivesARestartOfTheService() {
    ConfigService first = ConfigService.open(layers(), store(), clock);
    first.override(Map.of("pipeline.rollout", "25", "emergency_disable", "batching"), "admin api");

    ConfigService second = ConfigService.open(layers(), store(), clock);

    assertThat(second.config().flags().pipelineRollout()).isEqualTo(25);
    assertThat(second.config().flags().emergencyDisable()).containsExactly("batching");
    assertThat(second.current().version()).isEqualTo(first.current().version());
    assertThat(entry(second, "pipeline.rollout").origin()).startsWith("runtime (admin api, ");
  }

  @Test
  void override_null_removesTheOverride() {
    ConfigService s = ConfigService.open(layers(), store(), clock);
    s.override(Map.of("refresh.interval", "1m"), "a");
    Map<String, String> remove = new HashMap<>();
    remove.put("refresh.interval", null);

    ConfigChange change = s.override(remove, "a");

    assertThat(s.config().refresh().interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(change.changes())
        .containsExactly(new ConfigChange.KeyChange("refresh.interval", "1m", "10m"));
    assertThat(entry(s, "refresh.interval").origin()).startsWith("file ");
  }

  @Test
  void override_badValues_areRejectedAndNothingApplies() {
    ConfigService s = ConfigService.open(layers(), store(), clock);
    long version = s.current().version();

    assertThatThrownBy(
            () ->
                s.override(Map.of("pipeline.rollout", "50", "pipeline.cache.rollout", "150"), "a"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pipeline.cache.rollout must be between 0 and 100, but was '150'")
        .hasMessageContaining("set by runtime (a, ");
    assertThatThrownBy(() -> s.override(Map.of("pipeline.rolout", "5"), "a"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pipeline.rolout must be a known setting")
        .hasMessageContaining("pipeline.rollout");
    assertThatThrownBy(() -> s.override(Map.of("admin.token", "x".repeat(30)), "a"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("admin.token must be a key that can be set at runtime")
        .hasMessageContaining("admin.token=***")
        .hasMessageNotContaining("xxxx");
    assertThatThrownBy(() -> s.override(Map.of("server.port", "1"), "a"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("server.port must be a key that can be set at runtime");

    assertThat(s.current().version()).isEqualTo(version);
    assertThat(s.config().flags().pipelineRollout()).isEqualTo(100);
    assertThat(ConfigService.open(layers(), store(), clock).config().flags().pipelineRollout())
        .isEqualTo(100);
  }

  @Test
  void override_tellsListenersWithTheChange() {
    ConfigService s = ConfigService.open(layers(), store(), clock);
    List<ConfigChange> seen = new ArrayList<>();
    s.addListener(c -> seen.add(c));
    s.addListener(
        c -> {
          throw new IllegalStateException("listener bug");
        });
    s.addListener(c -> seen.add(c));

    s.override(Map.of("pipeline.cache.max_entries", "100"), "a");

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).touches("pipeline.cache")).isTrue();
    assertThat(seen.get(0).after().config().pipeline().maxEntries()).isEqualTo(100);
  }

  @Test
  void reloadFile_validChange_appliesAndRecordsAVersion() throws IOException {
    ConfigService s = ConfigService.open(layers(), store(), clock);
    long version = s.current().version();
    clock.advance(Duration.ofMinutes(1));
    write("refresh:\n  interval: 15m\npipeline:\n  ttl:\n    whats_next: 20s\n");

    ConfigChange change = s.reloadFile();

    assertThat(change.changes())
        .containsExactlyInAnyOrder(
            new ConfigChange.KeyChange("refresh.interval", "10m", "15m"),
            new ConfigChange.KeyChange("fetch.max_redirects", "3", "5"));
    assertThat(change.restartRequired()).containsExactly("fetch.max_redirects");
    assertThat(s.current().version()).isEqualTo(version + 1);
    assertThat(s.config().refresh().interval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(entry(s, "refresh.interval").origin()).isEqualTo("file " + file + ":2");
    assertThat(entry(s, "fetch.max_redirects").pendingRestart()).isTrue();
    assertThat(entry(s, "refresh.interval").pendingRestart()).isFalse();
    ConfigVersion newest = s.history().get(0);
    assertThat(newest.version()).isEqualTo(version + 1);
    assertThat(newest.source()).isEqualTo("file");
    assertThat(newest.at()).isEqualTo(Instant.parse("2026-03-01T10:01:00Z"));
    assertThat(logs.list)
        .anyMatch(
            e ->
                e.getLevel() == ch.qos.logback.classic.Level.WARN
                    && e.getFormattedMessage().contains("fetch.max_redirects")
                    && e.getFormattedMessage().contains("restart"));
  }

  @Test
  void reloadFile_invalidFile_isRejectedAndTheOldSnapshotStays() throws IOException {
    ConfigService s = ConfigService.open(layers(), store(), clock);
    ConfigSnapshot before = s.current();
    int versions = s.history().size();
    write("refresh:\n  interval: 10m\n  jitter: 2\n");

    assertThatThrownBy(s::reloadFile)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("refresh.jitter must be between 0 and 0.5, but was '2.0'")
        .hasMessageContaining("(set by file " + file + ":3)");

    assertThat(s.current()).isSameAs(before);
    assertThat(s.history()).hasSize(versions);
  }

  @Test
  void reloadFile_unchangedFile_isNoChange() {
    ConfigService s = ConfigService.open(layers(), store(), clock);

    ConfigChange change = s.reloadFile();

    assertThat(change.changed()).isFalse();
    assertThat(change.after().version()).isEqualTo(change.before().version());
  }

  @Test
  void rollback_returnsTheEffectiveValuesOfThatVersion() throws IOException {
    ConfigService s = ConfigService.open(layers(), store(), clock);
    long start = s.current().version();
    s.override(Map.of("pipeline.rollout", "25"), "a");
    write(
        "refresh:\n  interval: 1h\npipeline:\n  ttl:\n    whats_next: 20s\nfetch: {max_redirects: 3}\n");
    s.reloadFile();
    s.override(Map.of("refresh.jitter", "0.3"), "b");

    ConfigChange change = s.rollback(start, "operator");

    AppConfig c = s.config();
    assertThat(c.flags().pipelineRollout()).isEqualTo(100);
    assertThat(c.refresh().interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.refresh().jitter()).isEqualTo(RefreshConfig.defaults().jitter());
    assertThat(change.changes())
        .extracting(ConfigChange.KeyChange::key)
        .containsExactlyInAnyOrder("pipeline.rollout", "refresh.interval", "refresh.jitter");
    assertThat(s.history().get(0))
        .extracting(ConfigVersion::source, ConfigVersion::actor)
        .containsExactly("rollback", "operator");
    assertThat(entry(s, "refresh.interval").origin()).contains("rollback to version " + start);
    assertThatThrownBy(() -> s.rollback(999, "operator"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no version 999");
  }

  @Test
  void history_newestFirstWithActorSourceAndChanges() {
    ConfigService s = ConfigService.open(layers(), store(), clock);
    s.override(Map.of("pipeline.rollout", "25"), "admin api from 10.0.0.5");
    s.override(Map.of("pipeline.rollout", "50"), "admin api from 10.0.0.6");

    List<ConfigVersion> h = s.history();

    assertThat(h)
        .extracting(ConfigVersion::version, ConfigVersion::source, ConfigVersion::actor)
        .containsExactly(
            tuple(3L, "runtime", "admin api from 10.0.0.6"),
            tuple(2L, "runtime", "admin api from 10.0.0.5"),
            tuple(1L, "startup", "startup"));
    assertThat(h.get(0).changes())
        .containsExactly(new ConfigChange.KeyChange("pipeline.rollout", "25", "50"));
  }

  @Test
  void open_restartWithAChangedFile_recordsAStartupVersion() throws IOException {
    ConfigService.open(layers(), store(), clock);
    write("refresh:\n  interval: 20m\n");

    ConfigService s = ConfigService.open(layers(), store(), clock);

    assertThat(s.current().version()).isEqualTo(2);
    assertThat(s.history().get(0).changes())
        .extracting(ConfigChange.KeyChange::key)
        .contains("refresh.interval", "pipeline.ttl.whats_next", "fetch.max_redirects");
    assertThat(entry(s, "refresh.interval").pendingRestart()).isFalse();
  }

  @Test
  void open_storedOverrideNoLongerValid_isSkippedWithAWarning() {
    ConfigStore store = store();
    Instant at = Instant.parse("2026-02-01T00:00:00Z");
    store.save(
        Map.of(
            "pipeline.rollout", new OverrideStore.StoredOverride("40", "a", at),
            "refresh.jitter", new OverrideStore.StoredOverride("9", "a", at),
            "server.port", new OverrideStore.StoredOverride("1", "a", at)),
        null);

    ConfigService s = ConfigService.open(layers(), store, clock);

    assertThat(s.config().flags().pipelineRollout()).isEqualTo(40);
    assertThat(s.config().refresh().jitter()).isEqualTo(RefreshConfig.defaults().jitter());
    assertThat(s.config().server().port()).isEqualTo(ServerConfig.defaults().port());
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.contains("refresh.jitter=9") && m.contains("refresh.jitter must be"))
        .anyMatch(m -> m.contains("'server.port'"));
  }

  @Test
  void secrets_neverAppearInEntriesHistoryOrLogs() throws IOException {
    ConfigService s = ConfigService.open(layers(), store(), clock);
    write(
        "refresh:\n  interval: 10m\ntls:\n  trust_store_password: tls-pass-secret\nadmin:\n  token: "
            + "another-admin-token-0123456789\n");
    s.reloadFile();
    s.override(Map.of("pipeline.rollout", "10"), "a");

    assertThat(s.config().admin().token()).isEqualTo(TOKEN);
    assertThat(entry(s, "admin.token").value()).isEqualTo(ConfigEntry.REDACTED);
    assertThat(entry(s, "tls.trust_store_password").value()).isEqualTo(ConfigEntry.REDACTED);
    assertThat(s.current().entries().toString())
        .doesNotContain(TOKEN)
        .doesNotContain("tls-pass-secret");
    assertThat(s.history().toString())
        .doesNotContain(TOKEN)
        .doesNotContain("tls-pass-secret")
        .contains("tls.trust_store_password");
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(m -> m.contains(TOKEN) || m.contains("tls-pass-secret"));
  }

  @Test
  void open_storeCannotRecord_startsAnywayWithAWarning() {
    OverrideStore memory = OverrideStore.inMemory();
    OverrideStore readOnly =
        new OverrideStore() {
          @Override
          public Map<String, StoredOverride> load() {
            return memory.load();
          }

          @Override
          public void save(Map<String, StoredOverride> overrides, Recorded recorded) {
            throw new calendarbot.error.StorageException(
                "store: save failed: attempt to write a readonly database", null);
          }

          @Override
          public List<ConfigVersion> history() {
            return memory.history();
          }

          @Override
          public java.util.Optional<Map<String, String>> effectiveAt(long version) {
            return memory.effectiveAt(version);
          }
        };

    ConfigService s = ConfigService.open(layers(), readOnly, clock);

    assertThat(s.current().version()).isEqualTo(1);
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.contains("could not record version 1") && m.contains("readonly"));
    assertThatThrownBy(() -> s.override(Map.of("pipeline.rollout", "5"), "a"))
        .isInstanceOf(calendarbot.error.StorageException.class);
    assertThat(s.config().flags().pipelineRollout()).isEqualTo(100);
  }
}
