package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calendarbot.config.AppConfig;
import calendarbot.config.ExpansionConfig;
import calendarbot.config.FetchConfig;
import calendarbot.config.ServerConfig;
import calendarbot.config.SourceConfig;
import calendarbot.testing.FakeClock;
import calendarbot.testing.FakeFeedServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real App on port 0 against a loopback feed server and a real SQLite file. */
class ApiIT {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Monday 2026-11-23 10:10 in Berlin: "Architecture review" (10:00–11:00) is in progress. */
  private static final String NOW = "2026-11-23T09:10:00Z";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<App> apps = new ArrayList<>();

  @TempDir Path dataDir;
  private FakeFeedServer feeds;
  private FakeClock clock;
  private String feed;

  @BeforeEach
  void setUp() throws IOException {
    feeds = FakeFeedServer.start();
    clock = FakeClock.at(NOW);
    try (InputStream in = ApiIT.class.getResourceAsStream("/ics/api-day.ics")) {
      feed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    feeds.path("/work.ics").body(feed).etag("\"v1\"");
  }

  @AfterEach
  void tearDown() {
    apps.forEach(App::close);
    feeds.close();
  }

  private AppConfig config() {
    SourceConfig work =
        new SourceConfig("work", "Work", feeds.uri("/work.ics"), null, Map.of(), null);
    return AppConfig.defaults(dataDir, BERLIN)
        .withServer(new ServerConfig("127.0.0.1", 0))
        .withSources(List.of(work))
        .withFetch(new FetchConfig(Duration.ofSeconds(2), Duration.ofMillis(500), 3, 64 * 1024));
  }

  private App start(AppConfig config) {
    App app = App.start(config, clock);
    apps.add(app);
    return app;
  }

  private App startReady() {
    App app = start(config());
    awaitReady(app);
    return app;
  }

  private void awaitReady(App app) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> get(app, "/api/status").body().get("data_ready").asBoolean());
  }

  record Answer(int status, String contentType, JsonNode body) {}

  private Answer get(App app, String path) throws IOException, InterruptedException {
    return send(app, HttpRequest.newBuilder(uri(app, path)).GET().build());
  }

  private Answer post(App app, String path, String body) throws IOException, InterruptedException {
    return send(
        app,
        HttpRequest.newBuilder(uri(app, path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private int statusOrMinusOne(App app, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(uri(app, path)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static URI uri(App app, String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  private Answer send(App app, HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(
        r.statusCode(),
        r.headers().firstValue("Content-Type").orElse(""),
        r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()));
  }

  private static List<String> texts(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.get(field).asText())
        .toList();
  }

  @Test
  void whatsNext_afterFirstRefresh_showsCurrentNextLaterAndAllDay() throws Exception {
    App app = startReady();

    JsonNode w = get(app, "/api/whats-next/data").body();

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
    App app = startReady();

    JsonNode w = get(app, "/api/whats-next/data?debug_time=2026-11-23T16:05:00%2B01:00").body();
    JsonNode posted =
        post(app, "/api/whats-next/data", "{\"debug_time\":\"2026-11-23T15:05:00Z\"}").body();

    assertThat(w.get("current_time").asText()).isEqualTo("2026-11-23T16:05+01:00");
    assertThat(texts(w.get("current_events"), "subject")).containsExactly("Standup (moved)");
    assertThat(texts(w.get("next_events"), "subject")).containsExactly("Standup");
    assertThat(w.get("next_events").get(0).get("start_time").asText())
        .isEqualTo("2026-11-25T09:00+01:00");
    assertThat(posted).isEqualTo(w);
  }

  @Test
  void events_day_sortedWithOffsetsOverrideAndNoCancelled() throws Exception {
    App app = startReady();

    JsonNode a = get(app, "/api/events?start=2026-11-23&end=2026-11-24").body();

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
    App app = startReady();
    JsonNode before = get(app, "/api/events?start=2026-11-23&end=2026-11-28").body();
    feeds
        .path("/work.ics")
        .etag("\"v2\"")
        .body(feed.replace("SUMMARY:Planning", "SUMMARY:Planning v2"));
    post(app, "/api/refresh", "");
    app.close();
    apps.remove(app);
    App again = startReady();

    JsonNode after = get(again, "/api/events?start=2026-11-23&end=2026-11-28").body();

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
    App app = startReady();

    JsonNode at =
        get(app, "/api/events?start=2026-11-23T11:00:00Z&end=2026-11-23T11:01:00Z").body();
    JsonNode before =
        get(app, "/api/events?start=2026-11-23T10:59:00Z&end=2026-11-23T11:00:00Z").body();

    assertThat(texts(at.get("events"), "summary")).containsExactly("Team offsite", "Deadline");
    assertThat(texts(before.get("events"), "summary")).doesNotContain("Deadline");
  }

  @Test
  void events_windowsIn2040And1997_areExpandedOnDemand() throws Exception {
    App app = startReady();

    JsonNode future = get(app, "/api/events?start=2040-01-02&end=2040-01-09").body();
    JsonNode past = get(app, "/api/events?start=1997-01-01&end=1998-01-01").body();

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
    App app = startReady();

    Answer a = get(app, path);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.contentType()).isEqualTo("application/problem+json");
    assertThat(a.body().get("status").asInt()).isEqualTo(400);
    assertThat(a.body().get("parameter").asText()).isEqualTo(parameter);
    assertThat(a.body().get("detail").asText()).contains(detail);
  }

  @Test
  void events_moreInstancesThanTheCap_answer422() throws Exception {
    App app =
        start(
            config()
                .withExpansion(
                    new ExpansionConfig(50, 200_000, Duration.ofDays(14), Duration.ofDays(90))));
    awaitReady(app);

    Answer a = get(app, "/api/events?start=2026-01-01&end=2027-01-01");

    assertThat(a.status()).isEqualTo(422);
    assertThat(a.body().get("detail").asText()).contains("50").containsIgnoringCase("narrower");
  }

  @Test
  void refresh_unchangedFeed_sendsValidatorsAndKeepsData() throws Exception {
    App app = startReady();

    JsonNode r = post(app, "/api/refresh", "").body();

    assertThat(r.get("results").get(0).get("outcome").asText()).isEqualTo("NOT_MODIFIED");
    assertThat(feeds.lastRequest("/work.ics").headers()).containsEntry("if-none-match", "\"v1\"");
    assertThat(get(app, "/api/events?start=2026-11-23&end=2026-11-24").body().get("count").asInt())
        .isEqualTo(6);
    assertThat(get(app, "/api/status").body().get("sources").get(0).get("last_checked").isNull())
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
    App app = startReady();
    FakeFeedServer.Route route = feeds.path("/work.ics").etag("\"broken\"");
    switch (breakage) {
      case "http500" -> route.status(500).body("oops");
      case "html" -> route.body("<!DOCTYPE html><html><body>Sign in</body></html>");
      case "truncated" -> route.body(feed.substring(0, feed.indexOf("END:VCALENDAR")));
      case "oversize" -> route.body(feed.repeat(100));
      default -> route.hang(true);
    }

    JsonNode result = post(app, "/api/refresh", "").body().get("results").get(0);
    feeds.releaseHangs();

    assertThat(result.get("outcome").asText()).isEqualTo("FAILED");
    assertThat(result.get("reason").asText()).isEqualTo(reason);
    assertThat(result.get("message").asText()).contains("source 'work'");
    assertThat(get(app, "/api/events?start=2026-11-23&end=2026-11-24").body().get("count").asInt())
        .isEqualTo(6);
    JsonNode health = get(app, "/health").body();
    assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
    assertThat(health.get("reasons").get(0).asText())
        .contains("source 'work' is failing (" + reason + ")");
    JsonNode info = get(app, "/api/whats-next/data").body().get("status_info");
    assertThat(info.get("stale_sources").get(0).asText()).isEqualTo("work");
    assertThat(info.get("sources").get(0).get("last_error_reason").asText()).isEqualTo(reason);
    assertThat(texts(get(app, "/api/whats-next/data").body().get("current_events"), "subject"))
        .containsExactly("Architecture review");
  }

  @Test
  void beforeFirstRefresh_answersSayStillLoadingNotNoMeetings() throws Exception {
    feeds.path("/work.ics").hang(true);
    // A read timeout far beyond the test: the first fetch is still hanging when the answers are
    // read, however slow the machine (the other tests use 500 ms to fail fast).
    App app =
        start(
            config()
                .withFetch(
                    new FetchConfig(Duration.ofSeconds(2), Duration.ofMinutes(5), 3, 64 * 1024)));

    JsonNode w = get(app, "/api/whats-next/data").body();
    JsonNode health = get(app, "/health").body();
    JsonNode events = get(app, "/api/events?start=2026-11-23&end=2026-11-24").body();
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
    App first = startReady();
    first.close();
    apps.remove(first);
    feeds.path("/work.ics").status(503).body("down for maintenance");

    App second = start(config());

    JsonNode w = get(second, "/api/whats-next/data").body();
    assertThat(w.get("status_info").get("data_ready").asBoolean()).isTrue();
    assertThat(texts(w.get("current_events"), "subject")).containsExactly("Architecture review");
  }

  @Test
  void status_listsSourcesWithFetchStateVersionAndUptime() throws Exception {
    App app = startReady();

    JsonNode s = get(app, "/api/status").body();

    assertThat(s.get("version").asText()).isNotBlank();
    assertThat(s.get("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(s.has("uptime_seconds")).isTrue();
    JsonNode src = s.get("sources").get(0);
    assertThat(src.get("id").asText()).isEqualTo("work");
    assertThat(src.get("state").asText()).isEqualTo("OK");
    assertThat(src.get("event_count").asInt()).isEqualTo(8);
    assertThat(src.get("last_success").asText()).isEqualTo(NOW);
    assertThat(src.get("next_refresh").isNull()).isFalse();
    assertThat(get(app, "/health").body().get("status").asText()).isEqualTo("UP");
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
    App app = startReady();

    Answer missing = get(app, "/api/nothing");
    Answer method = send(app, HttpRequest.newBuilder(uri(app, "/api/events")).DELETE().build());

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).isEqualTo("application/problem+json");
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.body().get("detail").asText())
        .isEqualTo("DELETE is not supported on /api/events");
  }

  @Test
  void newSourceAnswering404_isReportedFailedNotLoading() throws Exception {
    feeds.path("/work.ics").status(404).body("not here");
    App app = start(config());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                get(app, "/api/status")
                    .body()
                    .get("sources")
                    .get(0)
                    .get("state")
                    .asText()
                    .equals("FAILED"));
    JsonNode health = get(app, "/health").body();
    JsonNode info = get(app, "/api/whats-next/data").body().get("status_info");

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
    App app = startReady();

    Answer a = post(app, "/api/whats-next/data", body);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.contentType()).isEqualTo("application/problem+json");
    assertThat(a.body().get("detail").asText()).startsWith(detail);
  }

  @Test
  void close_requestInFlight_isAnsweredBeforeTheServerStops() throws Exception {
    App app = startReady();
    feeds.path("/work.ics").etag("\"v2\"").hang(true);
    java.util.concurrent.CompletableFuture<Answer> inFlight =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return post(app, "/api/refresh", "");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> feeds.requestCount("/work.ics") >= 2);

    java.util.concurrent.CompletableFuture<Void> closing =
        java.util.concurrent.CompletableFuture.runAsync(app::close);
    // Shutdown has begun once new requests are refused with 503; the refresh is still hanging.
    await().atMost(Duration.ofSeconds(10)).until(() -> statusOrMinusOne(app, "/health") == 503);
    assertThat(inFlight).isNotDone();
    feeds.releaseHangs();
    closing.get(30, java.util.concurrent.TimeUnit.SECONDS);
    apps.remove(app);

    Answer answer = inFlight.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("results").get(0).get("source_id").asText()).isEqualTo("work");
  }
}
