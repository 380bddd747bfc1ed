package calendarbot.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where {@link Database} gets its JDBC connections: the seam a pooled implementation plugs into.
 * The plain twin ({@link #plain}) opens a new connection per operation.
 *
 * <p>Every connection handed out must already carry the per-connection settings {@link Database}
 * relies on ({@code busy_timeout}, {@code synchronous=NORMAL}, {@code foreign_keys=ON}); {@link
 * #configure} applies them and a pool should call it from its connection-init hook. Implementations
 * must be thread-safe; callers close each connection after one operation.
 */
public interface ConnectionSource extends AutoCloseable {

  /**
   * Busy timeout set on every connection; writes are serialised, so only foreign processes wait.
   */
  int BUSY_TIMEOUT_MS = 5000;

  /**
   * A connection in auto-commit mode, configured by {@link #configure}.
   *
   * @throws SQLException when the database cannot be opened
   */
  Connection connection() throws SQLException;

  /** The database file, for messages. */
  Path file();

  /** Releases pooled resources; the plain source holds none. */
  @Override
  default void close() {}

  /** A source that opens a fresh connection to {@code file} for every call. */
  static ConnectionSource plain(Path file) {
    return new PlainConnectionSource(file);
  }

  /**
   * Applies the settings every CalendarBot connection carries. WAL is a persistent property of the
   * file; setting it again is a no-op, so it is repeated here to keep one rule for all connections.
   */
  static void configure(Connection c) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      st.execute("PRAGMA journal_mode = WAL");
      st.execute("PRAGMA synchronous = NORMAL");
      st.execute("PRAGMA foreign_keys = ON");
    }
  }
}
