package calendarbot.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * {@code GET /} (the kiosk page), {@code GET /dashboard} (the operations page, docs/dashboard.md)
 * and {@code GET /static/{file}} (their CSS and scripts).
 *
 * <p>Only the files of {@link #FILES} and {@link #DASHBOARD_FILES} exist: a name is a key into that
 * map, never a path, so no request can reach another resource. Each is read and hashed once at
 * construction; answers carry a strong ETag of the content and {@code Cache-Control: no-cache} (a
 * kiosk revalidates every load and gets 304 until the server is upgraded).
 */
final class PageRoutes implements Routes {
  /** File name → content type. The page's whole weight; docs/kiosk.md lists the sizes. */
  static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "kiosk.css", "text/css; charset=utf-8",
          "kiosk.js", "text/javascript; charset=utf-8");

  /** The dashboard's files, kept apart so that each page's weight is counted alone. */
  static final Map<String, String> DASHBOARD_FILES =
      Map.of(
          "dashboard.html", "text/html; charset=utf-8",
          "dashboard.js", "text/javascript; charset=utf-8");

  /** Where the files live on the class path. */
  static final String RESOURCE_DIR = "/calendarbot/web/static/";

  private record Asset(byte[] body, String contentType, String etag) {}

  private final Map<String, Asset> assets;

  /**
   * @throws IllegalStateException when a file of {@link #FILES} or {@link #DASHBOARD_FILES} is
   *     missing from the class path (a broken build)
   */
  PageRoutes() {
    Map<String, Asset> loaded = new java.util.HashMap<>();
    FILES.forEach((name, type) -> loaded.put(name, load(name, type)));
    DASHBOARD_FILES.forEach((name, type) -> loaded.put(name, load(name, type)));
    this.assets = Map.copyOf(loaded);
  }

  @Override
  public void register(RoutingHandler router) {
    router.get("/", Handlers.blocking(ex -> send(ex, "index.html")));
    router.get("/dashboard", Handlers.blocking(ex -> send(ex, "dashboard.html")));
    router.get("/static/{file}", Handlers.blocking(ex -> send(ex, Handlers.query(ex, "file"))));
  }

  private void send(HttpServerExchange ex, String name) {
    Asset a = name == null ? null : assets.get(name);
    if (a == null) {
      Problems.send(ex, Problems.notFound(ex.getRequestPath()));
      return;
    }
    if (HttpCaching.notModified(ex, a.etag())) {
      return;
    }
    ex.setStatusCode(200);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, a.contentType());
    ex.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
    ex.setResponseContentLength(a.body().length);
    ex.getResponseSender().send(ByteBuffer.wrap(a.body()));
  }

  private static Asset load(String name, String contentType) {
    try (InputStream in = PageRoutes.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "page file " + RESOURCE_DIR + name + " is missing from the class path");
      }
      byte[] body = in.readAllBytes();
      return new Asset(body, contentType, HttpCaching.strongEtag(body));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read page file " + RESOURCE_DIR + name, e);
    }
  }
}
