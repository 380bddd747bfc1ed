package calendarbot.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How CalendarBot holds its connections: feed HTTP(S) and SQLite.
 *
 * @param poolEnabled {@code connection_pool.enabled}: pooled connections (default) or the plain
 *     path (a new HTTP client and connection per fetch, a new JDBC connection per operation)
 * @param httpMaxTotal most feed connections open at once, all hosts
 * @param httpMaxPerHost most feed connections open at once to one host
 * @param httpConnectionTtl an HTTP connection is not reused after this age
 * @param httpIdleTimeout an idle HTTP connection is closed after this long
 * @param httpValidateAfterInactivity an HTTP connection idle this long is checked before reuse
 * @param httpLeaseTimeout longest wait for a free HTTP connection before the fetch fails
 * @param dnsCacheTtl how long a resolved feed host address is reused
 * @param dbPoolSize SQLite connections kept open (readers run concurrently; writes are serialised)
 * @param dbLeakDetection a database connection held longer than this is reported as a leak
 * @param trustStore an extra PKCS12 trust store for feed servers with private CAs, or {@code null};
 *     certificate and host-name verification are always on
 * @param trustStorePassword its password, or {@code null}; never shown by {@code toString}
 */
public record ConnectionConfig(
    boolean poolEnabled,
    int httpMaxTotal,
    int httpMaxPerHost,
    Duration httpConnectionTtl,
    Duration httpIdleTimeout,
    Duration httpValidateAfterInactivity,
    Duration httpLeaseTimeout,
    Duration dnsCacheTtl,
    int dbPoolSize,
    Duration dbLeakDetection,
    Path trustStore,
    String trustStorePassword) {
  public ConnectionConfig {
    Check.range("connection_pool.http_max_total", httpMaxTotal, 1, 1000);
    Check.range("connection_pool.http_max_per_host", httpMaxPerHost, 1, 1000);
    if (httpMaxPerHost > httpMaxTotal) {
      throw new calendarbot.error.ConfigException(
          "connection_pool.http_max_per_host",
          "at most connection_pool.http_max_total (" + httpMaxTotal + ")",
          httpMaxPerHost);
    }
    Check.positive("connection_pool.http_connection_ttl", httpConnectionTtl);
    Check.positive("connection_pool.http_idle_timeout", httpIdleTimeout);
    Check.positive("connection_pool.http_validate_after_inactivity", httpValidateAfterInactivity);
    Check.positive("connection_pool.http_lease_timeout", httpLeaseTimeout);
    Check.positive("connection_pool.dns_cache_ttl", dnsCacheTtl);
    Check.range("connection_pool.db_pool_size", dbPoolSize, 1, 64);
    Check.positive("connection_pool.db_leak_detection", dbLeakDetection);
  }

  /** Pooling on, with the defaults documented in the README. */
  public static ConnectionConfig defaults() {
    return new ConnectionConfig(
        true,
        100,
        30,
        Duration.ofMinutes(5),
        Duration.ofMinutes(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofMinutes(1),
        DEFAULT_DB_POOL_SIZE,
        Duration.ofSeconds(30),
        null,
        null);
  }

  /**
   * SQLite connections kept by default: 4, one per core of a Pi Zero 2W. A read holds its
   * connection while it decodes the rows, so it is CPU-bound and a pool larger than the core count
   * cannot add throughput, while each open connection's page cache costs about 2 MB of RSS under
   * load. Measured (docs/BENCHMARKS.md, "ConnectionManager: database (issue 4)"; 8 readers of 7-day
   * windows on a 10,000-event store, 2 cores): sizes 1 / 2 / 4 / 8 gave about 0.65 / 1.0 / 1.05 /
   * 1.0 × the throughput of size 2, p99 best at 4, RSS +11 / +14 / +18 / +26 MB. The seeds' 10
   * would add about 12 MB over 4 for no throughput.
   */
  public static final int DEFAULT_DB_POOL_SIZE = 4;

  public ConnectionConfig withPoolEnabled(boolean enabled) {
    return new ConnectionConfig(
        enabled,
        httpMaxTotal,
        httpMaxPerHost,
        httpConnectionTtl,
        httpIdleTimeout,
        httpValidateAfterInactivity,
        httpLeaseTimeout,
        dnsCacheTtl,
        dbPoolSize,
        dbLeakDetection,
        trustStore,
        trustStorePassword);
  }

  @Override
  public String toString() {
    return "ConnectionConfig[poolEnabled="
        + poolEnabled
        + ", httpMaxTotal="
        + httpMaxTotal
        + ", httpMaxPerHost="
        + httpMaxPerHost
        + ", httpConnectionTtl="
        + httpConnectionTtl
        + ", httpIdleTimeout="
        + httpIdleTimeout
        + ", httpValidateAfterInactivity="
        + httpValidateAfterInactivity
        + ", httpLeaseTimeout="
        + httpLeaseTimeout
        + ", dnsCacheTtl="
        + dnsCacheTtl
        + ", dbPoolSize="
        + dbPoolSize
        + ", dbLeakDetection="
        + dbLeakDetection
        + ", trustStore="
        + trustStore
        + ", trustStorePassword="
        + (trustStorePassword == null ? "null" : "***")
        + "]";
  }
}
