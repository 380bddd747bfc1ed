package calendarbot.store;

import calendarbot.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the versioned scripts under {@code calendarbot/store/migrations/} in order, recording the
 * applied version in {@code PRAGMA user_version}. Each script runs in the caller's transaction
 * together with its version bump, so a failed migration leaves the previous version intact.
 */
final class Migrator {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Migrator.class);

  /**
   * The scripts, in order; script {@code i} (0-based) takes the schema to version {@code i + 1}.
   * Listed rather than discovered because a shaded jar cannot be listed reliably.
   */
  static final List<String> SCRIPTS =
      List.of(
          "V1__init.sql",
          "V2__source_url_hash.sql",
          "V3__shared_instance_details.sql",
          "V4__hidden_events.sql",
          "V5__config_overrides.sql");

  private Migrator() {}

  static int latest() {
    return SCRIPTS.size();
  }

  static int version(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Brings the schema to {@link #latest()}; returns the version found before. */
  static int migrate(Connection c) throws SQLException {
    int found = version(c);
    if (found > latest()) {
      throw new StorageException(
          "store: database schema version "
              + found
              + " is newer than this CalendarBot knows ("
              + latest()
              + "); run a newer CalendarBot or point data_dir elsewhere",
          null);
    }
    for (int v = found + 1; v <= latest(); v++) {
      String script = SCRIPTS.get(v - 1);
      try (Statement st = c.createStatement()) {
        for (String sql : statements(load(script))) {
          st.execute(sql);
        }
        st.execute("PRAGMA user_version = " + v);
      }
    }
    if (found < latest()) {
      LOG.info("store: migrated schema from version {} to {}", found, latest());
    }
    return found;
  }

  private static String load(String script) {
    String path = "migrations/" + script;
    try (InputStream in = Migrator.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("migration script missing from the build: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration script " + path, e);
    }
  }

  /**
   * Splits a script into statements at semicolons that end a line; {@code --} comment lines are
   * dropped. Scripts therefore keep one statement's end per line and contain no triggers.
   */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\r?\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        out.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }
}
