/**
 * The narrow metrics interface features report through ({@link Metrics}), with a no-op and an
 * in-memory implementation. The Prometheus adapter (issue 7) will be the only importer of
 * Micrometer.
 */
package calendarbot.metrics;
