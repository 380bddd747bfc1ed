package calendarbot.source;

import calendarbot.config.FetchConfig;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The one place that builds the feed HTTP client. A later {@code ConnectionProvider} (pooled or
 * plain) replaces this by handing a client to {@link FeedFetcher#FeedFetcher(FetchConfig,
 * CloseableHttpClient)}; whatever builds the client must keep the settings below, which the fetcher
 * relies on.
 */
final class FeedClients {
  static final String USER_AGENT = "CalendarBot/0.1 (+self-hosted calendar display)";

  static final int MAX_CONNECTIONS = 8;

  private FeedClients() {}

  /**
   * A small pooled client: connect and socket timeouts from {@code config}; gzip/deflate decoded;
   * no automatic redirects (the fetcher follows them itself to count and report them), no retries
   * (the refresh schedule retries with back-off), no cookies.
   */
  static CloseableHttpClient create(FetchConfig config) {
    ConnectionConfig connection =
        ConnectionConfig.custom()
            .setConnectTimeout(Timeout.ofMilliseconds(config.connectTimeout().toMillis()))
            .setSocketTimeout(Timeout.ofMilliseconds(config.readTimeout().toMillis()))
            .build();
    RequestConfig request =
        RequestConfig.custom()
            .setResponseTimeout(Timeout.ofMilliseconds(config.readTimeout().toMillis()))
            // Waiting for a pooled connection: long enough for one other fetch to finish.
            .setConnectionRequestTimeout(
                Timeout.ofMilliseconds(
                    config.connectTimeout().plus(config.readTimeout()).toMillis()))
            .setRedirectsEnabled(false)
            .setContentCompressionEnabled(true)
            .build();
    return HttpClients.custom()
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(connection)
                // Few feeds, refreshed a few at a time: a handful of sockets is plenty on a Pi.
                // Per route as many as in total: several feeds often share one host (Google).
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .build())
        .setDefaultRequestConfig(request)
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent(USER_AGENT)
        .build();
  }
}
