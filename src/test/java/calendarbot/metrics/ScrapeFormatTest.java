package calendarbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScrapeFormatTest {
  @Test
  void negotiate_noHeaderOrPlainText_isPrometheusText() {
    assertThat(ScrapeFormat.negotiate(null)).isEqualTo(ScrapeFormat.PROMETHEUS_TEXT);
    assertThat(ScrapeFormat.negotiate("*/*")).isEqualTo(ScrapeFormat.PROMETHEUS_TEXT);
    assertThat(ScrapeFormat.negotiate("text/plain;version=0.0.4"))
        .isEqualTo(ScrapeFormat.PROMETHEUS_TEXT);
  }

  @Test
  void negotiate_prometheusServerHeader_isOpenMetrics() {
    String prometheus =
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
            + "encoding=delimited;q=0.6,application/openmetrics-text;version=1.0.0;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,"
            + "*/*;q=0.2";
    assertThat(ScrapeFormat.negotiate(prometheus)).isEqualTo(ScrapeFormat.OPENMETRICS);
    assertThat(ScrapeFormat.negotiate("Application/OpenMetrics-Text"))
        .isEqualTo(ScrapeFormat.OPENMETRICS);
  }

  @Test
  void negotiate_openMetricsWithQualityZero_isPrometheusText() {
    assertThat(ScrapeFormat.negotiate("application/openmetrics-text;q=0, text/plain"))
        .isEqualTo(ScrapeFormat.PROMETHEUS_TEXT);
  }

  @Test
  void contentTypes_areTheExactFormatVersions() {
    assertThat(ScrapeFormat.PROMETHEUS_TEXT.contentType)
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(ScrapeFormat.OPENMETRICS.contentType)
        .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
  }
}
