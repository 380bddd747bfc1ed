package calendarbot.web;

import calendarbot.metrics.MetricsView;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format, or OpenMetrics when the {@code
 * Accept} header asks for it. Open and read-only; computed for every scrape, never cached by the
 * pipeline. Also times every request ({@link #timed}).
 */
final class MetricsRoutes implements Routes {
  /** The route tag of a request no route matched and that was answered 404. */
  static final String NOT_FOUND = "NOT_FOUND";

  /**
   * The route tag of any other request without a route: a wrong method (405), or one the admin
   * guard answered before routing.
   */
  static final String UNMATCHED = "UNMATCHED";

  /** Methods tagged as themselves; any other is tagged {@code OTHER}. */
  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final MetricsView view;

  /**
   * @param view the registry; {@code null} registers no route ({@code /metrics} is then 404)
   */
  MetricsRoutes(MetricsView view) {
    this.view = view;
  }

  @Override
  public void register(RoutingHandler router) {
    if (view == null) {
      return;
    }
    router.get("/metrics", Handlers.blocking(this::scrape));
  }

  private void scrape(HttpServerExchange ex) {
    MetricsView.Scrape s = view.scrape(ex.getRequestHeaders().getFirst(Headers.ACCEPT));
    Json.send(ex, 200, s.contentType(), s.body().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Wraps {@code next} so that every request is recorded in {@code view} when its exchange
   * completes: by route template (never the raw path, which would let any client create series),
   * method and status, from arrival to the end of the answer.
   */
  static HttpHandler timed(HttpHandler next, MetricsView view) {
    return ex -> {
      long start = System.nanoTime();
      ex.addExchangeCompleteListener(
          (done, nextListener) -> {
            try {
              view.requestCompleted(
                  route(done), method(done), done.getStatusCode(), System.nanoTime() - start);
            } finally {
              nextListener.proceed();
            }
          });
      next.handleRequest(ex);
    };
  }

  /** The matched template, or {@link #NOT_FOUND} / {@link #UNMATCHED}. */
  static String route(HttpServerExchange ex) {
    PathTemplateMatch match = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
    if (match != null) {
      return match.getMatchedTemplate();
    }
    return ex.getStatusCode() == 404 ? NOT_FOUND : UNMATCHED;
  }

  static String method(HttpServerExchange ex) {
    String m = ex.getRequestMethod().toString();
    return METHODS.contains(m) ? m : "OTHER";
  }
}
