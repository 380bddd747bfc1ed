package calendarbot.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Opens a new SQLite connection per call: the plain twin of a pooled source. Thread-safe. */
final class PlainConnectionSource implements ConnectionSource {
  private final Path file;
  private final String url;

  PlainConnectionSource(Path file) {
    this.file = file;
    this.url = "jdbc:sqlite:" + file;
  }

  @Override
  public Connection connection() throws SQLException {
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
  public String toString() {
    return "PlainConnectionSource[" + file + "]";
  }
}
