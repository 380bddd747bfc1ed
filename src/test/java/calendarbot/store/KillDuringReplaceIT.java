package calendarbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calendarbot.config.ConnectionConfig;
import calendarbot.event.Instance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGKILL in the middle of replacing a source leaves a consistent database that holds either the
 * whole old data or the whole new data of that source, never a mix (one transaction per source;
 * SQLite's WAL recovers at the next open).
 */
class KillDuringReplaceIT {
  private static final int OLD_COUNT = 10;

  @TempDir Path dir;

  @Test
  void killMinus9_duringReplace_leavesWholeOldOrWholeNewData() throws Exception {
    Path file = dir.resolve("calendarbot.db");
    try (Database db = Database.open(file, ConnectionConfig.defaults())) {
      List<Instance> old = new ArrayList<>();
      for (int i = 0; i < OLD_COUNT; i++) {
        Instant start = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(3600L * i);
        old.add(
            Fixtures.instance("work", "uid-" + i, start, start.plusSeconds(3600), false, "old"));
      }
      new SeriesStore(db)
          .replace(
              "work",
              Fixtures.calendar(
                  Fixtures.hourly(OLD_COUNT, Instant.parse("2025-01-01T00:00:00Z"), "old")),
              Fixtures.materialization("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", old),
              null);
    }
    Path signal = dir.resolve("replacing");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ReplaceInChildProcess.class.getName(),
                file.toString(),
                signal.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(signal) || !child.isAlive());
      assertThat(child.isAlive()).as("child started its replace").isTrue();
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback, no checkpoint
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    try (Database db = Database.open(file, ConnectionConfig.defaults())) {
      String integrity =
          db.read(
              "integrity check",
              c -> {
                try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                  rs.next();
                  return rs.getString(1);
                }
              });
      SeriesStore store = new SeriesStore(db);
      int series = store.seriesCount("work");
      int instances = store.instanceCount("work");

      assertThat(integrity).isEqualTo("ok");
      assertThat(series).isIn(OLD_COUNT, ReplaceInChildProcess.NEW_COUNT);
      assertThat(instances).isEqualTo(series);
    }
  }
}
