package calendarbot.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.config.ConnectionConfig;
import calendarbot.config.FetchConfig;
import calendarbot.config.SourceConfig;
import calendarbot.error.ConfigException;
import calendarbot.error.FeedException;
import calendarbot.source.BodyReader;
import calendarbot.source.FeedFetcher;
import calendarbot.source.FetchResult;
import calendarbot.source.Validators;
import calendarbot.testing.FakeFeedServer;
import calendarbot.testing.LoopbackProxy;
import calendarbot.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pooled and the plain feed connections against loopback HTTPS (a self-signed certificate made
 * here and trusted through {@code tls.trust_store}), with a counting TCP relay in front of the
 * server to see the connections from the server's side.
 */
class FeedConnectionsIT {
  static final String ICS =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n";
  static final BodyReader<String> TEXT =
      in -> new String(in.readAllBytes(), StandardCharsets.UTF_8);
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  TestCertificates cert;
  Path trustStore;
  FakeFeedServer server;
  LoopbackProxy proxy;
  final List<FeedFetcher> fetchers = new ArrayList<>();

  @BeforeEach
  void setUp() {
    cert = TestCertificates.loopback();
    trustStore = cert.writeTrustStore(dir.resolve("trust.p12"));
    server = FakeFeedServer.startHttps(cert.serverContext());
    proxy = LoopbackProxy.counting(server.port());
    server.path("/cal.ics").body(ICS).etag("\"v1\"");
  }

  @AfterEach
  void tearDown() throws Exception {
    for (FeedFetcher f : fetchers) {
      f.close();
    }
    server.close();
    proxy.close();
  }

  static ConnectionConfig config(
      boolean pooled, int maxTotal, int maxPerHost, Duration leaseTimeout, Path trustStore) {
    return new ConnectionConfig(
        pooled,
        maxTotal,
        maxPerHost,
        Duration.ofMinutes(5),
        Duration.ofMinutes(1),
        Duration.ofSeconds(2),
        leaseTimeout,
        Duration.ofMinutes(1),
        4,
        Duration.ofSeconds(30),
        trustStore,
        trustStore == null ? null : TestCertificates.PASSWORD);
  }

  FeedFetcher fetcher(ConnectionConfig connection, Duration readTimeout) {
    FeedFetcher f =
        FeedFetcher.create(
            new FetchConfig(Duration.ofSeconds(2), readTimeout, 3, 64 * 1024), connection);
    fetchers.add(f);
    return f;
  }

  FeedFetcher fetcher(boolean pooled) {
    return fetcher(config(pooled, 100, 30, Duration.ofSeconds(5), trustStore), WAIT);
  }

  SourceConfig viaProxy(String path) {
    return new SourceConfig("work", null, proxy.uri(server.uri(path)), null, null, null);
  }

  static FeedException failure(FeedFetcher fetcher, SourceConfig source) {
    try {
      fetcher.fetch(source, Validators.NONE, TEXT);
    } catch (FeedException e) {
      return e;
    }
    throw new AssertionError("fetch of " + source.url() + " did not fail");
  }

  @Test
  void pooled_twentySequentialFetches_reuseOneConnection() {
    FeedFetcher fetcher = fetcher(true);

    for (int i = 0; i < 20; i++) {
      Validators previous = i % 2 == 0 ? Validators.NONE : new Validators("\"v1\"", null);
      fetcher.fetch(viaProxy("/cal.ics"), previous, TEXT);
    }

    assertThat(proxy.accepted()).isEqualTo(1);
    FeedConnectionStats stats = fetcher.connectionStats();
    assertThat(stats.pooled()).isTrue();
    assertThat(stats.connectionsCreated()).isEqualTo(1);
    assertThat(stats.fetches()).isEqualTo(20);
    assertThat(stats.requests()).isEqualTo(20);
    assertThat(stats.notModified()).isEqualTo(10);
    assertThat(stats.bytes()).isEqualTo(10L * ICS.length());
    assertThat(stats.reuseRatio()).isEqualTo(0.95);
    assertThat(stats.leased()).isZero();
    assertThat(stats.available()).isEqualTo(1);
  }

  @Test
  void plain_twentySequentialFetches_openAndCloseOneConnectionEach() {
    FeedFetcher fetcher = fetcher(false);

    for (int i = 0; i < 20; i++) {
      fetcher.fetch(viaProxy("/cal.ics"), Validators.NONE, TEXT);
    }

    assertThat(proxy.accepted()).isEqualTo(20);
    assertThat(proxy.awaitOpen(0, WAIT)).as("every plain connection closed").isTrue();
    assertThat(server.lastRequest("/cal.ics").header("Connection")).isEqualTo("close");
    FeedConnectionStats stats = fetcher.connectionStats();
    assertThat(stats.pooled()).isFalse();
    assertThat(stats.connectionsCreated()).isEqualTo(20);
    assertThat(stats.requests()).isEqualTo(20);
    assertThat(stats.reuseRatio()).isZero();
    assertThat(stats.leased()).isZero();
  }

  @Test
  void pooledAndPlain_sameFeedOverHttps_giveIdenticalResults() {
    server.path("/gz.ics").body(ICS).gzip(true).lastModified("Mon, 02 Mar 2026 08:00:00 GMT");
    server.redirect("/old.ics", "/gz.ics");
    List<Object> results = new ArrayList<>();
    for (boolean pooled : new boolean[] {true, false}) {
      FeedFetcher fetcher = fetcher(pooled);
      FetchResult<String> full = fetcher.fetch(viaProxy("/old.ics"), Validators.NONE, TEXT);
      FetchResult<String> again = fetcher.fetch(viaProxy("/old.ics"), full.validators(), TEXT);
      results.add(List.of(full, again));
    }

    assertThat(results.get(0)).isEqualTo(results.get(1));
    assertThat(((List<?>) results.get(0)).get(1)).isInstanceOf(FetchResult.NotModified.class);
  }

  @Test
  void pooled_fiftyConcurrentFetches_neverOpenMoreThanMaxPerHost() throws Exception {
    int perHost = 5;
    FeedFetcher fetcher = fetcher(config(true, 100, perHost, WAIT, trustStore), WAIT);
    server.path("/hang.ics").body(ICS).hang(true);
    ExecutorService threads = Executors.newFixedThreadPool(50);
    try {
      List<Future<FetchResult<String>>> all = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        all.add(threads.submit(() -> fetcher.fetch(viaProxy("/hang.ics"), Validators.NONE, TEXT)));
      }

      assertThat(server.awaitRequests("/hang.ics", perHost, WAIT)).isTrue();
      FeedConnectionStats waiting = fetcher.connectionStats();
      server.releaseHangs();
      for (Future<FetchResult<String>> f : all) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isInstanceOf(FetchResult.Fetched.class);
      }

      assertThat(waiting.leased()).isEqualTo(perHost);
      assertThat(proxy.maxOpen()).isEqualTo(perHost);
      assertThat(proxy.accepted()).isEqualTo(perHost);
      FeedConnectionStats done = fetcher.connectionStats();
      assertThat(done.leased()).isZero();
      assertThat(done.requests()).isEqualTo(50);
      assertThat(done.connectionsCreated()).isEqualTo(perHost);
      assertThat(done.maxLeaseWaitNanos()).isPositive();
    } finally {
      threads.shutdownNow();
    }
  }

  @ParameterizedTest(name = "pooled={0}")
  @ValueSource(booleans = {true, false})
  void hungServer_hitsReadTimeout_andFreesTheConnection(boolean pooled) {
    FeedFetcher fetcher =
        fetcher(config(pooled, 100, 30, Duration.ofSeconds(5), trustStore), Duration.ofMillis(300));
    server.path("/hang.ics").body(ICS).hang(true);

    FeedException e = failure(fetcher, viaProxy("/hang.ics"));

    assertThat(e.reason()).isEqualTo("TIMEOUT");
    assertThat(e.getMessage()).contains("300 ms (fetch.read_timeout)");
    assertThat(fetcher.connectionStats().leased()).isZero();
    assertThat(proxy.awaitOpen(0, WAIT)).as("the hung connection is closed").isTrue();
    // The pool still works after the timeout.
    assertThat(fetcher.fetch(viaProxy("/cal.ics"), Validators.NONE, TEXT))
        .isInstanceOf(FetchResult.Fetched.class);
  }

  @ParameterizedTest(name = "pooled={0}")
  @ValueSource(booleans = {true, false})
  void untrustedSelfSignedCertificate_isRejectedWithTls(boolean pooled) {
    FeedFetcher fetcher = fetcher(config(pooled, 100, 30, Duration.ofSeconds(5), null), WAIT);

    FeedException e = failure(fetcher, viaProxy("/cal.ics"));

    assertThat(e.reason()).isEqualTo("TLS");
    assertThat(e.getMessage()).startsWith("source 'work' TLS handshake with https://127.0.0.1:");
    assertThat(server.requestCount("/cal.ics")).isZero();
  }

  @ParameterizedTest(name = "pooled={0}")
  @ValueSource(booleans = {true, false})
  void trustStoreWithAnotherCertificate_stillRejectsTheServers(boolean pooled) {
    Path otherTrust =
        TestCertificates.loopback().writeTrustStore(dir.resolve("other-loopback.p12"));
    FeedFetcher fetcher = fetcher(config(pooled, 100, 30, Duration.ofSeconds(5), otherTrust), WAIT);

    FeedException e = failure(fetcher, viaProxy("/cal.ics"));

    assertThat(e.reason()).isEqualTo("TLS");
    assertThat(server.requestCount("/cal.ics")).isZero();
  }

  @ParameterizedTest(name = "pooled={0}")
  @ValueSource(booleans = {true, false})
  void trustedCertificateForAnotherHost_isRejectedWithTls(boolean pooled) {
    TestCertificates other = TestCertificates.selfSigned("feeds.example.test");
    Path otherTrust = other.writeTrustStore(dir.resolve("other.p12"));
    try (FakeFeedServer wrongHost = FakeFeedServer.startHttps(other.serverContext())) {
      wrongHost.path("/cal.ics").body(ICS);
      FeedFetcher fetcher =
          fetcher(config(pooled, 100, 30, Duration.ofSeconds(5), otherTrust), WAIT);

      FeedException e =
          failure(
              fetcher, new SourceConfig("work", null, wrongHost.uri("/cal.ics"), null, null, null));

      assertThat(e.reason()).isEqualTo("TLS");
      assertThat(wrongHost.requestCount("/cal.ics")).isZero();
    }
  }

  @Test
  void leaseTimeout_failsWithTimeoutNamingThePoolState() throws Exception {
    FeedFetcher fetcher =
        fetcher(config(true, 1, 1, Duration.ofMillis(200), trustStore), Duration.ofSeconds(10));
    server.path("/hang.ics").body(ICS).hang(true);
    CompletableFuture<FetchResult<String>> first =
        CompletableFuture.supplyAsync(
            () -> fetcher.fetch(viaProxy("/hang.ics"), Validators.NONE, TEXT));
    assertThat(server.awaitRequests("/hang.ics", 1, WAIT)).isTrue();

    FeedException e = failure(fetcher, viaProxy("/cal.ics"));

    assertThat(e.reason()).isEqualTo("TIMEOUT");
    assertThat(e.getMessage())
        .startsWith("source 'work' timed out waiting for a free HTTP connection to https://")
        .contains("connection_pool.http_lease_timeout")
        .contains("leased=1, available=0, pending=")
        .contains("max=1 (per host 1)")
        .endsWith("raise connection_pool.http_max_per_host or connection_pool.http_max_total");
    server.releaseHangs();
    assertThat(first.get(30, TimeUnit.SECONDS)).isInstanceOf(FetchResult.Fetched.class);
    assertThat(fetcher.connectionStats().leased()).isZero();
  }

  @Test
  void unreadableTrustStore_failsAtStartNamingTheKey() {
    Path missing = dir.resolve("missing.p12");

    assertThatThrownBy(
            () ->
                FeedConnections.create(
                    config(true, 100, 30, WAIT, missing), FetchConfig.defaults()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("tls.trust_store");
              assertThat(e.getMessage()).contains(missing.toString()).contains("PKCS12");
            });
  }

  @Test
  void extraTrustStore_keepsTheJdkDefaultTrust() throws Exception {
    javax.net.ssl.TrustManagerFactory jdk =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    jdk.init((java.security.KeyStore) null);
    int jdkIssuers =
        ((javax.net.ssl.X509TrustManager) jdk.getTrustManagers()[0]).getAcceptedIssuers().length;

    javax.net.ssl.X509TrustManager both =
        FeedTrust.trustManager(trustStore, TestCertificates.PASSWORD);

    assertThat(both.getAcceptedIssuers()).hasSize(jdkIssuers + 1).contains(cert.certificate());
  }
}
