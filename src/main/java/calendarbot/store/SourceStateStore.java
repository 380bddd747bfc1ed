package calendarbot.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import calendarbot.config.SourceConfig;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Each source's registration (name, redacted URL) and fetch state ({@link SourceState}).
 *
 * <p>Threading: thread-safe. Nullness: arguments non-null unless stated. Errors: {@link
 * calendarbot.error.StorageException} when the database fails.
 */
public final class SourceStateStore {
  private static final String COLUMNS =
      "id, etag, last_modified, last_attempt, last_success, last_checked, last_error_reason,"
          + " last_error, consecutive_failures, event_count";

  /** SQL: the registered URL hash is unknown or equals the one being registered. */
  private static final String SAME_URL =
      "(sources.url_sha256 IS NULL OR sources.url_sha256 = excluded.url_sha256)";

  private final Database db;

  public SourceStateStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * Records a configured source's display name and URL, keeping its state and data. Only the
   * redacted URL ({@link SourceConfig#redact}) and a SHA-256 of the full URL are stored: no user
   * info, no query string, no path token. When the full URL differs from the one last registered,
   * the stored ETag and Last-Modified are cleared: they belong to the old URL, and sending them to
   * the new one could answer 304 and keep the old calendar. When no URL was registered yet (state
   * saved first, or a row from schema version 1) the validators are kept and the hash recorded.
   */
  public void register(String id, String name, URI url) {
    Objects.requireNonNull(id, "id");
    String redacted = SourceConfig.redact(url);
    String hash = sha256(url.toString());
    db.write(
        "register source '" + id + "'",
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO sources (id, name, url, url_sha256) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, url = excluded.url,"
                      + " url_sha256 = excluded.url_sha256,"
                      + " etag = CASE WHEN "
                      + SAME_URL
                      + " THEN sources.etag END,"
                      + " last_modified = CASE WHEN "
                      + SAME_URL
                      + " THEN sources.last_modified END")) {
            st.setString(1, id);
            st.setString(2, name);
            st.setString(3, redacted);
            st.setString(4, hash);
            return st.executeUpdate();
          }
        });
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The stored redacted URL of a registered source, or {@code null}. */
  String url(String id) {
    return db.read(
        "read source '" + id + "'",
        c -> {
          try (PreparedStatement st = c.prepareStatement("SELECT url FROM sources WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next() ? rs.getString(1) : null;
            }
          }
        });
  }

  /** The fetch state of {@code id}; {@link SourceState#initial} when the source is unknown. */
  public SourceState load(String id) {
    return db.read(
        "load state of source '" + id + "'",
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("SELECT " + COLUMNS + " FROM sources WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next() ? state(rs) : SourceState.initial(id);
            }
          }
        });
  }

  /** Stores {@code state}, registering the source if unknown; name, URL and data are kept. */
  public void save(SourceState state) {
    db.write(
        "save state of source '" + state.sourceId() + "'",
        c -> {
          save(c, state);
          return null;
        });
  }

  static void save(Connection c, SourceState s) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO sources ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                + " etag = excluded.etag, last_modified = excluded.last_modified,"
                + " last_attempt = excluded.last_attempt, last_success = excluded.last_success,"
                + " last_checked = excluded.last_checked,"
                + " last_error_reason = excluded.last_error_reason,"
                + " last_error = excluded.last_error,"
                + " consecutive_failures = excluded.consecutive_failures,"
                + " event_count = excluded.event_count")) {
      st.setString(1, s.sourceId());
      st.setString(2, s.etag());
      st.setString(3, s.lastModified());
      st.setString(4, text(s.lastAttempt()));
      st.setString(5, text(s.lastSuccess()));
      st.setString(6, text(s.lastChecked()));
      st.setString(7, s.lastErrorReason());
      st.setString(8, s.lastError());
      st.setInt(9, s.consecutiveFailures());
      st.setInt(10, s.eventCount());
      st.executeUpdate();
    }
  }

  /** The state of every known source, ordered by id. */
  List<SourceState> all() {
    return db.read(
        "load state of all sources",
        c -> {
          List<SourceState> out = new ArrayList<>();
          try (PreparedStatement st =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM sources ORDER BY id");
              ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              out.add(state(rs));
            }
          }
          return out;
        });
  }

  private static SourceState state(ResultSet rs) throws SQLException {
    return new SourceState(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        instant(rs.getString(4)),
        instant(rs.getString(5)),
        instant(rs.getString(6)),
        rs.getString(7),
        rs.getString(8),
        rs.getInt(9),
        rs.getInt(10));
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
