package calendarbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {
  private static final AppConfig DEFAULTS =
      AppConfig.defaults(Path.of("/var/lib/cb"), ZoneId.of("UTC"));

  @Test
  void all_scalarKeysThenSources() {
    assertThat(ConfigKeys.all()).startsWith(ConfigLoader.KEYS.toArray(String[]::new));
    assertThat(ConfigKeys.all()).endsWith(ConfigKeys.SOURCES);
  }

  @Test
  void live_followsTheIssueRules() {
    assertThat(ConfigKeys.live("pipeline.ttl.whats_next")).isTrue();
    assertThat(ConfigKeys.live("pipeline.cache.max_bytes")).isTrue();
    assertThat(ConfigKeys.live("pipeline.batching.window")).isFalse();
    assertThat(ConfigKeys.live("pipeline.batching.max_size")).isFalse();
    assertThat(ConfigKeys.live("connection_pool.http_max_total")).isTrue();
    assertThat(ConfigKeys.live("connection_pool.db_pool_size")).isTrue();
    assertThat(ConfigKeys.live("connection_pool.http_connection_ttl")).isFalse();
    assertThat(ConfigKeys.live("refresh.interval")).isTrue();
    assertThat(ConfigKeys.live("pipeline.warming.rollout")).isTrue();
    assertThat(ConfigKeys.live("emergency_disable")).isTrue();
    assertThat(ConfigKeys.live("server.port")).isFalse();
    assertThat(ConfigKeys.live("resilience.pool.open_wait")).isFalse();
    assertThat(ConfigKeys.live(ConfigKeys.SOURCES)).isFalse();
  }

  @Test
  void runtimeSettable_excludesSecurityAndBootstrapKeys() {
    assertThat(ConfigKeys.all())
        .filteredOn(k -> !ConfigKeys.runtimeSettable(k))
        .allMatch(
            k ->
                k.startsWith("server.")
                    || k.equals("data_dir")
                    || k.startsWith("tls.")
                    || k.startsWith("admin.")
                    || k.equals(ConfigKeys.SOURCES));
    assertThat(ConfigKeys.runtimeSettable("pipeline.rollout")).isTrue();
    assertThat(ConfigKeys.runtimeSettable("admin.write_limit")).isFalse();
    assertThat(ConfigKeys.runtimeSettable("no.such_key")).isFalse();
  }

  @Test
  void secret_isTheTokenAndTheTrustStorePassword() {
    assertThat(ConfigKeys.all().stream().filter(ConfigKeys::secret))
        .containsExactlyInAnyOrder("admin.token", "tls.trust_store_password");
  }

  @Test
  void text_ofDefaults_usesTheFileForms() {
    assertThat(ConfigKeys.text(DEFAULTS, "fetch.max_bytes")).isEqualTo("20MB");
    assertThat(ConfigKeys.text(DEFAULTS, "refresh.interval")).isEqualTo("5m");
    assertThat(ConfigKeys.text(DEFAULTS, "emergency_disable")).isEqualTo("none");
    assertThat(ConfigKeys.text(DEFAULTS, "admin.token")).isNull();
    assertThat(ConfigKeys.text(DEFAULTS, ConfigKeys.SOURCES)).isNull();
  }

  @Test
  void text_parsedBack_givesTheSameConfig() {
    AppConfig c =
        DEFAULTS
            .withRefresh(
                new RefreshConfig(
                    Duration.ofMillis(1500), 0.25, Duration.ofSeconds(90), Duration.ofHours(3)))
            .withFetch(new FetchConfig(Duration.ofSeconds(3), Duration.ofDays(1), 2, 1234567))
            .withFlags(FlagsConfig.defaults().withEmergencyDisable(Set.of("batching", "warming")))
            .withAdmin(new AdminConfig("0123456789abcdef0123", null, 7))
            .withSources(
                List.of(
                    new SourceConfig(
                        "work",
                        "Work",
                        URI.create("https://x.example.test/private-abc/basic.ics"),
                        new SourceAuth.Basic("me", "s3cret"),
                        Map.of("X-Key", "hdr-secret"),
                        Duration.ofMinutes(10))));

    AppConfig back = ConfigLayers.given(c).load();

    assertThat(back).isEqualTo(c);
    for (String key : ConfigKeys.all()) {
      assertThat(ConfigKeys.text(back, key)).as(key).isEqualTo(ConfigKeys.text(c, key));
    }
  }

  @Test
  void text_ofSources_redactsSecretsButChangesWithThem() {
    SourceConfig s =
        new SourceConfig(
            "work",
            null,
            URI.create("https://x.example.test/private-abc/basic.ics"),
            new SourceAuth.Basic("me", "s3cret"),
            Map.of("X-Key", "hdr-secret"),
            null);
    SourceConfig other =
        new SourceConfig(
            "work",
            null,
            s.url(),
            new SourceAuth.Basic("me", "other"),
            Map.of("X-Key", "hdr-secret"),
            null);

    String text = ConfigKeys.text(DEFAULTS.withSources(List.of(s)), ConfigKeys.SOURCES);

    assertThat(text)
        .contains("work=https://x.example.test/\u2026/basic.ics", "auth=basic", "[X-Key]")
        .doesNotContain("s3cret", "hdr-secret", "private-abc");
    assertThat(ConfigKeys.text(DEFAULTS.withSources(List.of(other)), ConfigKeys.SOURCES))
        .isNotEqualTo(text);
  }

  @Test
  void shown_redactsSecrets() {
    AppConfig c = DEFAULTS.withAdmin(new AdminConfig("0123456789abcdef0123", null, 7));

    assertThat(ConfigKeys.shown(c, "admin.token")).isEqualTo(ConfigEntry.REDACTED);
    assertThat(ConfigKeys.shown(DEFAULTS, "admin.token")).isNull();
  }

  @Test
  void text_unknownKey_isRejected() {
    assertThatThrownBy(() -> ConfigKeys.text(DEFAULTS, "nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }
}
