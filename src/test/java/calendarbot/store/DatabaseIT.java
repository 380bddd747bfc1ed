package calendarbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.error.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(ConnectionKind.class)
class DatabaseIT {
  @Parameter ConnectionKind kind;

  @TempDir Path dir;

  @Test
  void open_newFileInMissingDirectories_createsThemAndAppliesEveryMigration() {
    Path file = dir.resolve("a/b/calendarbot.db");

    try (Database db = kind.open(file)) {
      assertThat(file).exists();
      assertThat(db.schemaVersion()).isEqualTo(Migrator.latest());
      assertThat(tables(db))
          .contains(
              "sources", "series", "source_zones", "materialization", "instances", "settings");
    }
  }

  @Test
  void open_existingDatabase_keepsVersionAndDataWithoutReapplying() {
    Path file = dir.resolve("calendarbot.db");
    try (Database db = kind.open(file)) {
      new SettingsStore(db, java.time.Clock.systemUTC()).put("k", "v");
    }

    // A second apply of V1 would fail on CREATE TABLE, so reopening proves it is skipped.
    try (Database db = kind.open(file)) {
      assertThat(db.schemaVersion()).isEqualTo(Migrator.latest());
      assertThat(new SettingsStore(db, java.time.Clock.systemUTC()).get("k")).contains("v");
    }
  }

  @Test
  void open_versionOneDatabase_migratesToLatestKeepingSources() throws Exception {
    Path file = dir.resolve("v1.db");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      String v1;
      try (var in = Migrator.class.getResourceAsStream("migrations/V1__init.sql")) {
        v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      for (String sql : Migrator.statements(v1)) {
        st.execute(sql);
      }
      st.execute("PRAGMA user_version = 1");
      st.execute(
          "INSERT INTO sources (id, name, url, etag) VALUES ('work', 'Work', 'u', '\"v1\"')");
    }

    try (Database db = kind.open(file)) {
      assertThat(db.schemaVersion()).isEqualTo(Migrator.latest()).isGreaterThanOrEqualTo(2);
      SourceStateStore states = new SourceStateStore(db);
      assertThat(states.load("work").etag()).isEqualTo("\"v1\"");
      states.register("work", "Work", java.net.URI.create("https://example.test/work.ics"));
      assertThat(states.load("work").etag()).isEqualTo("\"v1\"");
      states.register("work", "Work", java.net.URI.create("https://example.test/moved.ics"));
      assertThat(states.load("work").etag()).isNull();
    }
  }

  @Test
  void open_versionTwoDatabaseWithMaterializedInstances_dropsThemSoTheNextRefreshRebuilds()
      throws Exception {
    Path file = dir.resolve("v2.db");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      for (String script : Migrator.SCRIPTS.subList(0, 2)) {
        try (var in = Migrator.class.getResourceAsStream("migrations/" + script)) {
          for (String sql :
              Migrator.statements(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
            st.execute(sql);
          }
        }
      }
      st.execute("PRAGMA user_version = 2");
      st.execute("INSERT INTO sources (id, name, url) VALUES ('work', 'Work', 'u')");
      st.execute(
          "INSERT INTO materialization (source_id, horizon_start, horizon_end, zone, max_length_ms)"
              + " VALUES ('work', 0, 1000, 'UTC', 10)");
      st.execute(
          "INSERT INTO instances (id, source_id, uid, start_ms, end_ms, all_day, payload)"
              + " VALUES ('i', 'work', 'u', 0, 10, 0, '{}')");
    }

    try (Database db = kind.open(file)) {
      SeriesStore series = new SeriesStore(db);
      assertThat(db.schemaVersion()).isEqualTo(Migrator.latest());
      assertThat(series.materialization("work")).isEmpty();
      assertThat(series.instanceCount("work")).isZero();
    }
  }

  @Test
  void connection_everyConnection_carriesWalBusyTimeoutSynchronousAndForeignKeys() {
    try (Database db = kind.open(dir.resolve("p.db"))) {
      for (int i = 0; i < 2; i++) {
        List<Object> pragmas =
            db.read(
                "pragmas",
                c ->
                    List.of(
                        pragma(c, "journal_mode"),
                        pragma(c, "busy_timeout"),
                        pragma(c, "synchronous"),
                        pragma(c, "foreign_keys")));
        // synchronous: 1 = NORMAL.
        assertThat(pragmas).containsExactly("wal", "5000", "1", "1");
      }
    }
  }

  @Test
  void open_fileThatIsNotADatabase_failsNamingTheFileAndTheFix() throws Exception {
    Path file = dir.resolve("corrupt.db");
    Files.write(
        file,
        "this is not sqlite, just some text padding".repeat(200).getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> kind.open(file))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("open and migrate failed on database '" + file.toAbsolutePath() + "'")
        .hasMessageContaining("corrupt or not a CalendarBot database")
        .hasMessageContaining("move the file aside");
  }

  @Test
  void open_parentIsARegularFile_failsNamingTheDirectory() throws Exception {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "x");
    Path file = blocker.resolve("calendarbot.db");

    assertThatThrownBy(() -> kind.open(file))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("cannot create directory '" + blocker.toAbsolutePath() + "'")
        .hasMessageContaining("set data_dir to a writable directory");
  }

  @Test
  void open_databaseIsADirectory_failsNamingTheFileAndWritability() throws Exception {
    Path file = dir.resolve("dir.db");
    Files.createDirectory(file);

    assertThatThrownBy(() -> kind.open(file))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("database '" + file.toAbsolutePath() + "'")
        .hasMessageContaining("writable by this user");
  }

  @Test
  void open_schemaNewerThanThisBuild_failsNamingBothVersions() {
    Path file = dir.resolve("future.db");
    try (Database db = kind.open(file)) {
      db.write("bump", c -> c.createStatement().execute("PRAGMA user_version = 99"));
    }

    assertThatThrownBy(() -> kind.open(file))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(
            "schema version 99 is newer than this CalendarBot knows (" + Migrator.latest() + ")");
  }

  @Test
  void write_workThrows_rollsBackEverything() {
    try (Database db = kind.open(dir.resolve("r.db"))) {
      assertThatThrownBy(
              () ->
                  db.write(
                      "test write",
                      c -> {
                        c.createStatement()
                            .execute("INSERT INTO settings VALUES ('k', 'v', 'now')");
                        throw new IllegalStateException("boom");
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("boom");

      assertThat(new SettingsStore(db, java.time.Clock.systemUTC()).all()).isEmpty();
    }
  }

  @Test
  void write_sqlFails_throwsStorageExceptionNamingOperationAndFile() {
    Path file = dir.resolve("s.db");
    try (Database db = kind.open(file)) {
      assertThatThrownBy(
              () -> db.write("frobnicate", c -> c.createStatement().execute("SELECT * FROM nope")))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith(
              "store: frobnicate failed on database '" + file.toAbsolutePath() + "': ")
          .hasMessageContaining("no such table: nope")
          .hasCauseInstanceOf(java.sql.SQLException.class);
    }
  }

  @Test
  void read_afterClose_throwsIllegalStateNamingTheFile() {
    Database db = kind.open(dir.resolve("c.db"));
    db.close();
    db.close();

    assertThatThrownBy(db::schemaVersion)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after it was closed");
  }

  private static List<String> tables(Database db) {
    return db.read(
        "list tables",
        c -> {
          List<String> out = new ArrayList<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        });
  }

  private static String pragma(java.sql.Connection c, String name) throws java.sql.SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
