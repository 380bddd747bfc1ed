package calendarbot.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that serves feeds programmed per path: status,
 * body, headers, ETag/Last-Modified with conditional GET, gzip, redirects and hangs. Records every
 * request. Thread-safe; each request runs on its own thread so a hung path never blocks another.
 *
 * <pre>{@code
 * try (FakeFeedServer server = FakeFeedServer.start()) {
 *   server.path("/work.ics").body(ics).etag("\"v1\"");
 *   fetch(server.uri("/work.ics"));
 * }
 * }</pre>
 */
public final class FakeFeedServer implements AutoCloseable {
  static {
    // Without it the JDK server delays each response by ~44 ms (Nagle + delayed ACK).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final Object arrivals = new Object();

  /** One request as received: path and headers (names lower-cased). */
  public record RecordedRequest(String path, Map<String, String> headers) {
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private FakeFeedServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  public static FakeFeedServer start() {
    try {
      return start(
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTPS server presenting {@code tls}'s certificate (see {@link TestCertificates}). */
  public static FakeFeedServer startHttps(SSLContext tls) {
    try {
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      return start(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FakeFeedServer start(HttpServer server) {
    {
      ExecutorService threads =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "fake-feed-server");
                t.setDaemon(true);
                return t;
              });
      FakeFeedServer fake = new FakeFeedServer(server, threads);
      server.createContext("/", fake::handle);
      server.setExecutor(threads);
      server.start();
      return fake;
    }
  }

  /** The route for {@code path} (created with status 200 and an empty body), to program. */
  public Route path(String path) {
    return routes.computeIfAbsent(path, p -> new Route());
  }

  /** Makes {@code from} redirect (302) to {@code to}. */
  public Route redirect(String from, String to) {
    return path(from).status(302).header("Location", to);
  }

  public URI uri(String path) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Requests received for {@code path}, oldest first. */
  public List<RecordedRequest> requests(String path) {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r : requests) {
      if (r.path().equals(path)) {
        out.add(r);
      }
    }
    return out;
  }

  public int requestCount(String path) {
    return requests(path).size();
  }

  /** The last request for {@code path}; fails if there was none. */
  public RecordedRequest lastRequest(String path) {
    List<RecordedRequest> all = requests(path);
    if (all.isEmpty()) {
      throw new AssertionError("no request for " + path);
    }
    return all.get(all.size() - 1);
  }

  /**
   * Waits until {@code n} requests for {@code path} have arrived (hung ones included).
   *
   * @return false if they did not within {@code timeout}
   */
  public boolean awaitRequests(String path, int n, java.time.Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (arrivals) {
      while (requestCount(path) < n) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(arrivals, left);
      }
      return true;
    }
  }

  /** Lets every hung request go on (they answer as programmed). */
  public void releaseHangs() {
    release.countDown();
  }

  @Override
  public void close() {
    releaseHangs();
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(", ", v)));
      requests.add(new RecordedRequest(path, Map.copyOf(headers)));
      synchronized (arrivals) {
        arrivals.notifyAll();
      }
      Route route = routes.get(path);
      if (route == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      Route.Snapshot r = route.snapshot();
      if (r.hang()) {
        try {
          release.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Headers out = exchange.getResponseHeaders();
      r.headers().forEach(out::set);
      if (r.etag() != null) {
        out.set("ETag", r.etag());
      }
      if (r.lastModified() != null) {
        out.set("Last-Modified", r.lastModified());
      }
      if (notModified(r, headers)) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      byte[] body = r.body();
      if (r.gzip()) {
        body = gzip(body);
        out.set("Content-Encoding", "gzip");
      }
      exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(body);
        } catch (IOException e) {
          // The client may hang up early (size limit, abort): that is its right.
        }
      }
    }
  }

  private static boolean notModified(Route.Snapshot r, Map<String, String> req) {
    String inm = req.get("if-none-match");
    if (r.etag() != null && inm != null) {
      return inm.equals(r.etag());
    }
    String ims = req.get("if-modified-since");
    return r.lastModified() != null && ims != null && ims.equals(r.lastModified());
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** What one path answers. Setters return {@code this}; safe to change while serving. */
  public static final class Route {
    private int status = 200;
    private byte[] body = new byte[0];
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String etag;
    private String lastModified;
    private boolean gzip;
    private boolean hang;

    record Snapshot(
        int status,
        byte[] body,
        Map<String, String> headers,
        String etag,
        String lastModified,
        boolean gzip,
        boolean hang) {}

    public synchronized Route status(int status) {
      this.status = status;
      return this;
    }

    public synchronized Route body(byte[] body) {
      this.body = body.clone();
      return this;
    }

    public Route body(String body) {
      return body(body.getBytes(StandardCharsets.UTF_8));
    }

    public synchronized Route header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** Sends this ETag and answers 304 when If-None-Match equals it. */
    public synchronized Route etag(String etag) {
      this.etag = etag;
      return this;
    }

    /** Sends this Last-Modified and answers 304 when If-Modified-Since equals it. */
    public synchronized Route lastModified(String lastModified) {
      this.lastModified = lastModified;
      return this;
    }

    /** Sends the body gzip-compressed with {@code Content-Encoding: gzip}. */
    public synchronized Route gzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    /** Blocks requests until {@link FakeFeedServer#releaseHangs} or close, then answers. */
    public synchronized Route hang(boolean hang) {
      this.hang = hang;
      return this;
    }

    synchronized Snapshot snapshot() {
      return new Snapshot(status, body, Map.copyOf(headers), etag, lastModified, gzip, hang);
    }
  }
}
