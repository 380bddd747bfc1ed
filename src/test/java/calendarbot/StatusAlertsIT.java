package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.status.Alerts;
import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/status} alerts and request ids over the real App: a loopback feed that starts
 * failing, a fake clock moved past the staleness limit, real SQLite.
 */
class StatusAlertsIT {
  private static final String NOW = "2026-11-23T09:10:00Z";

  /** The refresh interval of the fixture's config (the default). */
  private static final Duration INTERVAL = Duration.ofMinutes(5);

  @TempDir Path dataDir;
  private AppFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("api-day.ics", NOW, dataDir);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private static List<JsonNode> alerts(RunningApp app) throws Exception {
    JsonNode alerts = app.get("/api/status").body().get("alerts");
    assertThat(alerts.isArray()).isTrue();
    return StreamSupport.stream(alerts.spliterator(), false).toList();
  }

  @Test
  void status_allWell_noAlerts() throws Exception {
    RunningApp app = fixture.startReady();

    assertThat(alerts(app)).isEmpty();
  }

  @Test
  void status_sourceFailingPastThreeIntervals_listsItsStaleAlert() throws Exception {
    RunningApp app = fixture.startReady();
    fixture.feeds().path(AppFixture.FEED_PATH).status(500).body("oops").etag("\"broken\"");
    fixture.clock().advance(INTERVAL.multipliedBy(Alerts.STALE_INTERVALS).minusSeconds(1));
    app.post("/api/refresh", "");
    List<JsonNode> before = alerts(app);
    fixture.clock().advance(Duration.ofSeconds(2));
    app.post("/api/refresh", "");

    List<JsonNode> after = alerts(app);

    assertThat(before).noneMatch(a -> a.get("code").asText().equals("source_stale"));
    JsonNode stale =
        after.stream()
            .filter(a -> a.get("code").asText().equals("source_stale"))
            .findFirst()
            .orElseThrow();
    assertThat(stale.get("severity").asText()).isEqualTo("WARNING");
    assertThat(stale.get("subject").asText()).isEqualTo("source:work");
    assertThat(stale.get("message").asText())
        .startsWith("source 'work' has had no fresh data for 15 min")
        .contains("more than 3 refresh intervals of 5 min")
        .contains("last error (HTTP_STATUS)");
    assertThat(stale.get("since").asText()).isNotEmpty();
  }

  @Test
  void requestId_realRoutes_okNotModifiedNotFoundAndIncomingKept() throws Exception {
    RunningApp app = fixture.startReady();
    HttpResponse<String> ok = app.getText("/api/whats-next/data");
    String etag = ok.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> same = app.getText("/api/whats-next/data", "If-None-Match", etag);
    HttpResponse<String> missing = app.getText("/api/nothing-here");
    HttpResponse<String> kept = app.getText("/health", "X-Request-Id", "probe-1");

    assertThat(List.of(ok.statusCode(), same.statusCode(), missing.statusCode()))
        .containsExactly(200, 304, 404);
    assertThat(List.of(ok, same, missing))
        .allSatisfy(
            r ->
                assertThat(r.headers().firstValue("X-Request-Id"))
                    .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{12}")));
    assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("probe-1");
  }
}
