package calendarbot.store;

import calendarbot.config.ConnectionConfig;
import calendarbot.connection.ConnectionSource;
import calendarbot.connection.DatabasePoolStats;
import calendarbot.error.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite database of one CalendarBot process: opens or creates the file, brings its schema up
 * to date and runs units of work against it.
 *
 * <p>Threading: thread-safe. Reads run concurrently, each in its own read transaction, so a read
 * sees one committed snapshot (WAL) and never a write in progress. Writes run one at a time through
 * a single in-process lock, each in one transaction, so {@code SQLITE_BUSY} cannot arise between
 * CalendarBot's own threads; a foreign process holding the file is waited for up to {@link
 * ConnectionSource#BUSY_TIMEOUT_MS}.
 *
 * <p>Errors: every {@link SQLException} becomes a {@link StorageException} whose message names the
 * operation and the file, with a hint when the file is corrupt or not writable.
 */
public final class Database implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);

  private final ConnectionSource connections;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private volatile boolean closed;

  private Database(ConnectionSource connections) {
    this.connections = connections;
  }

  /**
   * Opens {@code file}, creating it and its parent directories when missing, and applies pending
   * migrations. Uses a new connection per operation.
   *
   * @throws StorageException when the directory cannot be created, the file is not a usable SQLite
   *     database, or its schema is newer than this build knows
   */
  public static Database open(Path file) {
    Path absolute = createParent(file);
    return open(ConnectionSource.plain(absolute));
  }

  /**
   * Opens {@code file} as {@link #open(Path)} does, with the connection source {@code config} asks
   * for: a HikariCP pool of {@code connection_pool.db_pool_size} connections when {@code
   * connection_pool.enabled}, else a new connection per operation.
   *
   * @throws StorageException as {@link #open(Path)}
   */
  public static Database open(Path file, ConnectionConfig config) {
    Path absolute = createParent(file);
    ConnectionSource source;
    try {
      source = ConnectionSource.create(absolute, config);
    } catch (SQLException e) {
      throw new StorageException(
          "store: open and migrate failed on database '" + absolute + "': " + describe(e), e);
    }
    return open(source);
  }

  private static Path createParent(Path file) {
    Path absolute = file.toAbsolutePath();
    Path parent = absolute.getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StorageException(
          "store: cannot create directory '"
              + parent
              + "' for database '"
              + absolute
              + "': "
              + e
              + "; set data_dir to a writable directory",
          e);
    }
    return absolute;
  }

  /**
   * Opens the database behind {@code connections} and applies pending migrations. The database owns
   * the source from here on and closes it in {@link #close}.
   *
   * @throws StorageException as {@link #open(Path)}
   */
  public static Database open(ConnectionSource connections) {
    Database db = new Database(connections);
    try {
      db.write("open and migrate", Migrator::migrate);
      return db;
    } catch (RuntimeException e) {
      // No checkpoint: the file may be unusable, and a second failure would only add noise.
      db.closed = true;
      connections.close();
      throw e;
    }
  }

  /** The database file. */
  public Path file() {
    return connections.file();
  }

  /** The connection source's pool gauges and counters, for health checks and metrics. */
  public DatabasePoolStats connectionStats() {
    return connections.stats();
  }

  /** Resizes the connection pool ({@code connection_pool.db_pool_size}); plain source: no-op. */
  public void resizePool(int size) {
    connections.resize(size);
  }

  /** The schema version recorded in the file ({@code PRAGMA user_version}). */
  public int schemaVersion() {
    return read("read schema version", Migrator::version);
  }

  /**
   * Runs {@code work} in a read transaction: all its statements see the same committed snapshot.
   * {@code work} must not write.
   */
  <T> T read(String operation, SqlWork<T> work) {
    checkOpen(operation);
    // Ends the read transaction with a rollback: nothing was written, so it equals a commit.
    return transaction(operation, work, false);
  }

  /**
   * Runs {@code work} in one write transaction, serialised with every other write: committed when
   * it returns, rolled back when it throws (the exception then propagates, {@link SQLException}
   * mapped to {@link StorageException}).
   */
  <T> T write(String operation, SqlWork<T> work) {
    checkOpen(operation);
    try {
      writeLock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(
          "store: " + operation + " on database '" + file() + "' interrupted waiting to write", e);
    }
    try {
      return transaction(operation, work, true);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs {@code work} in one transaction; rolls back when it throws, else commits or rolls back.
   */
  private <T> T transaction(String operation, SqlWork<T> work, boolean commit) {
    try (Connection c = connections.connection(operation)) {
      c.setAutoCommit(false);
      T result;
      try {
        result = work.run(c);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
      if (commit) {
        c.commit();
      } else {
        c.rollback();
      }
      return result;
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private void checkOpen(String operation) {
    if (closed) {
      throw new IllegalStateException(
          "store: " + operation + " on database '" + file() + "' after it was closed");
    }
  }

  StorageException failure(String operation, SQLException e) {
    return new StorageException(
        "store: " + operation + " failed on database '" + file() + "': " + describe(e), e);
  }

  /** The driver's message plus what an operator can do about it. */
  static String describe(SQLException e) {
    String message = String.valueOf(e.getMessage());
    // sqlite-jdbc reports the primary result code, sometimes extended; the low byte is primary.
    switch (e.getErrorCode() & 0xff) {
      case 11: // SQLITE_CORRUPT
      case 26: // SQLITE_NOTADB
        return message
            + "; the file is corrupt or not a CalendarBot database: stop CalendarBot, move the file"
            + " aside (a new one is created and every source is fetched again) or restore a backup";
      case 3: // SQLITE_PERM
      case 8: // SQLITE_READONLY
      case 14: // SQLITE_CANTOPEN
        return message
            + "; check that the file and its directory exist and are writable by this user";
      case 13: // SQLITE_FULL
        return message + "; the disk is full: free space on the data_dir volume";
      case 5: // SQLITE_BUSY
        return message
            + "; another process holds the database longer than "
            + ConnectionSource.BUSY_TIMEOUT_MS
            + " ms: is a second CalendarBot using the same data_dir?";
      default:
        return message;
    }
  }

  /**
   * Checkpoints the WAL into the main file (best effort) and releases the connection source.
   * Idempotent; operations after close throw {@link IllegalStateException}.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      try (Connection c = connections.connection("checkpoint on close");
          var st = c.createStatement()) {
        st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      } catch (SQLException e) {
        LOG.warn("store: checkpoint of '{}' on close failed: {}", file(), e.getMessage());
      }
      closed = true;
      connections.close();
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "Database[" + file() + (closed ? ", closed" : "") + "]";
  }
}
