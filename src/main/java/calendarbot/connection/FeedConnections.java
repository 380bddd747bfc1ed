package calendarbot.connection;

import calendarbot.config.ConnectionConfig;
import calendarbot.config.FetchConfig;
import java.io.Closeable;
import java.time.Clock;

/**
 * Where a feed fetch gets its HTTP client: one lease per fetch. Two honest twins, chosen by {@code
 * connection_pool.enabled}: {@link #pooled} (one client and connection pool shared by every source)
 * and {@link #plain} (a new client and connection per fetch, {@code Connection: close}).
 *
 * <p>Every client handed out follows the same contract, which the fetcher relies on: connect and
 * socket/response timeouts from {@link FetchConfig}; gzip/deflate decoded; no automatic redirects
 * (the fetcher follows them itself to count and report them), no retries (the refresh schedule
 * retries with back-off), no cookies; TLS certificate and host-name verification always on, with
 * the JDK's default trust plus the optional {@code tls.trust_store}. There is no trust-all option.
 *
 * <p>Thread-safe. {@link #close} closes every connection; leases taken afterwards fail.
 */
public interface FeedConnections extends Closeable {
  /** Sent with every feed request. */
  String USER_AGENT = "CalendarBot/0.1 (+self-hosted calendar display)";

  /**
   * Starts one fetch. Close the lease when the response body has been consumed (or the fetch was
   * abandoned); the plain path closes its client and connection then.
   *
   * @throws calendarbot.error.ConfigException if the plain path cannot build its client
   */
  FeedLease lease();

  /**
   * Applies new pool limits to the running pool ({@code connection_pool.http_max_total} and {@code
   * http_max_per_host} are live settings). A no-op for the plain twin, which has no pool.
   */
  default void resize(int maxTotal, int maxPerHost) {}

  /**
   * {@link #lease()} for a fetch of {@code subject} (the source id), so an implementation may
   * choose per source (the connection-pool feature flag, the pool's circuit breaker).
   */
  default FeedLease lease(String subject) {
    return lease();
  }

  /**
   * Told after every fetch, once its lease is closed, how it ended for the connection: {@code
   * connectionFailure} is a connection-level failure (an I/O error, a timeout, a lease timeout), or
   * {@code null} when the connection worked, whatever the server answered (an HTTP error status or
   * a body that is not a calendar is the source's business). A circuit breaker over the pool counts
   * these. Must not throw.
   */
  default void fetchEnded(FeedLease lease, RuntimeException connectionFailure) {}

  /** A snapshot of the pool and the counters since start; cheap, never blocks on a fetch. */
  FeedConnectionStats stats();

  /** Closes every connection; never throws. */
  @Override
  void close();

  /**
   * The implementation {@code connection.poolEnabled()} asks for.
   *
   * @throws calendarbot.error.ConfigException if {@code tls.trust_store} cannot be read
   */
  static FeedConnections create(ConnectionConfig connection, FetchConfig fetch) {
    return connection.poolEnabled()
        ? pooled(connection, fetch, Clock.systemUTC())
        : plain(connection, fetch);
  }

  /**
   * One shared pooled client: at most {@code httpMaxTotal} connections ({@code httpMaxPerHost} per
   * host), kept alive and reused, closed after {@code httpConnectionTtl} or {@code httpIdleTimeout}
   * idle (one daemon evictor thread), checked before reuse after {@code
   * httpValidateAfterInactivity}; DNS answers reused for {@code dnsCacheTtl} by {@code clock}; a
   * fetch waits at most {@code httpLeaseTimeout} for a connection.
   */
  static FeedConnections pooled(ConnectionConfig connection, FetchConfig fetch, Clock clock) {
    return new PooledFeedConnections(connection, fetch, clock);
  }

  /**
   * A new client, connection and DNS lookup per fetch, closed when the lease is; the pool settings
   * of {@code connection} are ignored, its trust store is used.
   */
  static FeedConnections plain(ConnectionConfig connection, FetchConfig fetch) {
    return new PlainFeedConnections(connection, fetch);
  }
}
