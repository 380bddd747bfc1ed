package calendarbot.metrics;

import java.util.List;
import java.util.Map;

/**
 * What the web layer reads from the metrics registry, with no metrics library type in sight: the
 * scrape for {@code GET /metrics}, a flat snapshot for {@code /api/status}, and request latency
 * percentiles for the dashboard.
 */
public interface MetricsView {
  /**
   * The registry in the text format the {@code Accept} header asks for: OpenMetrics when it accepts
   * {@code application/openmetrics-text}, else the Prometheus text format 0.0.4.
   *
   * @param accept the request's {@code Accept} header, or {@code null}
   */
  Scrape scrape(String accept);

  /** Every counter and gauge by name (and tag), for {@code /api/status}. */
  Map<String, Number> snapshot();

  /** Server request latency by route template and method, since start; busiest first. */
  List<RouteLatency> latencies();

  /**
   * Records one served HTTP request. Called by the web layer on every exchange's completion, so it
   * must be cheap and thread-safe. The default records nothing (a view without a registry).
   *
   * @param route the matched route template (e.g. {@code /static/{file}}), or a fixed word for a
   *     request no route matched; never the raw path
   * @param method the request method, from a fixed set
   * @param status the response status code
   * @param nanos from the request's arrival to the end of its answer
   */
  default void requestCompleted(String route, String method, int status, long nanos) {}

  /**
   * One scrape.
   *
   * @param contentType the exact {@code Content-Type} to answer with
   */
  record Scrape(String contentType, String body) {}

  /**
   * Latency of one route.
   *
   * @param route the route template, e.g. {@code /api/events}
   * @param count requests since start
   */
  record RouteLatency(
      String route, String method, long count, double p50Ms, double p95Ms, double p99Ms) {}
}
