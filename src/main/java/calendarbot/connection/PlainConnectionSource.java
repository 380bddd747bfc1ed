package calendarbot.connection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Opens a new SQLite connection per call: the plain twin of the pooled source. Thread-safe. */
final class PlainConnectionSource implements ConnectionSource {
  private final Path file;
  private final String url;
  private final AtomicLong opened = new AtomicLong();
  private final AtomicInteger active = new AtomicInteger();
  private volatile boolean closed;

  PlainConnectionSource(Path file) {
    this.file = file;
    this.url = "jdbc:sqlite:" + file;
  }

  @Override
  public Connection connection(String operation) throws SQLException {
    if (closed) {
      throw new IllegalStateException(
          "connection: " + operation + " on database '" + file + "' after the source was closed");
    }
    Connection c = open();
    opened.incrementAndGet();
    active.incrementAndGet();
    return Lease.wrap(c, active::decrementAndGet);
  }

  /** A new configured physical connection; also what the pool opens. */
  Connection open() throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try {
      ConnectionSource.configure(c);
      return c;
    } catch (SQLException | RuntimeException e) {
      try {
        c.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public DatabasePoolStats stats() {
    long n = opened.get();
    return new DatabasePoolStats(0, active.get(), 0, 0, n, n, 0, 0);
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "PlainConnectionSource[" + file + "]";
  }
}
