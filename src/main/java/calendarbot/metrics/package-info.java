/**
 * The narrow interface features report through ({@link calendarbot.metrics.Metrics}, with a no-op
 * and an in-memory implementation), and {@link calendarbot.metrics.MetricsRegistry}: the Micrometer
 * registry that backs {@code GET /metrics} (Prometheus text and OpenMetrics), records the HTTP
 * server's requests and binds the JVM's meters. The only package that imports Micrometer or the
 * Prometheus client; the web layer sees it as a {@link calendarbot.metrics.MetricsView}.
 */
package calendarbot.metrics;
