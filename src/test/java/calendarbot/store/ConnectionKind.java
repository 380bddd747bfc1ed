package calendarbot.store;

import calendarbot.config.ConnectionConfig;
import java.nio.file.Path;

/**
 * The two connection sources an integration test runs over, opened the way {@code App} opens the
 * database: {@code connection_pool.enabled} true (HikariCP, default settings) or false.
 */
public enum ConnectionKind {
  PLAIN(false),
  POOLED(true);

  private final boolean pooled;

  ConnectionKind(boolean pooled) {
    this.pooled = pooled;
  }

  /** Opens (creating and migrating) {@code file} with this kind of connection source. */
  public Database open(Path file) {
    return Database.open(file, ConnectionConfig.defaults().withPoolEnabled(pooled));
  }
}
