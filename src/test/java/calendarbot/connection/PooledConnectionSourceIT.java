package calendarbot.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import calendarbot.error.StorageException;
import calendarbot.store.Database;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class PooledConnectionSourceIT {
  private static final Duration SHORT_LEASE = Duration.ofMillis(250);

  @TempDir Path dir;

  @Test
  void connection_heldPastLeakThreshold_isCountedOnceLoggedWithItsOperationAndReleasedOnClose()
      throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(PooledConnectionSource.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try (var source =
        new PooledConnectionSource(
            dir.resolve("leak.db"), 2, PooledConnectionSource.MIN_LEAK_DETECTION, SHORT_LEASE)) {
      try (Connection quick = source.connection("test: quick")) {
        assertThat(quick.isValid(1)).isTrue();
      }
      Connection held = source.connection("test: hold forever");

      await().atMost(Duration.ofSeconds(10)).until(() -> source.stats().leaks() == 1);
      assertThat(source.stats().active()).isEqualTo(1);
      assertThat(log.list)
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage)
          .singleElement()
          .asString()
          .contains("database connection for 'test: hold forever' on thread '")
          .contains("held longer than 2000 ms (connection_pool.db_leak_detection)")
          .contains("leak 1 since start");

      held.close();
      held.close();
      assertThat(source.stats())
          .extracting(DatabasePoolStats::active, DatabasePoolStats::leaks)
          .containsExactly(0, 1L);
    } finally {
      logger.detachAppender(log);
    }
  }

  @Test
  void connection_leakThresholdBelowHikariMinimum_isRaisedNotDisabled() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(PooledConnectionSource.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try (var source =
        new PooledConnectionSource(dir.resolve("min.db"), 1, Duration.ofMillis(10), SHORT_LEASE)) {
      Connection held = source.connection("test: hold");

      // Still reported (detection stays on), and at the raised 2 s, not at 10 ms.
      await().atMost(Duration.ofSeconds(10)).until(() -> source.stats().leaks() == 1);
      assertThat(log.list)
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage)
          .anySatisfy(
              m -> assertThat(m).contains("10 ms is below HikariCP's minimum; using 2000 ms"))
          .anySatisfy(m -> assertThat(m).contains("held longer than 2000 ms"));
      held.close();
    } finally {
      logger.detachAppender(log);
    }
  }

  @Test
  void connection_poolExhausted_failsNamingPoolStateAndTheSettingToRaise() throws Exception {
    var source =
        new PooledConnectionSource(dir.resolve("full.db"), 1, Duration.ofSeconds(30), SHORT_LEASE);
    try (Database db = Database.open(source)) {
      try (Connection held = source.connection("test: hold the only connection")) {
        assertThatThrownBy(db::schemaVersion)
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("store: read schema version failed on database '")
            .hasMessageContaining("no database connection became free within 250 ms")
            .hasMessageContaining("(pool max=1, active=1, idle=0, waiting=")
            .hasMessageContaining("raise connection_pool.db_pool_size (now 1)")
            .hasRootCauseInstanceOf(SQLTransientConnectionException.class);
        assertThat(source.stats().timeouts()).isEqualTo(1);
      }
      assertThat(db.schemaVersion()).isPositive();
    }
  }

  @Test
  void resize_live_aFullPoolOfOneGrowsToTwoAndShrinksBack() throws Exception {
    var source =
        new PooledConnectionSource(
            dir.resolve("resize.db"), 1, Duration.ofSeconds(30), SHORT_LEASE);
    try (Database db = Database.open(source)) {
      try (Connection held = source.connection("test: hold the only connection")) {
        assertThatThrownBy(db::schemaVersion).isInstanceOf(StorageException.class);

        db.resizePool(2);

        assertThat(db.schemaVersion()).isPositive();
        assertThat(db.connectionStats().maxSize()).isEqualTo(2);
      }
      db.resizePool(1);
      assertThat(db.connectionStats().maxSize()).isEqualTo(1);
      try (Connection held = source.connection("test: hold the only connection again")) {
        assertThatThrownBy(db::schemaVersion)
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("raise connection_pool.db_pool_size (now 1)");
      }
    }
  }

  @Test
  void stats_manyOperations_reuseTheOpenConnections() {
    try (Database db =
        Database.open(new PooledConnectionSourceFactory(dir.resolve("reuse.db"), 2).get())) {
      for (int i = 0; i < 100; i++) {
        db.schemaVersion();
      }
      DatabasePoolStats stats = db.connectionStats();

      assertThat(stats.maxSize()).isEqualTo(2);
      assertThat(stats.created()).isBetween(1L, 2L);
      assertThat(stats.served()).isGreaterThanOrEqualTo(101);
      assertThat(stats.reuseRatio()).isGreaterThan(0.98);
      assertThat(stats.active()).isZero();
      assertThat(stats.leaks()).isZero();
    }
  }

  @Test
  void stats_plainSource_opensOneConnectionPerOperation() {
    try (Database db = Database.open(dir.resolve("plain.db"))) {
      for (int i = 0; i < 10; i++) {
        db.schemaVersion();
      }
      DatabasePoolStats stats = db.connectionStats();

      assertThat(stats.created()).isEqualTo(stats.served()).isGreaterThanOrEqualTo(11);
      assertThat(stats.reuseRatio()).isZero();
      assertThat(stats.maxSize()).isZero();
      assertThat(stats.active()).isZero();
    }
  }

  @Test
  void close_pooledDatabase_checkpointsTheWalAndClosesThePool() throws Exception {
    Path file = dir.resolve("close.db");
    var source = new PooledConnectionSourceFactory(file, 4).get();
    Database db = Database.open(source);
    db.schemaVersion();
    Path wal = dir.resolve("close.db-wal");
    assertThat(Files.size(wal)).isPositive();

    db.close();

    assertThat(Files.exists(wal) ? Files.size(wal) : 0L).isZero();
    assertThatThrownBy(() -> source.connection("after close"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after the pool was closed");
  }

  /** The production factory with a short lease timeout. */
  private record PooledConnectionSourceFactory(Path file, int size) {
    ConnectionSource get() {
      try {
        return new PooledConnectionSource(file, size, Duration.ofSeconds(30), SHORT_LEASE);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
