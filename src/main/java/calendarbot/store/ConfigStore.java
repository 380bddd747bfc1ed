package calendarbot.store;

import calendarbot.config.ConfigChange;
import calendarbot.config.ConfigVersion;
import calendarbot.config.OverrideStore;
import calendarbot.error.StorageException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The runtime configuration overrides and the configuration's audit history in SQLite (tables
 * {@code config_overrides} and {@code config_versions}, migration V5).
 *
 * <p>Threading: thread-safe. Errors: {@link StorageException} when the database fails.
 */
public final class ConfigStore implements OverrideStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<ConfigChange.KeyChange>> CHANGES =
      new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, String>> VALUES =
      new TypeReference<>() {};

  private final Database db;

  public ConfigStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public Map<String, StoredOverride> load() {
    return db.read(
        "read config overrides",
        c -> {
          Map<String, StoredOverride> out = new LinkedHashMap<>();
          try (PreparedStatement st =
                  c.prepareStatement(
                      "SELECT key, value, actor, set_at FROM config_overrides ORDER BY key");
              ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              out.put(
                  rs.getString(1),
                  new StoredOverride(
                      rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4))));
            }
          }
          return Collections.unmodifiableMap(out);
        });
  }

  @Override
  public void save(Map<String, StoredOverride> overrides, Recorded recorded) {
    Objects.requireNonNull(overrides, "overrides");
    String changes = recorded == null ? null : json(recorded.version().changes());
    String effective = recorded == null ? null : json(recorded.effective());
    db.write(
        recorded == null
            ? "save config overrides"
            : "save config version " + recorded.version().version(),
        c -> {
          try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM config_overrides");
          }
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO config_overrides (key, value, actor, set_at) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, StoredOverride> e : overrides.entrySet()) {
              st.setString(1, e.getKey());
              st.setString(2, e.getValue().value());
              st.setString(3, e.getValue().actor());
              st.setString(4, e.getValue().at().toString());
              st.addBatch();
            }
            st.executeBatch();
          }
          if (recorded != null) {
            insertVersion(c, recorded.version(), changes, effective);
          }
          return null;
        });
  }

  @Override
  public void record(Recorded recorded) {
    String changes = json(recorded.version().changes());
    String effective = json(recorded.effective());
    db.write(
        "save config version " + recorded.version().version(),
        c -> {
          insertVersion(c, recorded.version(), changes, effective);
          return null;
        });
  }

  private static void insertVersion(Connection c, ConfigVersion v, String changes, String effective)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO config_versions (version, at, actor, source, changes, effective)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      st.setLong(1, v.version());
      st.setString(2, v.at().toString());
      st.setString(3, v.actor());
      st.setString(4, v.source());
      st.setString(5, changes);
      st.setString(6, effective);
      st.executeUpdate();
    }
  }

  @Override
  public List<ConfigVersion> history() {
    return versions("read config history", "");
  }

  @Override
  public Optional<ConfigVersion> latest() {
    return versions("read the latest config version", " LIMIT 1").stream().findFirst();
  }

  private List<ConfigVersion> versions(String operation, String limit) {
    return db.read(
        operation,
        c -> {
          List<ConfigVersion> out = new ArrayList<>();
          try (PreparedStatement st =
                  c.prepareStatement(
                      "SELECT version, at, actor, source, changes FROM config_versions"
                          + " ORDER BY version DESC"
                          + limit);
              ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new ConfigVersion(
                      rs.getLong(1),
                      Instant.parse(rs.getString(2)),
                      rs.getString(3),
                      rs.getString(4),
                      parse(rs.getString(5), CHANGES)));
            }
          }
          return List.copyOf(out);
        });
  }

  @Override
  public Optional<Map<String, String>> effectiveAt(long version) {
    return db.read(
        "read config version " + version,
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("SELECT effective FROM config_versions WHERE version = ?")) {
            st.setLong(1, version);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next()
                  ? Optional.of(Collections.unmodifiableMap(parse(rs.getString(1), VALUES)))
                  : Optional.<Map<String, String>>empty();
            }
          }
        });
  }

  private String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("config history is always serialisable", e);
    }
  }

  private <T> T parse(String text, TypeReference<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new StorageException(
          "store: config history in database '"
              + db.file()
              + "' is not valid JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }
}
