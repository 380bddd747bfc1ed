package calendarbot.testing;

import static org.awaitility.Awaitility.await;

import calendarbot.App;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One real {@link App} started by an {@link AppFixture}, and loopback HTTP to it. Every request
 * goes to {@code http://127.0.0.1:<port>}; a request with a body sends {@code Content-Type:
 * application/json} and, unless this view is {@link #anonymous()}, {@code Authorization: Bearer}
 * with {@link AppFixture#ADMIN_TOKEN} (or the token of {@link #withToken}). Two views of an answer:
 * {@link Answer} (status, content type, JSON body) for the API, and the JDK's {@link HttpResponse}
 * ({@code getText}, {@code getBytes}) where a test reads headers, text or bytes (ETags, the kiosk
 * page, PNGs).
 *
 * <p>Thread-safe: requests may be sent from several threads, and {@link #close} may race them.
 */
public final class RunningApp implements AutoCloseable {
  /** Longest wait for the first refresh of every source in {@link #awaitReady}. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final App app;
  private final HttpClient http;
  private final AtomicBoolean closed;
  private final String token;

  RunningApp(App app, HttpClient http) {
    this(app, http, new AtomicBoolean(), AppFixture.ADMIN_TOKEN);
  }

  private RunningApp(App app, HttpClient http, AtomicBoolean closed, String token) {
    this.app = app;
    this.http = http;
    this.closed = closed;
    this.token = token;
  }

  /** The same App, with requests that carry no {@code Authorization} header. */
  public RunningApp anonymous() {
    return new RunningApp(app, http, closed, null);
  }

  /** The same App, with requests that carry {@code Authorization: Bearer <token>}. */
  public RunningApp withToken(String token) {
    return new RunningApp(app, http, closed, token);
  }

  /** The App itself. */
  public App app() {
    return app;
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String base() {
    return "http://127.0.0.1:" + app.port();
  }

  /**
   * Waits until {@code /api/status} says {@code data_ready} (every source read once).
   *
   * @return this
   * @throws org.awaitility.core.ConditionTimeoutException after 20 s
   */
  public RunningApp awaitReady() {
    await()
        .atMost(READY_TIMEOUT)
        .until(() -> get("/api/status").body().get("data_ready").asBoolean());
    return this;
  }

  /** GET {@code path} (with query), read as JSON. */
  public Answer get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  /** POST {@code body} to {@code path}, read as JSON. */
  public Answer post(String path, String body) throws IOException, InterruptedException {
    return send("POST", path, body);
  }

  /** PUT {@code body} to {@code path}, read as JSON. */
  public Answer put(String path, String body) throws IOException, InterruptedException {
    return send("PUT", path, body);
  }

  /** PATCH {@code body} to {@code path}, read as JSON. */
  public Answer patch(String path, String body) throws IOException, InterruptedException {
    return send("PATCH", path, body);
  }

  /** DELETE {@code path} (no body), read as JSON. */
  public Answer delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, null);
  }

  /**
   * Sends {@code method} to {@code path} and reads the answer as JSON.
   *
   * @param body the request body, or null for none
   */
  public Answer send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> r = exchange(method, path, body, HttpResponse.BodyHandlers.ofString());
    return new Answer(
        r.statusCode(),
        r.headers().firstValue("Content-Type").orElse(""),
        r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()));
  }

  /**
   * GET {@code path} as text.
   *
   * @param headers request headers as name, value pairs (e.g. {@code "If-None-Match", etag})
   */
  public HttpResponse<String> getText(String path, String... headers)
      throws IOException, InterruptedException {
    return exchange("GET", path, null, HttpResponse.BodyHandlers.ofString(), headers);
  }

  /** POST {@code body} to {@code path}, read as text. */
  public HttpResponse<String> postText(String path, String body)
      throws IOException, InterruptedException {
    return exchange("POST", path, body, HttpResponse.BodyHandlers.ofString());
  }

  /** PUT {@code body} to {@code path}, read as text. */
  public HttpResponse<String> putText(String path, String body)
      throws IOException, InterruptedException {
    return exchange("PUT", path, body, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * GET {@code path} as bytes (e.g. a PNG).
   *
   * @param headers request headers as name, value pairs (e.g. {@code "If-None-Match", etag})
   */
  public HttpResponse<byte[]> getBytes(String path, String... headers)
      throws IOException, InterruptedException {
    return exchange("GET", path, null, HttpResponse.BodyHandlers.ofByteArray(), headers);
  }

  /**
   * The status of a GET of {@code path}, or -1 when there is no answer (the server is gone or
   * refuses the connection); for waiting on a shutdown. Restores the interrupt flag.
   */
  public int statusOrMinusOne(String path) {
    try {
      return exchange("GET", path, null, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Sends one request.
   *
   * @param body the request body (sent with {@code Content-Type: application/json}), or null
   * @param headers further request headers as name, value pairs; an {@code Authorization} header
   *     here replaces this view's token
   */
  public <T> HttpResponse<T> exchange(
      String method,
      String path,
      String body,
      HttpResponse.BodyHandler<T> handler,
      String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
      b.header("Content-Type", "application/json");
    }
    boolean ownAuthorization = false;
    for (int i = 0; i < headers.length; i += 2) {
      ownAuthorization |= headers[i].equalsIgnoreCase("Authorization");
    }
    if (token != null && !ownAuthorization) {
      b.header("Authorization", "Bearer " + token);
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), handler);
  }

  /** Whether {@link #close} has been called. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Stops the App (the server goes away, the data dir stays for a restart). Idempotent: only the
   * first call closes; the feed server keeps running until the {@link AppFixture} closes.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      app.close();
    }
  }
}
