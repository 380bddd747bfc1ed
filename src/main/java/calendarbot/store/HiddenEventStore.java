package calendarbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The instances and series a person hid, and the one write that replaces them together with
 * settings documents ({@link #replaceAll}). An instance is hidden at most once (by instance id), a
 * series at most once (by source id and UID).
 *
 * <p>Threading: thread-safe. Errors: {@link calendarbot.error.StorageException} when the database
 * fails.
 */
public final class HiddenEventStore {
  private static final String COLUMNS = "scope, instance_id, source_id, uid, subject, hidden_at";

  private final Database db;
  private final Clock clock;

  /**
   * @param clock stamps {@code updated_at} of the settings rows {@link #replaceAll} writes
   */
  public HiddenEventStore(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every hidden event, in the order they were hidden. */
  public List<StoredHiddenEvent> all() {
    return db.read("read hidden events", HiddenEventStore::all);
  }

  /**
   * Hides {@code e} unless the same instance (or series) is already hidden.
   *
   * @return whether a row was added
   */
  public boolean add(StoredHiddenEvent e) {
    Objects.requireNonNull(e, "e");
    return db.write("hide " + e.scope() + " '" + e.instanceId() + "'", c -> insert(c, e));
  }

  /**
   * Unhides what {@code e} names: for scope {@code instance} its instance id, for {@code series}
   * its source id and UID.
   *
   * @return whether a row was removed
   */
  public boolean remove(StoredHiddenEvent e) {
    Objects.requireNonNull(e, "e");
    return db.write(
        "unhide " + e.scope() + " '" + e.instanceId() + "'",
        c -> {
          boolean series = "series".equals(e.scope());
          try (PreparedStatement st =
              c.prepareStatement(
                  series
                      ? "DELETE FROM hidden_events WHERE scope = 'series' AND source_id = ?"
                          + " AND uid = ?"
                      : "DELETE FROM hidden_events WHERE scope = 'instance' AND instance_id = ?")) {
            if (series) {
              st.setString(1, e.sourceId());
              st.setString(2, e.uid());
            } else {
              st.setString(1, e.instanceId());
            }
            return st.executeUpdate() > 0;
          }
        });
  }

  /**
   * In ONE transaction: sets every key of {@code put} in the settings table, removes every key of
   * {@code delete}, and replaces all hidden events with {@code hidden}. Either all of it is
   * committed or none (import, reset).
   */
  public void replaceAll(
      Map<String, String> put, Set<String> delete, List<StoredHiddenEvent> hidden) {
    Map<String, String> puts = Map.copyOf(put);
    Set<String> deletes = Set.copyOf(delete);
    List<StoredHiddenEvent> rows = List.copyOf(hidden);
    String now = clock.instant().toString();
    db.write(
        "replace settings " + puts.keySet() + " and " + rows.size() + " hidden event(s)",
        c -> {
          for (Map.Entry<String, String> e : puts.entrySet()) {
            SettingsStore.put(c, e.getKey(), e.getValue(), now);
          }
          for (String key : deletes) {
            SettingsStore.delete(c, key);
          }
          try (PreparedStatement st = c.prepareStatement("DELETE FROM hidden_events")) {
            st.executeUpdate();
          }
          for (StoredHiddenEvent e : rows) {
            insert(c, e);
          }
          return null;
        });
  }

  private static boolean insert(Connection c, StoredHiddenEvent e) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO hidden_events ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      st.setString(1, e.scope());
      st.setString(2, e.instanceId());
      st.setString(3, e.sourceId());
      st.setString(4, e.uid());
      st.setString(5, e.subject());
      st.setString(6, e.hiddenAt());
      return st.executeUpdate() > 0;
    }
  }

  private static List<StoredHiddenEvent> all(Connection c) throws SQLException {
    List<StoredHiddenEvent> out = new ArrayList<>();
    try (PreparedStatement st =
            c.prepareStatement("SELECT " + COLUMNS + " FROM hidden_events ORDER BY row_id");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.add(
            new StoredHiddenEvent(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6)));
      }
    }
    return out;
  }
}
