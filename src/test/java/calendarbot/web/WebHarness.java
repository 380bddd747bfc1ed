package calendarbot.web;

import calendarbot.config.AdminConfig;
import calendarbot.config.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The web layer alone: a real {@link WebServer} on 127.0.0.1 port 0 with the given routes behind
 * the real {@link AdminGuard}, and loopback HTTP to it. For route tests that need no App.
 */
final class WebHarness implements AutoCloseable {
  static final String TOKEN = "harness-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  private WebHarness(WebServer server) {
    this.server = server;
  }

  /** Routes behind a guard with {@code admin}'s token and write limit, reading {@code clock}. */
  static WebHarness start(AdminConfig admin, Clock clock, Routes... routes) {
    KioskWarmer none =
        new KioskWarmer() {
          @Override
          public void warm(Instant minute) {}

          @Override
          public Instant lastPoll() {
            return null;
          }
        };
    WriteLimiter limiter = new WriteLimiter(admin.writesPerMinute(), clock);
    return new WebHarness(
        WebServer.start(
            new ServerConfig("127.0.0.1", 0),
            List.of(routes),
            none,
            h -> new AdminGuard(h, admin, limiter)));
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** {@link #TOKEN}, {@code perMinute} writes a minute. */
  static AdminConfig admin(int perMinute) {
    return new AdminConfig(TOKEN, null, perMinute);
  }

  /**
   * Sends a request.
   *
   * @param body JSON, or null for none
   * @param headers name, value pairs
   */
  HttpResponse<String> send(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@link #send} with {@code Authorization: Bearer} {@link #TOKEN}. */
  HttpResponse<String> admin(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    String[] all = new String[headers.length + 2];
    all[0] = "Authorization";
    all[1] = "Bearer " + TOKEN;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send(method, path, body, all);
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  @Override
  public void close() {
    server.close();
  }
}
