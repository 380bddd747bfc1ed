package calendarbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A persistent string key-value table for features that keep user settings. Keys and values are
 * non-null; each write records when it happened by the injected clock.
 *
 * <p>Threading: thread-safe. Errors: {@link calendarbot.error.StorageException} when the database
 * fails.
 */
public final class SettingsStore {
  private final Database db;
  private final Clock clock;

  public SettingsStore(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Optional<String> get(String key) {
    Objects.requireNonNull(key, "key");
    return db.read(
        "read setting '" + key + "'",
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  /** Sets {@code key} to {@code value}, replacing any previous value. */
  public void put(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    String now = clock.instant().toString();
    db.write(
        "write setting '" + key + "'",
        c -> {
          put(c, key, value, now);
          return null;
        });
  }

  /** Sets {@code key} to {@code value} inside the caller's transaction. */
  static void put(Connection c, String key, String value, String updatedAt) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                + " updated_at = excluded.updated_at")) {
      st.setString(1, key);
      st.setString(2, value);
      st.setString(3, updatedAt);
      st.executeUpdate();
    }
  }

  /**
   * Removes {@code key}.
   *
   * @return whether it was set
   */
  public boolean delete(String key) {
    Objects.requireNonNull(key, "key");
    return db.write("delete setting '" + key + "'", c -> delete(c, key));
  }

  /** Removes {@code key} inside the caller's transaction; whether it was set. */
  static boolean delete(Connection c, String key) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("DELETE FROM settings WHERE key = ?")) {
      st.setString(1, key);
      return st.executeUpdate() > 0;
    }
  }

  /** Every setting, ordered by key; an unmodifiable copy. */
  public Map<String, String> all() {
    return db.read(
        "read all settings",
        c -> {
          Map<String, String> out = new TreeMap<>();
          try (PreparedStatement st =
                  c.prepareStatement("SELECT key, value FROM settings ORDER BY key");
              ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getString(2));
            }
          }
          return java.util.Collections.unmodifiableMap(out);
        });
  }
}
