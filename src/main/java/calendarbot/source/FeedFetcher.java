package calendarbot.source;

import calendarbot.config.ConnectionConfig;
import calendarbot.config.FetchConfig;
import calendarbot.config.SourceAuth;
import calendarbot.config.SourceConfig;
import calendarbot.connection.FeedConnectionStats;
import calendarbot.connection.FeedConnections;
import calendarbot.connection.FeedLease;
import calendarbot.error.FeedException;
import calendarbot.error.MalformedFeedException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * Fetches one feed: HTTP(S) with conditional GET, gzip/deflate, manual redirects and a size limit,
 * or a local {@code file:} URL. The body is handed to a {@link BodyReader} as a stream, so a feed
 * is parsed while it arrives and never buffered whole.
 *
 * <p>Thread-safe: one instance serves the whole process. Each HTTP fetch leases a client from its
 * {@link FeedConnections} (pooled or plain) and closes the lease when the body is consumed. A call
 * blocks for at most about {@link #totalTimeout} (connect timeout + {@value #TOTAL_READ_TIMEOUTS} ×
 * read timeout) plus one read timeout: the total is checked on every read of the body and before
 * every redirect hop, so a server that trickles bytes just fast enough to dodge the read timeout
 * fails with {@code TIMEOUT} too.
 *
 * <p>Redirects (301/302/303/307/308) are followed up to {@code fetch.max_redirects}; credentials
 * and extra headers are sent only while the URL stays on the configured scheme, host and port.
 * Conditional headers are sent from {@link Validators}; a {@code file:} URL compares its size and
 * modification time instead.
 *
 * <p>Every failure is a {@link FeedException} whose message names the source and the redacted URL
 * and says how to fix it; {@link FeedException#reason()} is one of {@code TIMEOUT}, {@code
 * HTTP_STATUS}, {@code NOT_ICS}, {@code TOO_LARGE}, {@code TOO_MANY_REDIRECTS}, {@code TLS}, {@code
 * MALFORMED}, {@code NOT_FOUND}, {@code IO}.
 */
public final class FeedFetcher implements Feed, AutoCloseable {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final int SNIFF_BYTES = 512;

  /**
   * Read timeouts one whole fetch may take on top of its connect timeout: a pool wait, the response
   * headers and a body from a slow but steady server, with room to spare (130 s with the default
   * timeouts). Derived from the configured timeouts rather than a key of its own.
   */
  static final int TOTAL_READ_TIMEOUTS = 4;

  private final FetchConfig config;
  private final FeedConnections connections;
  private final LongSupplier nanoTime;

  /**
   * Leases an HTTP client from {@code connections} for every HTTP fetch and takes ownership of
   * them: {@link #close} closes them, so do not share them with anything that outlives this
   * fetcher.
   */
  public FeedFetcher(FetchConfig config, FeedConnections connections) {
    this(config, connections, System::nanoTime);
  }

  /**
   * @param nanoTime the clock of the total deadline ({@code System::nanoTime}); injectable so tests
   *     need not trickle bytes for real
   */
  FeedFetcher(FetchConfig config, FeedConnections connections, LongSupplier nanoTime) {
    this.config = Objects.requireNonNull(config, "config");
    this.connections = Objects.requireNonNull(connections, "connections");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * The longest one fetch may take, redirects included: {@code fetch.connect_timeout} + {@value
   * #TOTAL_READ_TIMEOUTS} × {@code fetch.read_timeout}.
   */
  static Duration totalTimeout(FetchConfig config) {
    return config.connectTimeout().plus(config.readTimeout().multipliedBy(TOTAL_READ_TIMEOUTS));
  }

  /**
   * A fetcher with its own feed connections: pooled or plain as {@code connection.poolEnabled()}
   * says.
   *
   * @throws calendarbot.error.ConfigException if {@code tls.trust_store} cannot be read
   */
  public static FeedFetcher create(FetchConfig config, ConnectionConfig connection) {
    return new FeedFetcher(config, FeedConnections.create(connection, config));
  }

  /** The feed connections' pool state and counters now. */
  public FeedConnectionStats connectionStats() {
    return connections.stats();
  }

  /**
   * Fetches {@code source}, unless {@code previous} shows it unchanged.
   *
   * @param previous validators of the last successful fetch, {@link Validators#NONE} for none
   * @param reader consumes the body; its {@link MalformedFeedException} becomes {@code MALFORMED}
   * @return not-modified, or the reader's value with the new validators and byte count
   * @throws FeedException for every failure, with a stable reason code; {@code TIMEOUT} also when
   *     the whole fetch takes longer than {@link #totalTimeout}
   */
  @Override
  public <T> FetchResult<T> fetch(SourceConfig source, Validators previous, BodyReader<T> reader) {
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(reader, "reader");
    long deadline = nanoTime.getAsLong() + totalTimeout(config).toNanos();
    if ("file".equalsIgnoreCase(source.url().getScheme())) {
      return fetchFile(source, previous, reader, deadline);
    }
    FeedLease lease = connections.lease(source.id());
    RuntimeException connectionFailure = null;
    try (lease) {
      FetchResult<T> result = fetchHttp(lease, source, previous, reader, deadline);
      if (result instanceof FetchResult.Fetched<T> f) {
        lease.fetched(f.bytes());
      } else {
        lease.notModified();
      }
      return result;
    } catch (FeedException e) {
      if (Reasons.TIMEOUT.equals(e.reason()) || Reasons.IO.equals(e.reason())) {
        connectionFailure = e;
      }
      throw e;
    } finally {
      connections.fetchEnded(lease, connectionFailure);
    }
  }

  /**
   * Closes the feed connections (see the constructor). Never throws today; {@code IOException}
   * stays declared so callers keep handling a close that can fail.
   */
  @Override
  public void close() throws IOException {
    connections.close();
  }

  private <T> FetchResult<T> fetchHttp(
      FeedLease lease,
      SourceConfig source,
      Validators previous,
      BodyReader<T> reader,
      long deadline) {
    CloseableHttpClient client = lease.client();
    URI uri = source.url();
    boolean sameOrigin = true;
    for (int hop = 0; ; hop++) {
      if (nanoTime.getAsLong() - deadline >= 0) {
        throw deadlineExceeded(source, uri, null);
      }
      HttpGet get = request(source, uri, previous, sameOrigin);
      try (ClassicHttpResponse response = client.executeOpen(null, get, null)) {
        int status = response.getCode();
        if (isRedirect(status) && response.getFirstHeader(HttpHeaders.LOCATION) != null) {
          if (hop >= config.maxRedirects()) {
            throw new FeedException(
                source.id(),
                Reasons.TOO_MANY_REDIRECTS,
                label(source)
                    + " was redirected more than "
                    + config.maxRedirects()
                    + " times starting at "
                    + SourceConfig.redact(source.url())
                    + "; point the source at the final URL or raise fetch.max_redirects");
          }
          URI next = location(source, uri, status, response);
          // Credentials and private headers go only to the host they were configured for.
          sameOrigin = sameOrigin && sameOrigin(source.url(), next);
          uri = next;
          get.cancel();
          continue;
        }
        if (status == 304) {
          return new FetchResult.NotModified<>(merge(previous, response));
        }
        if (status < 200 || status >= 300) {
          throw httpStatus(source, uri, status, response.getReasonPhrase());
        }
        return readHttpBody(source, uri, get, response, reader, deadline);
      } catch (FeedException e) {
        // Abort rather than drain what is left of an unwanted body.
        get.cancel();
        throw e;
      } catch (IOException | RuntimeException e) {
        get.cancel();
        throw classify(source, uri, e);
      }
    }
  }

  private <T> FetchResult<T> readHttpBody(
      SourceConfig source,
      URI uri,
      HttpGet get,
      ClassicHttpResponse response,
      BodyReader<T> reader,
      long deadline)
      throws IOException {
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      throw new FeedException(
          source.id(),
          Reasons.MALFORMED,
          label(source) + " returned an empty response from " + SourceConfig.redact(uri));
    }
    long declared = entity.getContentEncoding() == null ? entity.getContentLength() : -1;
    if (declared > config.maxBytes()) {
      throw tooLarge(source, uri, "it declares " + declared + " bytes");
    }
    String contentType = entity.getContentType();
    try (InputStream raw = entity.getContent()) {
      LimitedInputStream limited =
          new LimitedInputStream(raw, config.maxBytes(), nanoTime, deadline);
      T value = read(source, uri, contentType, limited, reader);
      Validators validators =
          new Validators(header(response, HttpHeaders.ETAG), header(response, "Last-Modified"));
      return new FetchResult.Fetched<>(value, validators, limited.count());
    } catch (IOException | RuntimeException e) {
      // Abort before the stream's close tries to drain a hostile or hung body.
      get.cancel();
      throw e;
    }
  }

  private <T> FetchResult<T> fetchFile(
      SourceConfig source, Validators previous, BodyReader<T> reader, long deadline) {
    URI uri = source.url();
    Path path;
    try {
      path = Path.of(uri);
    } catch (IllegalArgumentException e) {
      throw new FeedException(
          source.id(),
          Reasons.NOT_FOUND,
          label(source) + " has an unusable file URL " + uri + ": " + e.getMessage(),
          e);
    }
    try {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attrs.isRegularFile()) {
        throw notFound(source, path, "is not a regular file", null);
      }
      // Size plus full-precision mtime stands in for an ETag: unchanged means not modified.
      Validators now =
          new Validators(
              "file:" + attrs.size() + ":" + attrs.lastModifiedTime().toInstant(),
              HTTP_DATE.format(attrs.lastModifiedTime().toInstant()));
      if (now.etag().equals(previous.etag())) {
        return new FetchResult.NotModified<>(now);
      }
      if (attrs.size() > config.maxBytes()) {
        throw tooLarge(source, uri, "the file has " + attrs.size() + " bytes");
      }
      try (InputStream in = Files.newInputStream(path)) {
        LimitedInputStream limited =
            new LimitedInputStream(in, config.maxBytes(), nanoTime, deadline);
        T value = read(source, uri, null, limited, reader);
        return new FetchResult.Fetched<>(value, now, limited.count());
      }
    } catch (NoSuchFileException e) {
      throw notFound(source, path, "does not exist", e);
    } catch (FeedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw classify(source, uri, e);
    }
  }

  /** Sniffs the start of the body, then hands it to the reader. */
  private <T> T read(
      SourceConfig source, URI uri, String contentType, InputStream limited, BodyReader<T> reader)
      throws IOException {
    BufferedInputStream in = new BufferedInputStream(limited, 8192);
    in.mark(SNIFF_BYTES);
    byte[] head = in.readNBytes(SNIFF_BYTES);
    in.reset();
    String kind = notIcsKind(head, contentType);
    if (kind != null) {
      throw new FeedException(
          source.id(),
          Reasons.NOT_ICS,
          label(source)
              + " returned "
              + kind
              + " instead of an iCalendar feed from "
              + SourceConfig.redact(uri)
              + "; the URL may lead to a web or login page: use the calendar's ICS/iCal"
              + " (secret address) export link");
    }
    return reader.read(in);
  }

  /**
   * "an HTML page" or "JSON" when the body is clearly not iCalendar, else {@code null}. A body that
   * starts with {@code BEGIN:} is trusted over a wrong Content-Type.
   */
  static String notIcsKind(byte[] head, String contentType) {
    int i = 0;
    if (head.length >= 3
        && (head[0] & 0xFF) == 0xEF
        && (head[1] & 0xFF) == 0xBB
        && (head[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    while (i < head.length && Character.isWhitespace(head[i])) {
      i++;
    }
    String start =
        new String(head, i, head.length - i, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
    if (start.startsWith("BEGIN:")) {
      return null;
    }
    if (start.startsWith("<")) {
      return "an HTML page";
    }
    if (start.startsWith("{") || start.startsWith("[")) {
      return "JSON";
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("text/html")) {
      return "an HTML page";
    }
    if (type.startsWith("application/json")) {
      return "JSON";
    }
    return null;
  }

  private HttpGet request(SourceConfig source, URI uri, Validators previous, boolean sameOrigin) {
    HttpGet get = new HttpGet(uri);
    get.setHeader(HttpHeaders.ACCEPT, "text/calendar, text/plain;q=0.5, */*;q=0.1");
    if (previous.etag() != null && !previous.etag().startsWith("file:")) {
      get.setHeader(HttpHeaders.IF_NONE_MATCH, previous.etag());
    }
    if (previous.lastModified() != null) {
      get.setHeader(HttpHeaders.IF_MODIFIED_SINCE, previous.lastModified());
    }
    if (!sameOrigin) {
      return get;
    }
    for (Map.Entry<String, String> h : source.headers().entrySet()) {
      get.setHeader(h.getKey(), h.getValue());
    }
    SourceAuth auth = source.auth();
    if (auth instanceof SourceAuth.Basic basic) {
      String pair = basic.username() + ":" + basic.password();
      get.setHeader(
          HttpHeaders.AUTHORIZATION,
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    } else if (auth instanceof SourceAuth.Bearer bearer) {
      get.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearer.token());
    }
    return get;
  }

  /** Where a redirect leads, resolved against the URL that answered it. */
  private static URI location(
      SourceConfig source, URI uri, int status, ClassicHttpResponse response) {
    String location = response.getFirstHeader(HttpHeaders.LOCATION).getValue().strip();
    try {
      return uri.resolve(location);
    } catch (IllegalArgumentException e) {
      // The exception's message repeats the whole Location, secrets included: give only the reason.
      String why =
          e.getCause() instanceof URISyntaxException u
              ? u.getReason() + (u.getIndex() >= 0 ? " at index " + u.getIndex() : "")
              : "not a URI";
      throw new FeedException(
          source.id(),
          Reasons.HTTP_STATUS,
          label(source)
              + " was redirected (HTTP "
              + status
              + ") by "
              + SourceConfig.redact(uri)
              + " to a malformed Location '"
              + redactLocation(location)
              + "' ("
              + why
              + "); the server is misconfigured: point the source at the final URL",
          e);
    }
  }

  /**
   * A Location that is not a URI, shown like {@link SourceConfig#redact}: no user info, only the
   * last path segment, no query.
   */
  static String redactLocation(String location) {
    String s = location;
    int query = s.indexOf('?');
    if (query >= 0) {
      s = s.substring(0, query);
    }
    int hostStart = s.indexOf("://");
    hostStart = hostStart < 0 ? 0 : hostStart + 3;
    int pathStart = s.indexOf('/', hostStart);
    if (pathStart < 0) {
      pathStart = s.length();
    }
    int at = s.lastIndexOf('@', pathStart - 1);
    String head =
        at >= hostStart
            ? s.substring(0, hostStart) + s.substring(at + 1, pathStart)
            : s.substring(0, pathStart);
    String path = s.substring(pathStart);
    int last = path.lastIndexOf('/', path.length() - 2);
    String shown = last > 0 ? "/\u2026" + path.substring(last) : path;
    if (shown.length() > 100) {
      shown = shown.substring(0, 100) + "\u2026";
    }
    return head + shown + (query >= 0 ? "?\u2026" : "");
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
        && Objects.equals(lower(a.getHost()), lower(b.getHost()))
        && port(a) == port(b);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** A 304 may refresh the validators; keep the old ones where it is silent. */
  private static Validators merge(Validators previous, ClassicHttpResponse response) {
    String etag = header(response, HttpHeaders.ETAG);
    String lastModified = header(response, "Last-Modified");
    return new Validators(
        etag != null ? etag : previous.etag(),
        lastModified != null ? lastModified : previous.lastModified());
  }

  private static String header(ClassicHttpResponse response, String name) {
    Header h = response.getFirstHeader(name);
    return h == null || h.getValue().isBlank() ? null : h.getValue();
  }

  private FeedException httpStatus(SourceConfig source, URI uri, int status, String phrase) {
    String hint;
    if (status == 401 || status == 403) {
      hint = "check the credentials (sources." + source.id() + ".auth) or the private URL";
    } else if (status == 404 || status == 410) {
      hint = "check the URL; the calendar may have been moved or unshared";
    } else if (status == 429) {
      hint = "the server is rate limiting; raise refresh.interval";
    } else if (status >= 500) {
      hint = "the server failed; it will be retried with back-off";
    } else {
      hint = "check the URL";
    }
    return new FeedException(
        source.id(),
        Reasons.HTTP_STATUS,
        label(source)
            + " returned HTTP "
            + status
            + (phrase == null || phrase.isBlank() ? "" : " " + phrase)
            + " from "
            + SourceConfig.redact(uri)
            + "; "
            + hint);
  }

  /**
   * @param detail what is known of the size ("it declares 123 bytes"), or {@code null}
   */
  private FeedException tooLarge(SourceConfig source, URI uri, String detail) {
    return new FeedException(
        source.id(),
        Reasons.TOO_LARGE,
        label(source)
            + " feed at "
            + SourceConfig.redact(uri)
            + " is larger than the limit of "
            + config.maxBytes()
            + " bytes"
            + (detail == null ? "" : " (" + detail + ")")
            + "; raise fetch.max_bytes (bytes after gzip decoding) if the feed is legitimate");
  }

  private static FeedException notFound(
      SourceConfig source, Path path, String what, Throwable cause) {
    return new FeedException(
        source.id(),
        Reasons.NOT_FOUND,
        label(source) + " file " + path + " " + what + "; check sources." + source.id() + ".url",
        cause);
  }

  /**
   * Maps an exception to a {@link FeedException} with a reason; a runtime exception that is not
   * about I/O is returned unchanged. The cause chain is searched because a reader (the parser) may
   * wrap the stream's own exceptions: a limit or timeout hit mid-parse is still that, not a
   * malformed feed.
   */
  private RuntimeException classify(SourceConfig source, URI uri, Exception e) {
    String where = SourceConfig.redact(uri);
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof FeedException fe) {
        return fe;
      }
      if (c instanceof LimitedInputStream.LimitExceededException) {
        return tooLarge(source, uri, null);
      }
      if (c instanceof LimitedInputStream.DeadlineExceededException) {
        return deadlineExceeded(source, uri, e);
      }
      if (c instanceof ConnectionRequestTimeoutException) {
        FeedConnectionStats pool = connections.stats();
        return new FeedException(
            source.id(),
            Reasons.TIMEOUT,
            label(source)
                + " timed out waiting for a free HTTP connection to "
                + where
                + " (connection_pool.http_lease_timeout; pool "
                + pool.poolState()
                + "); too many feeds are being fetched at once: raise"
                + " connection_pool.http_max_per_host or connection_pool.http_max_total",
            e);
      }
      if (c instanceof ConnectTimeoutException) {
        return new FeedException(
            source.id(),
            Reasons.TIMEOUT,
            label(source)
                + " timed out connecting to "
                + where
                + " after "
                + config.connectTimeout().toMillis()
                + " ms (fetch.connect_timeout)",
            e);
      }
      if (c instanceof SocketTimeoutException) {
        return new FeedException(
            source.id(),
            Reasons.TIMEOUT,
            label(source)
                + " timed out: "
                + where
                + " sent nothing for "
                + config.readTimeout().toMillis()
                + " ms (fetch.read_timeout)",
            e);
      }
      if (c instanceof SSLException) {
        return new FeedException(
            source.id(),
            Reasons.TLS,
            label(source)
                + " TLS handshake with "
                + where
                + " failed: "
                + c.getMessage()
                + "; check the server certificate and the JVM's trust store",
            e);
      }
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof MalformedFeedException m) {
        // The parser names the feed itself when given the label; then only add where it came from.
        String message =
            m.getMessage() != null && m.getMessage().startsWith(label(source))
                ? m.getMessage() + " (feed at " + where + ")"
                : label(source)
                    + " feed at "
                    + where
                    + " is not valid iCalendar: "
                    + m.getMessage();
        return new FeedException(source.id(), Reasons.MALFORMED, message, e);
      }
    }
    if (e instanceof InterruptedIOException) {
      Thread.currentThread().interrupt();
      return new FeedException(
          source.id(), Reasons.IO, label(source) + " fetch from " + where + " was interrupted", e);
    }
    if (e instanceof RuntimeException r && !(r instanceof UncheckedIOException)) {
      // A bug in a reader, not a feed problem: let the caller report it as such.
      return r;
    }
    String detail;
    if (e instanceof UnknownHostException) {
      detail = "unknown host " + uri.getHost() + "; check the URL and DNS";
    } else if (e instanceof ConnectException) {
      detail = "connection refused or unreachable; check the URL and that the server is up";
    } else {
      detail = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return new FeedException(
        source.id(), Reasons.IO, label(source) + " fetch from " + where + " failed: " + detail, e);
  }

  private FeedException deadlineExceeded(SourceConfig source, URI uri, Throwable cause) {
    Duration total = totalTimeout(config);
    return new FeedException(
        source.id(),
        Reasons.TIMEOUT,
        label(source)
            + " took longer than "
            + BigDecimal.valueOf(total.toMillis(), 3).stripTrailingZeros().toPlainString()
            + " s in total (fetch.connect_timeout + "
            + TOTAL_READ_TIMEOUTS
            + " \u00d7 fetch.read_timeout) fetching "
            + SourceConfig.redact(uri)
            + "; the server is too slow or keeps trickling data: raise fetch.read_timeout if the"
            + " feed is legitimate",
        cause);
  }

  static String label(SourceConfig source) {
    return "source '" + source.id() + "'";
  }
}
