package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calendarbot.config.ConfigEntry;
import calendarbot.config.ConfigLayers;
import calendarbot.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real App started from configuration layers: overrides persist, the file is watched. */
class AppConfigIT {
  @TempDir Path dir;

  private final FakeClock clock = FakeClock.at("2026-11-23T09:10:00Z");

  private ConfigLayers layers(Path file) {
    return ConfigLayers.of(
        file,
        Map.of(),
        Map.of("server.port", "0", "data_dir", dir.resolve("data").toString()),
        List.of(),
        ZoneId.of("Europe/Berlin"),
        dir.resolve("unused"));
  }

  @Test
  void start_withLayers_overrideSurvivesARestartOfTheApp() throws Exception {
    Path file = dir.resolve("calendarbot.yaml");
    Files.writeString(file, "pipeline:\n  rollout: 80\n");
    try (App app = App.start(layers(file), clock)) {
      assertThat(app.configService().config().flags().pipelineRollout()).isEqualTo(80);
      app.configService().override(Map.of("pipeline.rollout", "25"), "test");
    }

    try (App app = App.start(layers(file), clock)) {
      ConfigEntry rollout =
          app.configService().current().entries().stream()
              .filter(e -> e.key().equals("pipeline.rollout"))
              .findFirst()
              .orElseThrow();
      assertThat(rollout.value()).isEqualTo("25");
      assertThat(rollout.origin()).startsWith("runtime (test, ");
      assertThat(app.configService().history()).hasSize(2);
      assertThat(Files.exists(dir.resolve("data").resolve(App.DATABASE_FILE))).isTrue();
    }
  }

  @Test
  void start_withAFile_watchesItUntilClosed() throws Exception {
    Path file = dir.resolve("calendarbot.yaml");
    Files.writeString(file, "refresh:\n  interval: 10m\n");
    try (App app = App.start(layers(file), clock)) {
      Files.writeString(file, "refresh:\n  interval: 2m\n");

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  app.configService().config().refresh().interval().equals(Duration.ofMinutes(2)));
    }
  }

  @Test
  void start_givenConfig_hasAConfigServiceWithoutAFile() {
    try (App app =
        App.start(
            calendarbot.config.AppConfig.defaults(dir, ZoneId.of("UTC"))
                .withServer(new calendarbot.config.ServerConfig("127.0.0.1", 0)),
            clock)) {
      assertThat(app.configService().current().version()).isEqualTo(1);
      assertThat(app.configService().current().entries())
          .filteredOn(e -> e.key().equals("server.port"))
          .extracting(ConfigEntry::origin)
          .containsExactly("given");
    }
  }
}
