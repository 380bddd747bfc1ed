package calendarbot.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.config.ConnectionConfig;
import calendarbot.config.FetchConfig;
import calendarbot.config.SourceAuth;
import calendarbot.config.SourceConfig;
import calendarbot.connection.FeedConnections;
import calendarbot.error.FeedException;
import calendarbot.error.MalformedFeedException;
import calendarbot.testing.FakeFeedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** Every behaviour holds on both paths: pooled connections and a new connection per fetch. */
@ParameterizedClass(name = "pooled={0}")
@ValueSource(booleans = {true, false})
class FeedFetcherIT {
  static final String ICS =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n";
  static final BodyReader<String> TEXT =
      in -> new String(in.readAllBytes(), StandardCharsets.UTF_8);

  @Parameter boolean pooled;

  FakeFeedServer server;
  FeedFetcher fetcher;

  @BeforeEach
  void setUp() {
    server = FakeFeedServer.start();
    fetcher =
        FeedFetcher.create(
            new FetchConfig(Duration.ofSeconds(2), Duration.ofMillis(300), 3, 64 * 1024),
            ConnectionConfig.defaults().withPoolEnabled(pooled));
  }

  @AfterEach
  void tearDown() throws IOException {
    fetcher.close();
    server.close();
  }

  static SourceConfig source(URI url) {
    return new SourceConfig("work", "Work", url, null, null, null);
  }

  FeedException failure(SourceConfig source) {
    try {
      fetcher.fetch(source, Validators.NONE, TEXT);
    } catch (FeedException e) {
      return e;
    }
    throw new AssertionError("fetch of " + source.url() + " did not fail");
  }

  @Test
  void fetch_ok_returnsBodyValidatorsAndByteCount() {
    server.path("/cal.ics").body(ICS).etag("\"v1\"").lastModified("Mon, 02 Mar 2026 08:00:00 GMT");

    FetchResult<String> r = fetcher.fetch(source(server.uri("/cal.ics")), Validators.NONE, TEXT);

    assertThat(r).isInstanceOf(FetchResult.Fetched.class);
    FetchResult.Fetched<String> f = (FetchResult.Fetched<String>) r;
    assertThat(f.value()).isEqualTo(ICS);
    assertThat(f.bytes()).isEqualTo(ICS.length());
    assertThat(f.validators()).isEqualTo(new Validators("\"v1\"", "Mon, 02 Mar 2026 08:00:00 GMT"));
    assertThat(server.lastRequest("/cal.ics").header("Accept-Encoding")).contains("gzip");
    assertThat(server.lastRequest("/cal.ics").header("If-None-Match")).isNull();
  }

  @Test
  void fetch_withValidators_sendsConditionalHeadersAndReturnsNotModified() {
    server.path("/cal.ics").body(ICS).etag("\"v1\"").lastModified("Mon, 02 Mar 2026 08:00:00 GMT");
    Validators previous = new Validators("\"v1\"", "Mon, 02 Mar 2026 08:00:00 GMT");

    FetchResult<String> r = fetcher.fetch(source(server.uri("/cal.ics")), previous, TEXT);

    assertThat(r).isEqualTo(new FetchResult.NotModified<String>(previous));
    FakeFeedServer.RecordedRequest req = server.lastRequest("/cal.ics");
    assertThat(req.header("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(req.header("If-Modified-Since")).isEqualTo("Mon, 02 Mar 2026 08:00:00 GMT");
  }

  @Test
  void fetch_changedEtag_returnsNewBody() {
    server.path("/cal.ics").body(ICS).etag("\"v2\"");

    FetchResult<String> r =
        fetcher.fetch(source(server.uri("/cal.ics")), new Validators("\"v1\"", null), TEXT);

    assertThat(r.validators().etag()).isEqualTo("\"v2\"");
    assertThat(r).isInstanceOf(FetchResult.Fetched.class);
  }

  @Test
  void fetch_gzipBody_isDecoded() {
    server.path("/cal.ics").body(ICS).gzip(true);

    FetchResult.Fetched<String> f =
        (FetchResult.Fetched<String>)
            fetcher.fetch(source(server.uri("/cal.ics")), Validators.NONE, TEXT);

    assertThat(f.value()).isEqualTo(ICS);
    assertThat(f.bytes()).isEqualTo(ICS.length());
  }

  @Test
  void fetch_status500_throwsHttpStatus() {
    server.path("/cal.ics").status(500).body("boom");

    FeedException e = failure(source(server.uri("/cal.ics")));

    assertThat(e.reason()).isEqualTo("HTTP_STATUS");
    assertThat(e.sourceId()).isEqualTo("work");
    assertThat(e.getMessage())
        .startsWith("source 'work' returned HTTP 500")
        .contains(server.uri("/cal.ics").toString())
        .contains("retried");
  }

  @Test
  void fetch_status401_hintsAtCredentials() {
    server.path("/cal.ics").status(401);

    assertThat(failure(source(server.uri("/cal.ics"))).getMessage())
        .contains("HTTP 401")
        .contains("check the credentials (sources.work.auth) or the private URL");
  }

  @Test
  void fetch_status404_hintsAtUrlAndRedactsQuery() {
    server.path("/cal.ics").status(404);

    FeedException e = failure(source(server.uri("/cal.ics?private=s3cret")));

    assertThat(e.getMessage())
        .contains("HTTP 404")
        .contains("check the URL")
        .contains("/cal.ics?\u2026");
    assertThat(e.getMessage()).doesNotContain("s3cret");
  }

  @Test
  void fetch_htmlBody_throwsNotIcs() {
    server.path("/cal.ics").body("\n  <!DOCTYPE html><html><body>Sign in</body></html>");

    FeedException e = failure(source(server.uri("/cal.ics")));

    assertThat(e.reason()).isEqualTo("NOT_ICS");
    assertThat(e.getMessage()).contains("an HTML page").contains("ICS/iCal");
  }

  @Test
  void fetch_jsonBody_throwsNotIcs() {
    server.path("/cal.ics").body("{\"error\":\"nope\"}");

    assertThat(failure(source(server.uri("/cal.ics"))).getMessage()).contains("returned JSON");
  }

  @Test
  void fetch_htmlContentTypeWithIcsBody_isAccepted() {
    server.path("/cal.ics").body(ICS).header("Content-Type", "text/html; charset=utf-8");

    assertThat(fetcher.fetch(source(server.uri("/cal.ics")), Validators.NONE, TEXT))
        .isInstanceOf(FetchResult.Fetched.class);
  }

  @Test
  void fetch_htmlContentTypeWithUnknownBody_throwsNotIcs() {
    server.path("/cal.ics").body("Sign in please").header("Content-Type", "text/html");

    assertThat(failure(source(server.uri("/cal.ics"))).reason()).isEqualTo("NOT_ICS");
  }

  @Test
  void fetch_bodyOverLimit_throwsTooLarge() {
    server.path("/big.ics").body(ICS + "X".repeat(1024 * 1024));

    FeedException e = failure(source(server.uri("/big.ics")));

    assertThat(e.reason()).isEqualTo("TOO_LARGE");
    assertThat(e.getMessage())
        .isEqualTo(
            "source 'work' feed at "
                + server.uri("/big.ics")
                + " is larger than the limit of 65536 bytes (it declares "
                + (ICS.length() + 1024 * 1024)
                + " bytes); raise fetch.max_bytes (bytes after gzip decoding) if the feed is"
                + " legitimate");
  }

  @Test
  void fetch_gzipBomb_throwsTooLargeOnDecodedBytes() {
    byte[] bomb = (ICS + " ".repeat(8 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
    server.path("/bomb.ics").body(bomb).gzip(true);

    FeedException e = failure(source(server.uri("/bomb.ics")));

    assertThat(e.reason()).isEqualTo("TOO_LARGE");
    assertThat(e.getMessage()).contains("65536");
  }

  @Test
  void fetch_limitHitInsideWrappingReader_stillTooLarge() {
    server.path("/big.ics").body(ICS + "X".repeat(1024 * 1024)).gzip(true);
    BodyReader<String> wrapping =
        in -> {
          try {
            return TEXT.read(in);
          } catch (IOException e) {
            throw new MalformedFeedException("read failed", -1, e);
          }
        };

    assertThatThrownBy(
            () -> fetcher.fetch(source(server.uri("/big.ics")), Validators.NONE, wrapping))
        .isInstanceOfSatisfying(
            FeedException.class, e -> assertThat(e.reason()).isEqualTo("TOO_LARGE"));
  }

  @Test
  @Timeout(30) // a hang guard: without the read timeout this test would wait for ever
  void fetch_hungServer_timesOutWithinReadTimeout() {
    server.path("/hang.ics").body(ICS).hang(true);

    FeedException e = failure(source(server.uri("/hang.ics")));

    assertThat(e.reason()).isEqualTo("TIMEOUT");
    assertThat(e.getMessage()).contains("300 ms").contains("fetch.read_timeout");
    // The read timeout fired (not a connect failure or the total deadline).
    assertThat(e).hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
  }

  @Test
  void fetch_bodyStillArrivingAtTotalDeadline_throwsTimeout() throws IOException {
    FetchConfig config =
        new FetchConfig(Duration.ofSeconds(2), Duration.ofMillis(300), 3, 64 * 1024);
    AtomicLong nanos = new AtomicLong();
    // Longer than the fetcher's 8 KiB sniff buffer, so the reader's own reads reach the stream.
    server.path("/slow.ics").body(ICS + "X".repeat(30_000));
    try (FeedFetcher ticking =
        new FeedFetcher(
            config,
            FeedConnections.create(ConnectionConfig.defaults().withPoolEnabled(pooled), config),
            nanos::get)) {
      BodyReader<String> slowReader =
          in -> {
            in.readNBytes(10);
            // As if the server had trickled for the whole deadline without a read timing out.
            nanos.addAndGet(FeedFetcher.totalTimeout(config).toNanos());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          };

      assertThatThrownBy(
              () -> ticking.fetch(source(server.uri("/slow.ics")), Validators.NONE, slowReader))
          .isInstanceOfSatisfying(
              FeedException.class,
              e -> {
                assertThat(e.reason()).isEqualTo("TIMEOUT");
                assertThat(e.getMessage())
                    .startsWith("source 'work' took longer than 3.2 s in total")
                    .contains("fetch.read_timeout")
                    .contains(server.uri("/slow.ics").toString());
              });
    }
  }

  @Test
  void fetch_malformedLocation_throwsHttpStatusNamingIt() {
    server.redirect("/a", "http://cal.example.test/private-token/my cal.ics?key=secret");

    FeedException e = failure(source(server.uri("/a")));

    assertThat(e.reason()).isEqualTo("HTTP_STATUS");
    assertThat(e.getMessage())
        .startsWith(
            "source 'work' was redirected (HTTP 302) by "
                + server.uri("/a")
                + " to a malformed Location 'http://cal.example.test/\u2026/my cal.ics?\u2026'"
                + " (Illegal character in path at index")
        .doesNotContain("private-token")
        .doesNotContain("secret");
  }

  @Test
  void fetch_readerThrowsMalformed_throwsMalformedWithParserMessage() {
    server.path("/cal.ics").body("BEGIN:VCALENDAR\r\nBROKEN");

    assertThatThrownBy(
            () ->
                fetcher.fetch(
                    source(server.uri("/cal.ics")),
                    Validators.NONE,
                    in -> {
                      throw new MalformedFeedException("line 2: missing END:VCALENDAR", 2);
                    }))
        .isInstanceOfSatisfying(
            FeedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("MALFORMED");
              assertThat(e.getMessage())
                  .startsWith("source 'work' feed at")
                  .contains("line 2: missing END:VCALENDAR");
            });
  }

  @Test
  void fetch_redirectsWithinLimit_followsToFinalUrl() {
    server.redirect("/a", "/b");
    server.redirect("/b", server.uri("/c").toString());
    server.redirect("/c", "/cal.ics");
    server.path("/cal.ics").body(ICS);

    FetchResult<String> r = fetcher.fetch(source(server.uri("/a")), Validators.NONE, TEXT);

    assertThat(r).isInstanceOf(FetchResult.Fetched.class);
    assertThat(server.requestCount("/cal.ics")).isEqualTo(1);
  }

  @Test
  void fetch_redirectsBeyondLimit_throwsTooManyRedirects() {
    server.redirect("/a", "/b");
    server.redirect("/b", "/c");
    server.redirect("/c", "/d");
    server.redirect("/d", "/cal.ics");
    server.path("/cal.ics").body(ICS);

    FeedException e = failure(source(server.uri("/a")));

    assertThat(e.reason()).isEqualTo("TOO_MANY_REDIRECTS");
    assertThat(e.getMessage()).contains("more than 3 times").contains("fetch.max_redirects");
    assertThat(server.requestCount("/cal.ics")).isZero();
  }

  @Test
  void fetch_basicAuthAndHeaders_areSent() {
    server.path("/cal.ics").body(ICS);
    SourceConfig s =
        new SourceConfig(
            "work",
            null,
            server.uri("/cal.ics"),
            new SourceAuth.Basic("ann", "pa:ss"),
            Map.of("X-Api-Key", "k1"),
            null);

    fetcher.fetch(s, Validators.NONE, TEXT);

    FakeFeedServer.RecordedRequest req = server.lastRequest("/cal.ics");
    assertThat(req.header("Authorization")).isEqualTo("Basic YW5uOnBhOnNz");
    assertThat(req.header("X-Api-Key")).isEqualTo("k1");
  }

  @Test
  void fetch_bearerAuth_isSent() {
    server.path("/cal.ics").body(ICS);
    SourceConfig s =
        new SourceConfig(
            "work", null, server.uri("/cal.ics"), new SourceAuth.Bearer("t0k"), null, null);

    fetcher.fetch(s, Validators.NONE, TEXT);

    assertThat(server.lastRequest("/cal.ics").header("Authorization")).isEqualTo("Bearer t0k");
  }

  @Test
  void fetch_redirectToOtherOrigin_dropsCredentials() {
    try (FakeFeedServer other = FakeFeedServer.start()) {
      other.path("/cal.ics").body(ICS);
      server.redirect("/a", other.uri("/cal.ics").toString());
      SourceConfig s =
          new SourceConfig(
              "work",
              null,
              server.uri("/a"),
              new SourceAuth.Bearer("t0k"),
              Map.of("X-Api-Key", "k1"),
              null);

      fetcher.fetch(s, Validators.NONE, TEXT);

      assertThat(server.lastRequest("/a").header("Authorization")).isEqualTo("Bearer t0k");
      assertThat(other.lastRequest("/cal.ics").header("Authorization")).isNull();
      assertThat(other.lastRequest("/cal.ics").header("X-Api-Key")).isNull();
    }
  }

  @Test
  void fetch_httpsToPlainTextServer_throwsTls() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Answers the TLS ClientHello with plain HTTP, as a misconfigured port would.
      Thread answer =
          new Thread(
              () -> {
                try (Socket s = plain.accept()) {
                  s.getOutputStream()
                      .write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                  // the test fails on its own assertion
                }
              });
      answer.setDaemon(true);
      answer.start();

      FeedException e =
          failure(source(URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/cal.ics")));

      assertThat(e.reason()).isEqualTo("TLS");
      assertThat(e.getMessage())
          .startsWith("source 'work' TLS handshake with https://127.0.0.1:")
          .endsWith("check the server certificate and the JVM's trust store");
    }
  }

  @Test
  void fetch_connectionRefused_throwsIo() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }

    FeedException e = failure(source(URI.create("http://127.0.0.1:" + port + "/cal.ics")));

    assertThat(e.reason()).isEqualTo("IO");
    assertThat(e.getMessage()).startsWith("source 'work' fetch from http://127.0.0.1:");
  }

  @Test
  void fetch_file_readsThenNotModifiedUntilChanged(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cal.ics");
    Files.writeString(file, ICS);
    SourceConfig s = source(file.toUri());

    FetchResult<String> first = fetcher.fetch(s, Validators.NONE, TEXT);
    FetchResult<String> second = fetcher.fetch(s, first.validators(), TEXT);
    Files.writeString(file, ICS + "\r\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    FetchResult<String> third = fetcher.fetch(s, second.validators(), TEXT);

    assertThat(first).isInstanceOf(FetchResult.Fetched.class);
    assertThat(((FetchResult.Fetched<String>) first).value()).isEqualTo(ICS);
    assertThat(second).isInstanceOf(FetchResult.NotModified.class);
    assertThat(third).isInstanceOf(FetchResult.Fetched.class);
    assertThat(third.validators().lastModified()).isEqualTo("Tue, 1 Jan 2030 00:00:00 GMT");
  }

  @Test
  void fetch_missingFile_throwsNotFound(@TempDir Path dir) {
    Path file = dir.resolve("nope.ics");

    FeedException e = failure(source(file.toUri()));

    assertThat(e.reason()).isEqualTo("NOT_FOUND");
    assertThat(e.getMessage())
        .isEqualTo("source 'work' file " + file + " does not exist; check sources.work.url");
  }

  @Test
  void fetch_fileOverLimit_throwsTooLarge(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big.ics");
    Files.writeString(file, ICS + "X".repeat(100 * 1024));

    assertThat(failure(source(file.toUri())).reason()).isEqualTo("TOO_LARGE");
  }

  @Test
  void fetch_readerSeesWholeBodyAfterSniff() {
    String big = ICS + "Y".repeat(10_000);
    server.path("/cal.ics").body(big);
    BodyReader<Long> counting =
        in -> {
          long n = 0;
          while (in.read() >= 0) {
            n++;
          }
          return n;
        };

    FetchResult.Fetched<Long> f =
        (FetchResult.Fetched<Long>)
            fetcher.fetch(source(server.uri("/cal.ics")), Validators.NONE, counting);

    assertThat(f.value()).isEqualTo(big.length());
    assertThat(f.bytes()).isEqualTo(big.length());
  }
}
