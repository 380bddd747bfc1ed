package calendarbot.connection;

import calendarbot.config.ConnectionConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Where the store gets its SQLite connections. Two honest twins, chosen by {@code
 * connection_pool.enabled}: {@link #plain} opens a new connection per operation, {@link #pooled}
 * leases one from a HikariCP pool of open connections.
 *
 * <p>Every connection handed out already carries the per-connection settings the store relies on
 * (WAL, {@code busy_timeout}, {@code synchronous=NORMAL}, {@code foreign_keys=ON}); {@link
 * #configure} applies them, and the pool calls it once per physical connection. Implementations are
 * thread-safe; callers close each connection after one operation (which returns a pooled one).
 * Serialising writes is the caller's job ({@code Database.write}): both twins hand out connections
 * to readers and the one writer alike.
 */
public interface ConnectionSource extends AutoCloseable {

  /**
   * Busy timeout set on every connection; writes are serialised, so only foreign processes wait.
   */
  int BUSY_TIMEOUT_MS = 5000;

  /**
   * A connection in auto-commit mode, configured by {@link #configure}.
   *
   * @param operation what the caller is about to do, for leak reports and error messages
   * @throws SQLException when the database cannot be opened, or (pooled) when no connection became
   *     free within the lease timeout; that message names the pool state and the setting to raise
   * @throws IllegalStateException after {@link #close}
   */
  Connection connection(String operation) throws SQLException;

  /**
   * Applies a new pool size to the running pool ({@code connection_pool.db_pool_size} is live). A
   * no-op for the plain twin.
   */
  default void resize(int size) {}

  /** The database file, for messages. */
  Path file();

  /** What the source holds and has done so far; cheap, safe to call from any thread. */
  DatabasePoolStats stats();

  /** Releases pooled connections (the plain source holds none). Idempotent. */
  @Override
  void close();

  /** A source that opens a fresh connection to {@code file} for every call. */
  static ConnectionSource plain(Path file) {
    return new PlainConnectionSource(file);
  }

  /**
   * A HikariCP pool of {@code size} open connections to {@code file}.
   *
   * @param leakDetection a connection held longer than this is reported as a leak (counted in
   *     {@link DatabasePoolStats#leaks()} and logged with the operation); raised to HikariCP's
   *     minimum of 2 s with a WARN
   * @throws SQLException when the first connection cannot be opened
   */
  static ConnectionSource pooled(Path file, int size, Duration leakDetection) throws SQLException {
    return new PooledConnectionSource(
        file, size, leakDetection, PooledConnectionSource.DEFAULT_LEASE_TIMEOUT);
  }

  /**
   * The source {@code config} asks for: {@link #pooled} with {@code db_pool_size} and {@code
   * db_leak_detection} when {@code connection_pool.enabled}, else {@link #plain}.
   *
   * @throws SQLException as {@link #pooled}
   */
  static ConnectionSource create(Path file, ConnectionConfig config) throws SQLException {
    return config.poolEnabled()
        ? pooled(file, config.dbPoolSize(), config.dbLeakDetection())
        : plain(file);
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
