package calendarbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(ZoneId.of("UTC"), Path.of("/var/lib/cb"));

  private Path yaml(String text) throws IOException {
    Path f = dir.resolve("calendarbot.yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void load_nothingGiven_usesDefaults() {
    AppConfig c = loader.load(null, Map.of(), Map.of(), List.of());

    assertThat(c.server()).isEqualTo(new ServerConfig("127.0.0.1", 8080));
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/cb"));
    assertThat(c.displayZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(c.sources()).isEmpty();
    assertThat(c.fetch().maxBytes()).isEqualTo(20L * 1024 * 1024);
    assertThat(c.refresh().interval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void load_fileEnvAndFlags_laterLayersWin() throws IOException {
    Path f =
        yaml(
            """
            server: {port: 9000, host: 0.0.0.0}
            timezone: Europe/Berlin
            fetch: {max_bytes: 1MB, read_timeout: 2s}
            """);

    AppConfig c =
        loader.load(
            f,
            Map.of("CALENDARBOT_SERVER_PORT", "9100", "CALENDARBOT_FETCH_MAX_BYTES", "512KB"),
            Map.of("server.port", "9200"),
            List.of());

    assertThat(c.server().port()).isEqualTo(9200);
    assertThat(c.server().host()).isEqualTo("0.0.0.0");
    assertThat(c.displayZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(c.fetch().maxBytes()).isEqualTo(512 * 1024);
    assertThat(c.fetch().readTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void load_yamlSourcesWithAuth_parsesEveryField() throws IOException {
    Path f =
        yaml(
            """
            sources:
              - id: work
                name: Work
                url: webcal://calendar.example.test/work.ics
                auth: {type: basic, username: me, password: s3cret}
                headers: {X-Team: blue}
                refresh_interval: 10m
              - url: https://calendar.example.test/team.ics
                auth: {type: bearer, token: t0ken}
            """);

    AppConfig c = loader.load(f, Map.of(), Map.of(), List.of());

    SourceConfig work = c.sources().get(0);
    assertThat(work.id()).isEqualTo("work");
    assertThat(work.url().toString()).isEqualTo("https://calendar.example.test/work.ics");
    assertThat(work.auth()).isEqualTo(new SourceAuth.Basic("me", "s3cret"));
    assertThat(work.headers()).containsEntry("X-Team", "blue");
    assertThat(work.refreshInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(work.toString()).doesNotContain("s3cret");
    SourceConfig team = c.sources().get(1);
    assertThat(team.id()).startsWith("calendar-");
    assertThat(team.auth()).isEqualTo(new SourceAuth.Bearer("t0ken"));
    assertThat(team.toString()).doesNotContain("t0ken");
  }

  @Test
  void load_flagSources_replaceFileSourcesWithStableIds() throws IOException {
    Path f = yaml("sources: [https://a.example.test/a.ics]\n");

    AppConfig first = loader.load(f, Map.of(), Map.of(), List.of("https://b.example.test/b.ics"));
    AppConfig second =
        loader.load(null, Map.of(), Map.of(), List.of("x.ics", "https://b.example.test/b.ics"));

    assertThat(first.sources()).hasSize(1);
    assertThat(first.sources().get(0).id()).isEqualTo(second.sources().get(1).id());
    assertThat(second.sources().get(0).url().getScheme()).isEqualTo("file");
  }

  @Test
  void load_envSources_splitOnCommasAndSpaces() {
    AppConfig c =
        loader.load(
            null,
            Map.of(
                "CALENDARBOT_SOURCES",
                "https://a.example.test/a.ics, https://b.example.test/b.ics"),
            Map.of(),
            List.of());

    assertThat(c.sources())
        .extracting(s -> s.url().getHost())
        .containsExactly("a.example.test", "b.example.test");
  }

  @Test
  void load_badPort_namesKeyRuleValueAndOrigin() {
    assertThatThrownBy(
            () ->
                loader.load(null, Map.of("CALENDARBOT_SERVER_PORT", "70000"), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "server.port must be between 0 and 65535, but was '70000' (set by environment variable CALENDARBOT_SERVER_PORT)");
  }

  @Test
  void load_badDuration_namesTheAcceptedForms() throws IOException {
    Path f = yaml("refresh:\n  interval: soon\n");

    assertThatThrownBy(() -> loader.load(f, Map.of(), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "refresh.interval must be a duration such as 500ms, 30s, 5m, 2h, 14d or PT30S, but was 'soon'");
  }

  @Test
  void load_unknownYamlKey_isRejectedWithTheKnownKeys() throws IOException {
    Path f = yaml("fetch:\n  maxbytes: 10\n");

    assertThatThrownBy(() -> loader.load(f, Map.of(), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fetch.maxbytes must be a known setting")
        .hasMessageContaining("fetch.max_bytes");
  }

  @Test
  void load_unknownEnvVariable_isRejected() {
    assertThatThrownBy(
            () -> loader.load(null, Map.of("CALENDARBOT_PROT", "1"), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CALENDARBOT_PROT")
        .hasMessageContaining("CALENDARBOT_SERVER_PORT");
  }

  @Test
  void load_launcherAndLoggingEnvVariables_areNotConfigKeysAndAccepted() {
    Map<String, String> env =
        Map.of(
            "CALENDARBOT_JAVA_OPTS", "-Xmx64m",
            "CALENDARBOT_LOG_LEVEL", "DEBUG",
            "CALENDARBOT_LOG_FORMAT", "json");

    assertThat(loader.load(null, env, Map.of(), List.of())).isNotNull();
  }

  @Test
  void load_badTimezone_explainsIana() {
    assertThatThrownBy(
            () -> loader.load(null, Map.of(), Map.of("timezone", "Mars/Olympus"), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "timezone must be an IANA time zone such as Europe/Berlin or America/New_York, but was 'Mars/Olympus'");
  }

  @Test
  void load_unsupportedScheme_isRejected() {
    assertThatThrownBy(
            () -> loader.load(null, Map.of(), Map.of(), List.of("ftp://x.example.test/a.ics")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "must be an http, https, webcal or file URL, but was 'ftp://x.example.test/a.ics'");
  }

  @Test
  void load_malformedYaml_saysWhichLine() throws IOException {
    Path f = yaml("server:\n  port: [\n");

    assertThatThrownBy(() -> loader.load(f, Map.of(), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be valid YAML")
        .hasMessageContaining("line");
  }

  @Test
  void load_missingConfigFile_isRejected() {
    assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"), Map.of(), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--config must be an existing YAML file");
  }

  @Test
  void load_basicAuthWithoutPassword_namesTheField() throws IOException {
    Path f =
        yaml(
            "sources:\n  - {id: w, url: https://x.example.test/a.ics, auth: {type: basic, username: me}}\n");

    assertThatThrownBy(() -> loader.load(f, Map.of(), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("sources[0].auth.password must be set, but was missing");
  }

  @Test
  void load_hugeNumbers_areRejectedNotOverflowed() {
    assertThatThrownBy(
            () ->
                loader.load(
                    null,
                    Map.of("CALENDARBOT_FETCH_MAX_BYTES", "99999999999999999GB"),
                    Map.of(),
                    List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("fetch.max_bytes must be a size of a sensible magnitude");
    assertThatThrownBy(
            () ->
                loader.load(
                    null,
                    Map.of("CALENDARBOT_REFRESH_INTERVAL", "999999999999999999999d"),
                    Map.of(),
                    List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("refresh.interval must be a duration of a sensible size");
    assertThatThrownBy(
            () ->
                loader.load(
                    null, Map.of("CALENDARBOT_SERVER_PORT", "99999999999"), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("server.port must be a whole number");
  }

  @Test
  void load_connectionPoolSettings_fromYamlAndEnv() throws IOException {
    Path f = yaml("connection_pool: {http_max_total: 20, http_max_per_host: 5, db_pool_size: 2}\n");

    AppConfig c =
        loader.load(f, Map.of("CALENDARBOT_CONNECTION_POOL_ENABLED", "false"), Map.of(), List.of());

    assertThat(c.connection().poolEnabled()).isFalse();
    assertThat(c.connection().httpMaxTotal()).isEqualTo(20);
    assertThat(c.connection().httpMaxPerHost()).isEqualTo(5);
    assertThat(c.connection().dbPoolSize()).isEqualTo(2);
    assertThat(loader.load(null, Map.of(), Map.of(), List.of()).connection().poolEnabled())
        .isTrue();
  }

  @Test
  void load_perHostAboveTotal_isRejected() throws IOException {
    Path f = yaml("connection_pool: {http_max_total: 10, http_max_per_host: 20}\n");

    assertThatThrownBy(() -> loader.load(f, Map.of(), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "connection_pool.http_max_per_host must be at most connection_pool.http_max_total (10), but was '20'");
  }

  @Test
  void load_notABoolean_namesTheForms() {
    assertThatThrownBy(
            () ->
                loader.load(
                    null,
                    Map.of("CALENDARBOT_CONNECTION_POOL_ENABLED", "maybe"),
                    Map.of(),
                    List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("connection_pool.enabled must be true or false, but was 'maybe'");
  }

  @Test
  void load_pipelineKeysNotGiven_useThePipelineDefaults() {
    assertThat(loader.load(null, Map.of(), Map.of(), List.of()).pipeline())
        .isEqualTo(PipelineConfig.defaults());
  }

  @Test
  void load_pipelineKeysFromYaml_parseEveryKey() throws IOException {
    Path f =
        yaml(
            """
            pipeline:
              enabled: true
              cache: {enabled: false, max_entries: 200, max_bytes: 2MB}
              single_flight: {enabled: false}
              batching: {enabled: true, window: 20ms, max_size: 5}
              warming: {enabled: false}
              ttl: {whats_next: 30s, events_by_range: 2m, settings: 1h, other: 45s}
            """);

    PipelineConfig p = loader.load(f, Map.of(), Map.of(), List.of()).pipeline();

    assertThat(p)
        .isEqualTo(
            new PipelineConfig(
                true,
                false,
                false,
                true,
                false,
                Duration.ofSeconds(30),
                Duration.ofMinutes(2),
                Duration.ofHours(1),
                Duration.ofSeconds(45),
                200,
                2L * 1024 * 1024,
                Duration.ofMillis(20),
                5));
  }

  @Test
  void load_pipelineKeysFromEnvAndFlags_useTheDerivedNames() {
    AppConfig c =
        loader.load(
            null,
            Map.of(
                "CALENDARBOT_PIPELINE_ENABLED", "false",
                "CALENDARBOT_PIPELINE_SINGLE_FLIGHT_ENABLED", "false",
                "CALENDARBOT_PIPELINE_TTL_EVENTS_BY_RANGE", "10s",
                "CALENDARBOT_PIPELINE_CACHE_MAX_BYTES", "512KB",
                "CALENDARBOT_PIPELINE_BATCHING_MAX_SIZE", "3"),
            Map.of("pipeline.ttl.whats_next", "90s", "pipeline.batching.max_size", "4"),
            List.of());

    PipelineConfig p = c.pipeline();
    assertThat(p.enabled()).isFalse();
    assertThat(p.singleFlightEnabled()).isFalse();
    assertThat(p.eventsTtl()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.whatsNextTtl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(p.maxWeightBytes()).isEqualTo(512 * 1024);
    assertThat(p.batchMaxSize()).isEqualTo(4);
    assertThat(p.cacheEnabled()).isTrue();
  }

  @Test
  void load_pipelineBadValues_nameKeyRuleAndValue() {
    assertThatThrownBy(() -> pipelineEnv("PIPELINE_CACHE_ENABLED", "sometimes"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "pipeline.cache.enabled must be true or false, but was 'sometimes'");
    assertThatThrownBy(() -> pipelineEnv("PIPELINE_TTL_WHATS_NEXT", "soon"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "pipeline.ttl.whats_next must be a duration such as 500ms, 30s, 5m, 2h, 14d or PT30S, but was 'soon'");
    assertThatThrownBy(() -> pipelineEnv("PIPELINE_TTL_SETTINGS", "0s"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pipeline.ttl.settings must be ");
    assertThatThrownBy(() -> pipelineEnv("PIPELINE_CACHE_MAX_ENTRIES", "0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "pipeline.cache.max_entries must be between 1 and 1000000, but was");
    assertThatThrownBy(() -> pipelineEnv("PIPELINE_CACHE_MAX_BYTES", "1KB"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "pipeline.cache.max_bytes must be between 65536 and 1073741824 bytes, but was");
    assertThatThrownBy(() -> pipelineEnv("PIPELINE_BATCHING_WINDOW", "2s"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "pipeline.batching.window must be at most 1s (it delays every batched read), but was");
    assertThatThrownBy(() -> pipelineEnv("PIPELINE_BATCHING_MAX_SIZE", "101"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pipeline.batching.max_size must be between 1 and 100, but was");
  }

  private AppConfig pipelineEnv(String name, String value) {
    return loader.load(null, Map.of("CALENDARBOT_" + name, value), Map.of(), List.of());
  }

  @Test
  void connectionConfig_toString_hidesTheTrustStorePassword() {
    ConnectionConfig c =
        new ConnectionConfig(
            true,
            10,
            5,
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofMinutes(1),
            2,
            Duration.ofSeconds(30),
            Path.of("/x.p12"),
            "hunter2");

    assertThat(c.toString()).doesNotContain("hunter2").contains("trustStorePassword=***");
  }
}
