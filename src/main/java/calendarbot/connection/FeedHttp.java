package calendarbot.connection;

import calendarbot.config.FetchConfig;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.util.Timeout;

/** What the pooled and the plain feed clients share: settings, counters and the lease type. */
final class FeedHttp {
  private FeedHttp() {}

  static Timeout millis(java.time.Duration d) {
    return Timeout.ofMilliseconds(d.toMillis());
  }

  /** Connect and socket timeouts of every feed connection. */
  static org.apache.hc.client5.http.config.ConnectionConfig.Builder connectionConfig(
      FetchConfig fetch) {
    return org.apache.hc.client5.http.config.ConnectionConfig.custom()
        .setConnectTimeout(millis(fetch.connectTimeout()))
        .setSocketTimeout(millis(fetch.readTimeout()));
  }

  /**
   * The client contract of {@link FeedConnections}: response timeout, no redirects, no retries, no
   * cookies, gzip/deflate decoded.
   *
   * @param leaseTimeout longest wait for a pooled connection
   */
  static HttpClientBuilder client(
      FetchConfig fetch, Timeout leaseTimeout, HttpClientConnectionManager manager) {
    RequestConfig request =
        RequestConfig.custom()
            .setResponseTimeout(millis(fetch.readTimeout()))
            .setConnectionRequestTimeout(leaseTimeout)
            .setRedirectsEnabled(false)
            .setContentCompressionEnabled(true)
            .build();
    return HttpClients.custom()
        .setConnectionManager(manager)
        .setDefaultRequestConfig(request)
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent(FeedConnections.USER_AGENT);
  }

  /** Counters shared by both paths. Thread-safe. */
  static final class Counters {
    final AtomicInteger active = new AtomicInteger();
    final LongAdder fetches = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder created = new LongAdder();
    final LongAdder notModified = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder fetchNanos = new LongAdder();
    final LongAdder leaseWaitNanos = new LongAdder();
    final AtomicLong maxLeaseWaitNanos = new AtomicLong();

    void leaseWaited(long nanos) {
      requests.increment();
      leaseWaitNanos.add(nanos);
      maxLeaseWaitNanos.accumulateAndGet(nanos, Math::max);
    }

    FeedConnectionStats stats(
        boolean pooled, int leased, int available, int pending, int max, int maxPerHost) {
      return new FeedConnectionStats(
          pooled,
          leased,
          available,
          pending,
          max,
          maxPerHost,
          fetches.sum(),
          requests.sum(),
          created.sum(),
          notModified.sum(),
          bytes.sum(),
          fetchNanos.sum(),
          leaseWaitNanos.sum(),
          maxLeaseWaitNanos.get());
    }

    /** Counts every connection the client opens. */
    HttpConnectionFactory<ManagedHttpClientConnection> countingFactory() {
      HttpConnectionFactory<ManagedHttpClientConnection> delegate =
          ManagedHttpClientConnectionFactory.INSTANCE;
      return new HttpConnectionFactory<>() {
        @Override
        public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
          created.increment();
          return delegate.createConnection(socket);
        }

        @Override
        public ManagedHttpClientConnection createConnection(SSLSocket ssl, Socket socket)
            throws IOException {
          created.increment();
          return delegate.createConnection(ssl, socket);
        }
      };
    }
  }

  /** One fetch: times it and, when it ends, runs {@code onClose} (the plain path's close). */
  static final class Lease implements FeedLease {
    private final CloseableHttpClient client;
    private final Counters counters;
    private final Runnable onClose;
    private final long start = System.nanoTime();
    private boolean closed;

    Lease(CloseableHttpClient client, Counters counters, Runnable onClose) {
      this.client = client;
      this.counters = counters;
      this.onClose = onClose;
      counters.active.incrementAndGet();
      counters.fetches.increment();
    }

    @Override
    public CloseableHttpClient client() {
      return client;
    }

    @Override
    public void fetched(long bytes) {
      counters.bytes.add(bytes);
    }

    @Override
    public void notModified() {
      counters.notModified.increment();
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      counters.fetchNanos.add(System.nanoTime() - start);
      counters.active.decrementAndGet();
      onClose.run();
    }
  }
}
