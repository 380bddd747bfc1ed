package calendarbot.connection;

import calendarbot.config.ConnectionConfig;
import calendarbot.config.FetchConfig;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * A new client and connection per fetch, {@code Connection: close}, closed with the lease: no pool,
 * no keep-alive, no DNS cache. The TLS context (trust) is built once and shared, as any client
 * would; see {@link FeedConnections#plain}.
 */
final class PlainFeedConnections implements FeedConnections {
  private final FetchConfig fetch;
  private final TlsSocketStrategy tls;
  private final FeedHttp.Counters counters = new FeedHttp.Counters();

  PlainFeedConnections(ConnectionConfig connection, FetchConfig fetch) {
    this.fetch = fetch;
    SSLContext context =
        FeedTrust.sslContext(connection.trustStore(), connection.trustStorePassword());
    this.tls = new DefaultClientTlsStrategy(context);
  }

  @Override
  public FeedLease lease() {
    BasicHttpClientConnectionManager manager =
        BasicHttpClientConnectionManager.create(
            RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tls).build(),
            counters.countingFactory());
    manager.setConnectionConfig(FeedHttp.connectionConfig(fetch).build());
    CloseableHttpClient client =
        FeedHttp.client(fetch, Timeout.ofMilliseconds(fetch.connectTimeout().toMillis()), manager)
            .addRequestInterceptorFirst(
                (request, entity, context) -> {
                  counters.leaseWaited(0);
                  request.setHeader(HttpHeaders.CONNECTION, "close");
                })
            .build();
    return new FeedHttp.Lease(client, counters, () -> client.close(CloseMode.GRACEFUL));
  }

  @Override
  public FeedConnectionStats stats() {
    return counters.stats(false, counters.active.get(), 0, 0, 0, 0);
  }

  @Override
  public void close() {
    // Every client is closed with its lease.
  }
}
