package calendarbot.metrics;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.util.Locale;

/**
 * The two text formats {@code GET /metrics} answers in, and how the {@code Accept} header picks.
 */
enum ScrapeFormat {
  PROMETHEUS_TEXT(PrometheusTextFormatWriter.CONTENT_TYPE),
  OPENMETRICS(OpenMetricsTextFormatWriter.CONTENT_TYPE);

  private static final String OPENMETRICS_TYPE = "application/openmetrics-text";

  /** The exact {@code Content-Type} of an answer in this format. */
  final String contentType;

  ScrapeFormat(String contentType) {
    this.contentType = contentType;
  }

  /**
   * OpenMetrics when {@code accept} lists {@code application/openmetrics-text} with a quality above
   * zero (as Prometheus servers send it), else the Prometheus text format 0.0.4 (curl, {@code
   * text/plain}, no header). Protobuf is never offered.
   */
  static ScrapeFormat negotiate(String accept) {
    if (accept == null) {
      return PROMETHEUS_TEXT;
    }
    for (String range : accept.split(",")) {
      String[] params = range.split(";");
      if (!params[0].strip().toLowerCase(Locale.ROOT).equals(OPENMETRICS_TYPE)) {
        continue;
      }
      if (quality(params) > 0) {
        return OPENMETRICS;
      }
    }
    return PROMETHEUS_TEXT;
  }

  private static double quality(String[] params) {
    for (int i = 1; i < params.length; i++) {
      String p = params[i].strip().toLowerCase(Locale.ROOT);
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2).strip());
        } catch (NumberFormatException e) {
          // A malformed weight counts as the default weight, as most servers read it.
          return 1;
        }
      }
    }
    return 1;
  }
}
