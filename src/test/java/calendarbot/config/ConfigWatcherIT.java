package calendarbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calendarbot.testing.FakeClock;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The watcher against real files: rewritten in place, replaced by rename, made invalid. */
class ConfigWatcherIT {
  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger log = (Logger) LoggerFactory.getLogger("calendarbot.config");
  private Path file;
  private ConfigService service;
  private ConfigWatcher watcher;

  @BeforeEach
  void setUp() throws IOException {
    file = dir.resolve("calendarbot.yaml");
    Files.writeString(file, "refresh:\n  interval: 10m\n");
    service =
        ConfigService.open(
            ConfigLayers.of(file, Map.of(), Map.of(), List.of(), ZoneId.of("UTC"), dir),
            OverrideStore.inMemory(),
            FakeClock.at("2026-03-01T10:00:00Z"));
    logs.start();
    log.addAppender(logs);
    watcher = ConfigWatcher.start(file, service);
  }

  @AfterEach
  void tearDown() {
    watcher.close();
    log.detachAppender(logs);
  }

  @Test
  void watcher_fileRewritten_appliesTheNewValues() throws IOException {
    Files.writeString(file, "refresh:\n  interval: 3m\n");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> service.config().refresh().interval().equals(Duration.ofMinutes(3)));
    assertThat(service.current().version()).isEqualTo(2);
  }

  @Test
  void watcher_fileReplacedByRename_appliesTheNewValues() throws IOException {
    Path tmp = dir.resolve(".calendarbot.yaml.swp");
    Files.writeString(tmp, "refresh:\n  interval: 7m\n");
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> service.config().refresh().interval().equals(Duration.ofMinutes(7)));
  }

  @Test
  void watcher_invalidFile_warnsAndKeepsTheSnapshot() throws IOException {
    ConfigSnapshot before = service.current();

    Files.writeString(file, "refresh:\n  interval: never\n");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                logs.list.stream()
                    .anyMatch(
                        e ->
                            e.getLevel() == Level.WARN
                                && e.getFormattedMessage().contains("rejected")
                                && e.getFormattedMessage().contains("refresh.interval must be")));
    assertThat(service.current()).isSameAs(before);
  }
}
