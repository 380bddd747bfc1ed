package calendarbot.connection;

import calendarbot.config.ConnectionConfig;
import calendarbot.config.FetchConfig;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.LeaseRequest;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.ConnPoolControl;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One Apache HttpClient with a {@link PoolingHttpClientConnectionManager} shared by every source.
 * Leases are free: they hand out the same client. See {@link FeedConnections#pooled}.
 */
final class PooledFeedConnections implements FeedConnections {
  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient client;
  private final FeedHttp.Counters counters = new FeedHttp.Counters();
  private volatile int maxPerHost;

  PooledFeedConnections(ConnectionConfig connection, FetchConfig fetch, Clock clock) {
    this.maxPerHost = connection.httpMaxPerHost();
    this.pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(
                FeedHttp.connectionConfig(fetch)
                    .setTimeToLive(
                        TimeValue.ofMilliseconds(connection.httpConnectionTtl().toMillis()))
                    .setValidateAfterInactivity(
                        TimeValue.ofMilliseconds(
                            connection.httpValidateAfterInactivity().toMillis()))
                    .build())
            .setTlsSocketStrategy(
                new DefaultClientTlsStrategy(
                    FeedTrust.sslContext(connection.trustStore(), connection.trustStorePassword())))
            .setDnsResolver(CachingDnsResolver.system(connection.dnsCacheTtl(), clock))
            .setConnectionFactory(counters.countingFactory())
            .setMaxConnTotal(connection.httpMaxTotal())
            .setMaxConnPerRoute(connection.httpMaxPerHost())
            // Strict: the per-host and total limits hold exactly; LIFO: the warmest connection
            // is reused, the others idle out.
            .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
            .setConnPoolPolicy(PoolReusePolicy.LIFO)
            .build();
    this.client =
        FeedHttp.client(
                fetch, FeedHttp.millis(connection.httpLeaseTimeout()), new Timed(pool, counters))
            .evictExpiredConnections()
            .evictIdleConnections(TimeValue.ofMilliseconds(connection.httpIdleTimeout().toMillis()))
            .build();
  }

  @Override
  public FeedLease lease() {
    return new FeedHttp.Lease(client, counters, () -> {});
  }

  @Override
  public void resize(int maxTotal, int maxPerHost) {
    // The strict pool applies new limits to the next lease; connections beyond them are closed
    // as they come back.
    pool.setMaxTotal(maxTotal);
    pool.setDefaultMaxPerRoute(maxPerHost);
    this.maxPerHost = maxPerHost;
  }

  @Override
  public FeedConnectionStats stats() {
    PoolStats s = pool.getTotalStats();
    return counters.stats(
        true, s.getLeased(), s.getAvailable(), s.getPending(), s.getMax(), maxPerHost);
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }

  /**
   * The pool, timing how long each request waits for a connection. Also the pool's control, so the
   * client's idle evictor can reach it.
   */
  static final class Timed implements HttpClientConnectionManager, ConnPoolControl<HttpRoute> {
    private final PoolingHttpClientConnectionManager pool;
    private final FeedHttp.Counters counters;

    Timed(PoolingHttpClientConnectionManager pool, FeedHttp.Counters counters) {
      this.pool = pool;
      this.counters = counters;
    }

    @Override
    public LeaseRequest lease(String id, HttpRoute route, Timeout requestTimeout, Object state) {
      LeaseRequest request = pool.lease(id, route, requestTimeout, state);
      long start = System.nanoTime();
      return new LeaseRequest() {
        @Override
        public ConnectionEndpoint get(Timeout timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
          ConnectionEndpoint endpoint = request.get(timeout);
          counters.leaseWaited(System.nanoTime() - start);
          return endpoint;
        }

        @Override
        public boolean cancel() {
          return request.cancel();
        }
      };
    }

    @Override
    public void release(ConnectionEndpoint endpoint, Object newState, TimeValue validDuration) {
      pool.release(endpoint, newState, validDuration);
    }

    @Override
    public void connect(ConnectionEndpoint endpoint, TimeValue connectTimeout, HttpContext context)
        throws IOException {
      pool.connect(endpoint, connectTimeout, context);
    }

    @Override
    public void upgrade(ConnectionEndpoint endpoint, HttpContext context) throws IOException {
      pool.upgrade(endpoint, context);
    }

    @Override
    public void close(CloseMode closeMode) {
      pool.close(closeMode);
    }

    @Override
    public void close() {
      pool.close();
    }

    @Override
    public void setMaxTotal(int max) {
      pool.setMaxTotal(max);
    }

    @Override
    public int getMaxTotal() {
      return pool.getMaxTotal();
    }

    @Override
    public void setDefaultMaxPerRoute(int max) {
      pool.setDefaultMaxPerRoute(max);
    }

    @Override
    public int getDefaultMaxPerRoute() {
      return pool.getDefaultMaxPerRoute();
    }

    @Override
    public void setMaxPerRoute(HttpRoute route, int max) {
      pool.setMaxPerRoute(route, max);
    }

    @Override
    public int getMaxPerRoute(HttpRoute route) {
      return pool.getMaxPerRoute(route);
    }

    @Override
    public void closeIdle(TimeValue idleTime) {
      pool.closeIdle(idleTime);
    }

    @Override
    public void closeExpired() {
      pool.closeExpired();
    }

    @Override
    public Set<HttpRoute> getRoutes() {
      return pool.getRoutes();
    }

    @Override
    public PoolStats getTotalStats() {
      return pool.getTotalStats();
    }

    @Override
    public PoolStats getStats(HttpRoute route) {
      return pool.getStats(route);
    }
  }
}
