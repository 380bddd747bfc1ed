package calendarbot.connection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * A fixed-size HikariCP pool of SQLite connections, each configured once by {@link
 * ConnectionSource#configure} when opened. Thread-safe.
 *
 * <p>Leaks: every lease starts a timer on the pool's housekeeping thread; a lease still open when
 * it fires is counted and logged naming the operation and thread (HikariCP's own leak detection,
 * set to the same threshold, adds the stack trace of the lease).
 */
final class PooledConnectionSource implements ConnectionSource {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(PooledConnectionSource.class);

  /** Longest wait for a free connection; as long as a foreign writer may make SQLite wait. */
  static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofMillis(BUSY_TIMEOUT_MS);

  /** HikariCP ignores (disables) a leak detection threshold below this. */
  static final Duration MIN_LEAK_DETECTION = Duration.ofSeconds(2);

  private static final Duration MAX_LIFETIME = Duration.ofMinutes(30);

  private final Path file;
  private final Duration leakDetection;
  private final ScheduledThreadPoolExecutor housekeeper;
  private final HikariDataSource pool;
  private final HikariPoolMXBean gauges;
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong leaks = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();

  /**
   * Opens the pool and its first connection.
   *
   * @throws SQLException when the first connection cannot be opened or configured
   */
  PooledConnectionSource(Path file, int size, Duration leakDetection, Duration leaseTimeout)
      throws SQLException {
    this.file = file;
    if (leakDetection.compareTo(MIN_LEAK_DETECTION) < 0) {
      LOG.warn(
          "connection: connection_pool.db_leak_detection {} ms is below HikariCP's minimum; using"
              + " {} ms",
          leakDetection.toMillis(),
          MIN_LEAK_DETECTION.toMillis());
      leakDetection = MIN_LEAK_DETECTION;
    }
    this.leakDetection = leakDetection;
    PlainConnectionSource opener = new PlainConnectionSource(file);
    // Fail fast with the driver's error: HikariCP's own start-up check sleeps 1 s before failing.
    opener.open().close();
    this.housekeeper =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "calendarbot-db-pool-housekeeper");
              t.setDaemon(true);
              return t;
            });
    housekeeper.setRemoveOnCancelPolicy(true);
    housekeeper.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);

    HikariConfig config = new HikariConfig();
    config.setPoolName("calendarbot-db");
    config.setDataSource(new OpeningDataSource(opener, created));
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setConnectionTimeout(leaseTimeout.toMillis());
    config.setValidationTimeout(Math.min(leaseTimeout.toMillis(), 5000));
    // A pooled SQLite connection has no server that drops it; retire it now and then anyway so
    // its page cache cannot grow for the life of the process. Must exceed the leak threshold.
    config.setMaxLifetime(Math.max(MAX_LIFETIME.toMillis(), 2 * leakDetection.toMillis()));
    config.setLeakDetectionThreshold(leakDetection.toMillis());
    config.setScheduledExecutor(housekeeper);
    config.setAutoCommit(true);
    try {
      this.pool = new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      housekeeper.shutdownNow();
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw e;
    }
    this.gauges = pool.getHikariPoolMXBean();
  }

  @Override
  public void resize(int size) {
    // HikariCP takes both at runtime; growing opens connections, shrinking retires idle ones.
    if (size > pool.getMaximumPoolSize()) {
      pool.getHikariConfigMXBean().setMaximumPoolSize(size);
      pool.getHikariConfigMXBean().setMinimumIdle(size);
    } else {
      pool.getHikariConfigMXBean().setMinimumIdle(size);
      pool.getHikariConfigMXBean().setMaximumPoolSize(size);
      // HikariCP retires surplus connections at its next housekeeping run (30 s); evicting now
      // makes the smaller bound hold at once (leased ones close when returned).
      gauges.softEvictConnections();
    }
  }

  @Override
  public Connection connection(String operation) throws SQLException {
    if (pool.isClosed()) {
      throw new IllegalStateException(
          "connection: " + operation + " on database '" + file + "' after the pool was closed");
    }
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLTransientConnectionException e) {
      timeouts.incrementAndGet();
      throw new SQLTransientConnectionException(
          "no database connection became free within "
              + pool.getConnectionTimeout()
              + " ms (pool "
              + stats().describe()
              + "); raise connection_pool.db_pool_size (now "
              + pool.getMaximumPoolSize()
              + ") if the server is this busy, or look for a leak reported after"
              + " connection_pool.db_leak_detection",
          e.getSQLState(),
          e);
    }
    served.incrementAndGet();
    String thread = Thread.currentThread().getName();
    long leasedAt = System.nanoTime();
    ScheduledFuture<?> leakTimer =
        housekeeper.schedule(
            () -> reportLeak(operation, thread), leakDetection.toMillis(), TimeUnit.MILLISECONDS);
    return Lease.wrap(
        c,
        () -> {
          if (!leakTimer.cancel(false) && !leakTimer.isCancelled()) {
            LOG.info(
                "connection: leaked connection of '{}' returned after {} ms",
                operation,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - leasedAt));
          }
        });
  }

  private void reportLeak(String operation, String thread) {
    long n = leaks.incrementAndGet();
    LOG.warn(
        "connection: database connection for '{}' on thread '{}' held longer than {} ms"
            + " (connection_pool.db_leak_detection); leak {} since start; pool {}",
        operation,
        thread,
        leakDetection.toMillis(),
        n,
        stats().describe());
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public DatabasePoolStats stats() {
    return new DatabasePoolStats(
        pool.getMaximumPoolSize(),
        gauges.getActiveConnections(),
        gauges.getIdleConnections(),
        gauges.getThreadsAwaitingConnection(),
        created.get(),
        served.get(),
        leaks.get(),
        timeouts.get());
  }

  /** Closes every connection (waiting for leased ones as HikariCP does) and the housekeeper. */
  @Override
  public void close() {
    pool.close();
    housekeeper.shutdownNow();
  }

  @Override
  public String toString() {
    return "PooledConnectionSource[" + file + ", " + stats().describe() + "]";
  }

  /** What HikariCP opens physical connections with: the plain source's configured connection. */
  private static final class OpeningDataSource implements DataSource {
    private final PlainConnectionSource opener;
    private final AtomicLong created;
    // HikariCP sets this from the connection timeout and waits this long for its helper threads
    // on close; 0 would make it give up at once and log a WARN.
    private volatile int loginTimeoutSeconds = 5;

    OpeningDataSource(PlainConnectionSource opener, AtomicLong created) {
      this.opener = opener;
      this.created = created;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection c = opener.open();
      created.incrementAndGet();
      return c;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {
      loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
      return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
