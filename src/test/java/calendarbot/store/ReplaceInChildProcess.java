package calendarbot.store;

import calendarbot.config.ConnectionConfig;
import calendarbot.event.Instance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process for {@link KillDuringReplaceIT}: opens the database, signals the parent through a
 * file, then replaces source {@code work} with {@link #NEW_COUNT} series and instances — a
 * transaction long enough for the parent to kill the process in the middle of it.
 *
 * <pre>java -cp ... calendarbot.store.ReplaceInChildProcess DB_FILE SIGNAL_FILE</pre>
 */
public final class ReplaceInChildProcess {
  static final int NEW_COUNT = 100_000;
  static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

  private ReplaceInChildProcess() {}

  public static void main(String[] args) throws Exception {
    try (Database db = Database.open(Path.of(args[0]), ConnectionConfig.defaults())) {
      SeriesStore store = new SeriesStore(db);
      var series = Fixtures.hourly(NEW_COUNT, FROM, "new");
      List<Instance> instances = new ArrayList<>(NEW_COUNT);
      for (int i = 0; i < NEW_COUNT; i++) {
        Instant start = FROM.plusSeconds(3600L * i);
        instances.add(
            Fixtures.instance("work", "uid-" + i, start, start.plusSeconds(3600), false, "new"));
      }
      var mat = Fixtures.materialization("2026-01-01T00:00:00Z", "2040-01-01T00:00:00Z", instances);
      Files.writeString(Path.of(args[1]), "replacing");
      store.replace("work", Fixtures.calendar(series), mat, null);
    }
  }
}
