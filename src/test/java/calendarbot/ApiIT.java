package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calendarbot.config.ExpansionConfig;
import calendarbot.config.FetchConfig;
import calendarbot.testing.Answer;
import calendarbot.testing.AppFixture;
import calendarbot.testing.FakeFeedServer;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real App on port 0 against a loopback feed server and a real SQLite file. */
class ApiIT {
  /** Monday 2026-11-23 10:10 in Berlin: "Architecture review" (10:00–11:00) is in progress. */
  private static final String NOW = "2026-11-23T09:10:00Z";

  @TempDir Path dataDir;
  private AppFixture fixture;
  private FakeFeedServer feeds;
  private String feed;

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("api-day.ics", NOW, dataDir);
    feeds = fixture.feeds();
    feed = fixture.feed();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private static List<String> texts(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.get(field).asText())
        .toList();
  }

  @Test
  void whatsNext_afterFirstRefresh_showsCurrentNextLaterAndAllDay() throws Exception {
    RunningApp app = fixture.startReady();

    JsonNode w = app.get("/api/whats-next/data").body();

    assertThat(w.get("current_time").asText()).isEqualTo("2026-11-23T10:10+01:00");
    assertThat(w.get("display_date").asText()).isEqualTo("Monday, 23 November 2026");
    assertThat(texts(w.get("current_events"), "subject")).containsExactly("Architecture review");
    assertThat(w.get("current_events").get(0).get("location").asText()).isEqualTo("Room 4");
    assertThat(w.get("current_events").get(0).get("time_remaining_minutes").asInt()).isEqualTo(50);
    assertThat(texts(w.get("next_events"), "subject")).containsExactly("Planning");
    assertThat(w.get("next_events").get(0).get("time_until_minutes").asInt()).isEqualTo(80);
    assertThat(w.get("next_events").get(0).get("start_time").asText())
        .isEqualTo("2026-11-23T11:30+01:00");
    assertThat(texts(w.get("later_events"), "subject"))
        .containsExactly("Deadline", "1:1", "Standup (moved)");
    assertThat(texts(w.get("all_day_events"), "subject")).containsExactly("Team offsite");
    assertThat(w.get("status_info").get("data_ready").asBoolean()).isTrue();
  }

  @Test
  void whatsNext_debugTime_replacesNowEverywhere() throws Exception {
    RunningApp app = fixture.startReady();

    JsonNode w = app.get("/api/whats-next/data?debug_time=2026-11-23T16:05:00%2B01:00").body();
    JsonNode posted =
        app.post("/api/whats-next/data", "{\"debug_time\":\"2026-11-23T15:05:00Z\"}").body();

    assertThat(w.get("current_time").asText()).isEqualTo("2026-11-23T16:05+01:00");
    assertThat(texts(w.get("current_events"), "subject")).containsExactly("Standup (moved)");
    assertThat(texts(w.get("next_events"), "subject")).containsExactly("Standup");
    assertThat(w.get("next_events").get(0).get("start_time").asText())
        .isEqualTo("2026-11-25T09:00+01:00");
    assertThat(posted).isEqualTo(w);
  }

  @Test
  void events_day_sortedWithOffsetsOverrideAndNoCancelled() throws Exception {
    RunningApp app = fixture.startReady();

    JsonNode a = app.get("/api/events?start=2026-11-23&end=2026-11-24").body();

    assertThat(texts(a.get("events"), "summary"))
        .containsExactly(
            "Team offsite",
            "Architecture review",
            "Planning",
            "Deadline",
            "1:1",
            "Standup (moved)");
    JsonNode offsite = a.get("events").get(0);
    assertThat(offsite.get("start").asText()).isEqualTo("2026-11-23T00:00+01:00");
    assertThat(offsite.get("end").asText()).isEqualTo("2026-11-24T00:00+01:00");
    assertThat(offsite.get("allDay").asBoolean()).isTrue();
    JsonNode moved = a.get("events").get(5);
    assertThat(moved.get("start").asText()).isEqualTo("2026-11-23T16:00+01:00");
    assertThat(moved.get("recurrenceId").asText()).isEqualTo("2026-11-23T08:00:00Z");
    assertThat(moved.get("sourceId").asText()).isEqualTo("work");
    assertThat(a.get("count").asInt()).isEqualTo(6);
  }

  @Test
  void events_exdateAndStableIds_acrossRefetchAndRestart() throws Exception {
    RunningApp app = fixture.startReady();
    JsonNode before = app.get("/api/events?start=2026-11-23&end=2026-11-28").body();
    feeds
        .path("/work.ics")
        .etag("\"v2\"")
        .body(feed.replace("SUMMARY:Planning", "SUMMARY:Planning v2"));
    app.post("/api/refresh", "");
    app.close();
    RunningApp again = fixture.startReady();

    JsonNode after = again.get("/api/events?start=2026-11-23&end=2026-11-28").body();

    List<String> standupDays =
        StreamSupport.stream(after.get("events").spliterator(), false)
            .filter(e -> e.get("uid").asText().equals("standup@test"))
            .map(e -> e.get("start").asText().substring(0, 10))
            .toList();
    assertThat(standupDays).containsExactly("2026-11-23", "2026-11-25", "2026-11-26", "2026-11-27");
    assertThat(texts(after.get("events"), "id")).isEqualTo(texts(before.get("events"), "id"));
    assertThat(texts(after.get("events"), "summary")).contains("Planning v2");
  }

  @Test
  void events_zeroLengthInstance_overlapsOnlyWhenStartLeqItBeforeEnd() throws Exception {
    RunningApp app = fixture.startReady();

    JsonNode at = app.get("/api/events?start=2026-11-23T11:00:00Z&end=2026-11-23T11:01:00Z").body();
    JsonNode before =
        app.get("/api/events?start=2026-11-23T10:59:00Z&end=2026-11-23T11:00:00Z").body();

    assertThat(texts(at.get("events"), "summary")).containsExactly("Team offsite", "Deadline");
    assertThat(texts(before.get("events"), "summary")).doesNotContain("Deadline");
  }

  @Test
  void events_windowsIn2040And1997_areExpandedOnDemand() throws Exception {
    RunningApp app = fixture.startReady();

    JsonNode future = app.get("/api/events?start=2040-01-02&end=2040-01-09").body();
    JsonNode past = app.get("/api/events?start=1997-01-01&end=1998-01-01").body();

    assertThat(texts(future.get("events"), "start"))
        .containsExactly(
            "2040-01-02T09:00+01:00",
            "2040-01-03T09:00+01:00",
            "2040-01-04T09:00+01:00",
            "2040-01-05T09:00+01:00",
            "2040-01-06T09:00+01:00");
    assertThat(past.get("count").asInt()).isZero();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/events?end=2026-11-24 | start | start must be an ISO-8601 instant",
        "/api/events?start=2026-11-23 | end | end must be an ISO-8601 instant",
        "/api/events?start=yesterday&end=2026-11-24 | start | but was 'yesterday'",
        "/api/events?start=2026-11-24&end=2026-11-23 | end | end must be after start",
        "/api/events?start=2026-11-23&end=2026-11-23 | end | end must be after start",
        "/api/whats-next/data?debug_time=noon | debug_time | debug_time must be an ISO-8601"
      })
  void badParameters_answer400ProblemNamingTheParameter(
      String path, String parameter, String detail) throws Exception {
    RunningApp app = fixture.startReady();

    Answer a = app.get(path);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.contentType()).isEqualTo("application/problem+json");
    assertThat(a.body().get("status").asInt()).isEqualTo(400);
    assertThat(a.body().get("parameter").asText()).isEqualTo(parameter);
    assertThat(a.body().get("detail").asText()).contains(detail);
  }

  @Test
  void events_moreInstancesThanTheCap_answer422() throws Exception {
    RunningApp app =
        fixture.start(
            fixture
                .config()
                .withExpansion(
                    new ExpansionConfig(50, 200_000, Duration.ofDays(14), Duration.ofDays(90))));
    app.awaitReady();

    Answer a = app.get("/api/events?start=2026-01-01&end=2027-01-01");

    assertThat(a.status()).isEqualTo(422);
    assertThat(a.body().get("detail").asText()).contains("50").containsIgnoringCase("narrower");
  }

  @Test
  void refresh_unchangedFeed_sendsValidatorsAndKeepsData() throws Exception {
    RunningApp app = fixture.startReady();

    JsonNode r = app.post("/api/refresh", "").body();

    assertThat(r.get("results").get(0).get("outcome").asText()).isEqualTo("NOT_MODIFIED");
    assertThat(feeds.lastRequest("/work.ics").headers()).containsEntry("if-none-match", "\"v1\"");
    assertThat(app.get("/api/events?start=2026-11-23&end=2026-11-24").body().get("count").asInt())
        .isEqualTo(6);
    assertThat(app.get("/api/status").body().get("sources").get(0).get("last_checked").isNull())
        .isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "http500, HTTP_STATUS",
    "html, NOT_ICS",
    "truncated, MALFORMED",
    "oversize, TOO_LARGE",
    "hang, TIMEOUT"
  })
  void refresh_feedBreaks_keepsLastGoodDataAndSaysWhy(String breakage, String reason)
      throws Exception {
    RunningApp app = fixture.startReady();
    FakeFeedServer.Route route = feeds.path("/work.ics").etag("\"broken\"");
    switch (breakage) {
      case "http500" -> route.status(500).body("oops");
      case "html" -> route.body("<!DOCTYPE html><html><body>Sign in</body></html>");
      case "truncated" -> route.body(feed.substring(0, feed.indexOf("END:VCALENDAR")));
      case "oversize" -> route.body(feed.repeat(100));
      default -> route.hang(true);
    }

    JsonNode result = app.post("/api/refresh", "").body().get("results").get(0);
    feeds.releaseHangs();

    assertThat(result.get("outcome").asText()).isEqualTo("FAILED");
    assertThat(result.get("reason").asText()).isEqualTo(reason);
    assertThat(result.get("message").asText()).contains("source 'work'");
    assertThat(app.get("/api/events?start=2026-11-23&end=2026-11-24").body().get("count").asInt())
        .isEqualTo(6);
    JsonNode health = app.get("/health").body();
    assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
    assertThat(health.get("reasons").get(0).asText())
        .contains("source 'work' is failing (" + reason + ")");
    JsonNode info = app.get("/api/whats-next/data").body().get("status_info");
    assertThat(info.get("stale_sources").get(0).asText()).isEqualTo("work");
    assertThat(info.get("sources").get(0).get("last_error_reason").asText()).isEqualTo(reason);
    assertThat(texts(app.get("/api/whats-next/data").body().get("current_events"), "subject"))
        .containsExactly("Architecture review");
  }

  @Test
  void beforeFirstRefresh_answersSayStillLoadingNotNoMeetings() throws Exception {
    feeds.path("/work.ics").hang(true);
    // A read timeout far beyond the test: the first fetch is still hanging when the answers are
    // read, however slow the machine (the other tests use 500 ms to fail fast).
    RunningApp app =
        fixture.start(
            fixture
                .config()
                .withFetch(
                    new FetchConfig(Duration.ofSeconds(2), Duration.ofMinutes(5), 3, 64 * 1024)));

    JsonNode w = app.get("/api/whats-next/data").body();
    JsonNode health = app.get("/health").body();
    JsonNode events = app.get("/api/events?start=2026-11-23&end=2026-11-24").body();
    feeds.releaseHangs();

    assertThat(w.get("status_info").get("data_ready").asBoolean()).isFalse();
    assertThat(w.get("status_info").get("loading_sources").get(0).asText()).isEqualTo("work");
    assertThat(w.get("status_info").get("sources").get(0).get("state").asText())
        .isEqualTo("LOADING");
    assertThat(events.get("status_info").get("data_ready").asBoolean()).isFalse();
    assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
    assertThat(health.get("reasons").get(0).asText())
        .isEqualTo("source 'work' has not been read yet");
  }

  @Test
  void restart_withFeedDown_servesLastGoodData() throws Exception {
    RunningApp first = fixture.startReady();
    first.close();
    feeds.path("/work.ics").status(503).body("down for maintenance");

    RunningApp second = fixture.start();

    JsonNode w = second.get("/api/whats-next/data").body();
    assertThat(w.get("status_info").get("data_ready").asBoolean()).isTrue();
    assertThat(texts(w.get("current_events"), "subject")).containsExactly("Architecture review");
  }

  @Test
  void status_listsSourcesWithFetchStateVersionAndUptime() throws Exception {
    RunningApp app = fixture.startReady();

    JsonNode s = app.get("/api/status").body();

    assertThat(s.get("version").asText()).isNotBlank();
    assertThat(s.get("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(s.has("uptime_seconds")).isTrue();
    JsonNode src = s.get("sources").get(0);
    assertThat(src.get("id").asText()).isEqualTo("work");
    assertThat(src.get("state").asText()).isEqualTo("OK");
    assertThat(src.get("event_count").asInt()).isEqualTo(8);
    assertThat(src.get("last_success").asText()).isEqualTo(NOW);
    assertThat(src.get("next_refresh").isNull()).isFalse();
    assertThat(app.get("/health").body().get("status").asText()).isEqualTo("UP");
    assertThat(s.get("metrics").has("executor.queue")).isTrue();
    assertThat(s.get("health").get("status").asText()).isEqualTo("UP");
    assertThat(s.get("health").get("reasons")).isEmpty();
    assertThat(s.get("metrics").get("http.pool.max").asDouble()).isEqualTo(100.0);
    assertThat(s.get("metrics").get("http.fetches").asDouble()).isPositive();
    assertThat(s.get("metrics").get("db.pool.max").asDouble()).isEqualTo(4.0);
    assertThat(s.get("metrics").get("db.leaks").asDouble()).isZero();
    assertThat(s.get("metrics").get("feed.fetches{source=work}").asLong()).isPositive();
    assertThat(s.get("metrics").get("feed.bytes{source=work}").asLong()).isEqualTo(feed.length());
  }

  @Test
  void unknownPathAndMethod_answerProblemJson() throws Exception {
    RunningApp app = fixture.startReady();

    Answer missing = app.get("/api/nothing");
    Answer method = app.send("DELETE", "/api/events", null);

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).isEqualTo("application/problem+json");
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.body().get("detail").asText())
        .isEqualTo("DELETE is not supported on /api/events");
  }

  @Test
  void newSourceAnswering404_isReportedFailedNotLoading() throws Exception {
    feeds.path("/work.ics").status(404).body("not here");
    RunningApp app = fixture.start();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                app.get("/api/status")
                    .body()
                    .get("sources")
                    .get(0)
                    .get("state")
                    .asText()
                    .equals("FAILED"));
    JsonNode health = app.get("/health").body();
    JsonNode info = app.get("/api/whats-next/data").body().get("status_info");

    assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
    assertThat(health.get("reasons").get(0).asText())
        .startsWith("source 'work' has never been read (HTTP_STATUS)")
        .contains("404");
    assertThat(info.get("data_ready").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{not json | body must be a JSON object for /api/whats-next/data, but could not be parsed",
        "[1,2] | body must be a JSON object for /api/whats-next/data",
        "{\"debug_time\":\"soon\"} | debug_time must be an ISO-8601 instant"
      })
  void whatsNextPost_badBody_answers400(String body, String detail) throws Exception {
    RunningApp app = fixture.startReady();

    Answer a = app.post("/api/whats-next/data", body);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.contentType()).isEqualTo("application/problem+json");
    assertThat(a.body().get("detail").asText()).startsWith(detail);
  }

  @Test
  void close_requestInFlight_isAnsweredBeforeTheServerStops() throws Exception {
    RunningApp app = fixture.startReady();
    feeds.path("/work.ics").etag("\"v2\"").hang(true);
    java.util.concurrent.CompletableFuture<Answer> inFlight =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return app.post("/api/refresh", "");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> feeds.requestCount("/work.ics") >= 2);

    java.util.concurrent.CompletableFuture<Void> closing =
        java.util.concurrent.CompletableFuture.runAsync(app::close);
    // Shutdown has begun once new requests are refused with 503; the refresh is still hanging.
    await().atMost(Duration.ofSeconds(10)).until(() -> app.statusOrMinusOne("/health") == 503);
    assertThat(inFlight).isNotDone();
    feeds.releaseHangs();
    closing.get(30, java.util.concurrent.TimeUnit.SECONDS);

    Answer answer = inFlight.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("results").get(0).get("source_id").asText()).isEqualTo("work");
  }
}
