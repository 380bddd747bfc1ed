package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calendarbot.config.ConfigWatcher;
import calendarbot.testing.Answer;
import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Hot reload of the config file over a real App (the watcher, not a test hook), rollback through
 * the admin API, and runtime overrides across a restart on the same data dir; each seen in the feed
 * pool's size as {@code /api/status} reports it (a live key applied to a running component).
 */
class ConfigReloadIT {
  private static final String POOL_9 =
      "connection_pool:\n  http_max_total: 9\n  http_max_per_host: 3\n";

  @TempDir Path dir;
  private AppFixture fixture;
  private Path file;

  /** The watcher's log: it reports a rejected file there and nowhere else. */
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  private final Logger watcherLog = (Logger) LoggerFactory.getLogger(ConfigWatcher.class);

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("api-day.ics", "2026-11-23T09:10:00Z", dir.resolve("data"));
    file = dir.resolve("calendarbot.yaml");
    logs.start();
    watcherLog.addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    watcherLog.detachAppender(logs);
    fixture.close();
  }

  private RunningApp start() {
    return fixture.start(fixture.layers(file, Map.of())).awaitReady();
  }

  @Test
  void fileRewritten_validThenInvalid_appliesTheFirstKeepsItForTheSecond_rollbackUndoes()
      throws Exception {
    Files.writeString(file, fixture.yaml());
    RunningApp app = start();
    assertThat(poolMax(app)).isEqualTo(100);

    write(fixture.yaml() + POOL_9);
    await().atMost(Duration.ofSeconds(20)).until(() -> version(app) == 2);
    assertThat(poolMax(app)).as("applied live to the running pool").isEqualTo(9);
    JsonNode entry = entry(app, "connection_pool.http_max_total");
    assertThat(entry.get("value").asText()).isEqualTo("9");
    assertThat(entry.get("origin").asText()).startsWith("file " + file + ":");

    write(fixture.yaml() + "connection_pool:\n  http_max_total: 0\n  http_max_per_host: 3\n");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                logs.list.stream()
                    .anyMatch(
                        e ->
                            e.getLevel() == Level.WARN
                                && e.getFormattedMessage()
                                    .startsWith(
                                        "config: rejected the changed "
                                            + file
                                            + "; version 2 stays in effect:"
                                            + " connection_pool.http_max_total must be")));
    assertThat(version(app)).as("the old snapshot stays").isEqualTo(2);
    assertThat(poolMax(app)).isEqualTo(9);
    // The admin API's reload of the same file answers the rejection.
    Answer rejected = app.post("/api/admin/config/reload", "");
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.body().get("detail").asText())
        .isEqualTo(
            "connection_pool.http_max_total must be between 1 and 1000, but was '0' (set by file "
                + file
                + ":11)");
    assertThat(version(app)).as("the old snapshot stays").isEqualTo(2);
    assertThat(poolMax(app)).isEqualTo(9);

    JsonNode versions = app.get("/api/admin/config/history").body().get("versions");
    assertThat(versions).as("only the applied change is a version").hasSize(2);
    assertThat(versions.get(0).get("version").asLong()).isEqualTo(2);
    assertThat(versions.get(0).get("source").asText()).isEqualTo("file");
    assertThat(versions.get(0).get("changes").toString())
        .contains("{\"key\":\"connection_pool.http_max_total\",\"from\":\"100\",\"to\":\"9\"}")
        .doesNotContain("\"to\":\"0\"");
    assertThat(versions.get(1).get("source").asText()).isEqualTo("startup");

    Answer back = app.post("/api/admin/config/rollback", "{\"version\": 1}");
    assertThat(back.status()).as(back.body().toString()).isEqualTo(200);
    assertThat(back.body().get("version").asLong()).isEqualTo(3);
    assertThat(poolMax(app)).as("the behaviour of version 1").isEqualTo(100);
    assertThat(app.get("/api/admin/config/history").body().at("/versions/0/source").asText())
        .isEqualTo("rollback");
  }

  @Test
  void overrides_surviveARestartOnTheSameDataDir() throws Exception {
    Files.writeString(file, fixture.yaml() + POOL_9);
    RunningApp first = start();
    assertThat(poolMax(first)).isEqualTo(9);
    assertThat(
            first.patch("/api/admin/config", "{\"connection_pool.http_max_total\": 12}").status())
        .isEqualTo(200);
    assertThat(poolMax(first)).isEqualTo(12);
    long version = version(first);
    first.close();

    RunningApp second = start();

    assertThat(poolMax(second)).as("the override beats the file after a restart").isEqualTo(12);
    assertThat(entry(second, "connection_pool.http_max_total").get("origin").asText())
        .startsWith("runtime (admin api from 127.0.0.1, ");
    assertThat(version(second)).isEqualTo(version);
  }

  private static long version(RunningApp app) throws Exception {
    return app.get("/api/admin/config").body().get("version").asLong();
  }

  /** The feed pool's maximum as {@code /api/status} reports it (live, never cached). */
  private static int poolMax(RunningApp app) throws Exception {
    return app.get("/api/status").body().at("/metrics/http.pool.max").asInt();
  }

  /** Replaces the file as editors do (write aside, rename): the watcher never sees half a file. */
  private void write(String yaml) throws Exception {
    Path aside = dir.resolve("calendarbot.yaml.tmp");
    Files.writeString(aside, yaml);
    Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static JsonNode entry(RunningApp app, String key) throws Exception {
    for (JsonNode e : app.get("/api/admin/config").body().get("entries")) {
      if (e.get("key").asText().equals(key)) {
        return e;
      }
    }
    throw new AssertionError("no entry " + key);
  }
}
