package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.testing.Answer;
import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings and hidden events through the real App: they change what the API answers. */
class SettingsApiIT {
  /** Monday 2026-11-23 10:10 in Berlin: "Architecture review" (10:00–11:00) is in progress. */
  private static final String NOW = "2026-11-23T09:10:00Z";

  private static final String DAY = "/api/events?start=2026-11-23&end=2026-11-24";

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

  // Bodies in this class are written with ' for " so that JSON reads well inside Java strings.

  private static Answer get(RunningApp app, String path) throws Exception {
    return app.get(path);
  }

  private static Answer post(RunningApp app, String path, String body) throws Exception {
    return app.post(path, body.replace('\'', '"'));
  }

  private static Answer put(RunningApp app, String path, String body) throws Exception {
    return app.put(path, body.replace('\'', '"'));
  }

  private static Answer send(RunningApp app, String method, String path, String body)
      throws Exception {
    return app.send(method, path, body == null ? null : body.replace('\'', '"'));
  }

  private static List<String> texts(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.get(field).asText())
        .toList();
  }

  private static JsonNode event(JsonNode answer, String summary) {
    return StreamSupport.stream(answer.get("events").spliterator(), false)
        .filter(e -> e.get("summary").asText().equals(summary))
        .findFirst()
        .orElseThrow();
  }

  private static String hideBody(JsonNode event, String scope) {
    return "{'id': '"
        + event.get("id").asText()
        + "', 'scope': '"
        + scope
        + "', 'source_id': '"
        + event.get("sourceId").asText()
        + "', 'uid': '"
        + event.get("uid").asText()
        + "', 'subject': '"
        + event.get("summary").asText()
        + "'}";
  }

  @Test
  void settings_getThenPutSameDocument_isANoOp() throws Exception {
    RunningApp app = fixture.startReady();
    Answer before = get(app, "/api/settings");

    Answer put = put(app, "/api/settings", before.body().toString());
    Answer filters = get(app, "/api/settings/filters");
    Answer putFilters = put(app, "/api/settings/filters", filters.body().toString());
    Answer display = get(app, "/api/settings/display");
    Answer putDisplay = put(app, "/api/settings/display", display.body().toString());

    assertThat(before.status()).isEqualTo(200);
    assertThat(before.body().get("version").asLong()).isEqualTo(1);
    assertThat(before.body().get("display").get("theme").asText()).isEqualTo("light");
    assertThat(before.body().get("filters").get("hide_declined").asBoolean()).isTrue();
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body()).isEqualTo(before.body());
    assertThat(putFilters.body()).isEqualTo(filters.body());
    assertThat(putDisplay.body()).isEqualTo(display.body());
    assertThat(filters.body().get("version").asLong()).isEqualTo(1);
    assertThat(display.body().has("poll_interval_seconds")).isTrue();
  }

  @Test
  void filterChange_changesWhatsNextAndFilteredEventsButNotRawEvents() throws Exception {
    RunningApp app = fixture.startReady();

    Answer changed =
        put(
            app,
            "/api/settings/filters",
            "{'title_patterns': [{'pattern': 'PLANNING'}, {'pattern': '^1:\\\\d', 'regex': true}],"
                + " 'hide_all_day': true}");
    JsonNode w = get(app, "/api/whats-next/data").body();
    JsonNode filtered = get(app, DAY + "&filtered=true").body();
    JsonNode raw = get(app, DAY + "&filtered=false").body();

    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body().get("version").asLong()).isEqualTo(2);
    assertThat(texts(w.get("current_events"), "subject")).containsExactly("Architecture review");
    assertThat(texts(w.get("next_events"), "subject")).containsExactly("Deadline");
    assertThat(texts(w.get("later_events"), "subject")).containsExactly("Standup (moved)");
    assertThat(w.get("all_day_events")).isEmpty();
    assertThat(w.get("display").get("settings_version").asLong()).isEqualTo(2);
    assertThat(texts(filtered.get("events"), "summary"))
        .containsExactly("Architecture review", "Deadline", "Standup (moved)");
    assertThat(filtered.get("count").asInt()).isEqualTo(3);
    assertThat(raw.get("count").asInt()).isEqualTo(6);
    assertThat(get(app, DAY).body()).isEqualTo(raw);
  }

  @Test
  void displayChange_laterEventsAndZoneReachWhatsNextAndEvents() throws Exception {
    RunningApp app = fixture.startReady();

    put(app, "/api/settings/display", "{'timezone': 'America/New_York', 'later_events': 1}");
    JsonNode w = get(app, "/api/whats-next/data").body();
    JsonNode day = get(app, DAY).body();

    assertThat(w.get("current_time").asText()).isEqualTo("2026-11-23T04:10-05:00");
    assertThat(w.get("later_events")).hasSize(1);
    assertThat(day.get("start").asText()).isEqualTo("2026-11-23T00:00-05:00");
    assertThat(event(day, "Architecture review").get("start").asText())
        .isEqualTo("2026-11-23T04:00-05:00");
    // A local debug_time is read in the display zone too: 04:30 New York is 10:30 Berlin.
    JsonNode debug = get(app, "/api/whats-next/data?debug_time=2026-11-23T04:30:00").body();
    assertThat(debug.get("current_time").asText()).isEqualTo("2026-11-23T04:30-05:00");
  }

  @Test
  void hide_instanceAndSeries_survivesRefetchAndRestartUntilUnhidden() throws Exception {
    RunningApp app = fixture.startReady();
    JsonNode day = get(app, DAY).body();
    JsonNode review = event(day, "Architecture review");
    JsonNode standup = event(day, "Standup (moved)");

    Answer hidden = post(app, "/api/events/hide", hideBody(review, "instance"));
    Answer again = post(app, "/api/events/hide", hideBody(review, "instance"));
    post(app, "/api/events/hide", hideBody(standup, "series"));

    assertThat(hidden.status()).isEqualTo(200);
    assertThat(hidden.body().get("instance_id").asText()).isEqualTo(review.get("id").asText());
    assertThat(hidden.body().get("scope").asText()).isEqualTo("instance");
    assertThat(hidden.body().get("hidden_at").asText()).isEqualTo(NOW);
    assertThat(again.body()).isEqualTo(hidden.body());
    assertVisibleWithoutReviewAndStandup(app);

    fixture
        .feeds()
        .path("/work.ics")
        .etag("\"v2\"")
        .body(fixture.feed().replace("LOCATION:Room 4", "LOCATION:Room 5"));
    assertThat(post(app, "/api/refresh", "").status()).isEqualTo(200);
    assertThat(event(get(app, DAY).body(), "Architecture review").get("location").asText())
        .isEqualTo("Room 5");
    assertVisibleWithoutReviewAndStandup(app);

    app.close();
    RunningApp second = fixture.startReady();
    assertVisibleWithoutReviewAndStandup(second);
    JsonNode list = get(second, "/api/events/hidden").body().get("hidden_events");
    assertThat(texts(list, "subject")).containsExactly("Architecture review", "Standup (moved)");
    assertThat(texts(list, "scope")).containsExactly("instance", "series");

    Answer unhidden =
        post(second, "/api/events/unhide", "{'id': '" + review.get("id").asText() + "'}");
    Answer unhiddenAgain =
        post(second, "/api/events/unhide", "{'id': '" + review.get("id").asText() + "'}");

    assertThat(unhidden.status()).isEqualTo(200);
    assertThat(unhidden.body().get("uid").asText()).isEqualTo("review@test");
    assertThat(unhiddenAgain.status()).isEqualTo(404);
    assertThat(unhiddenAgain.contentType()).isEqualTo("application/problem+json");
    assertThat(texts(get(second, "/api/whats-next/data").body().get("current_events"), "subject"))
        .containsExactly("Architecture review");
  }

  private void assertVisibleWithoutReviewAndStandup(RunningApp app) throws Exception {
    JsonNode w = get(app, "/api/whats-next/data").body();
    assertThat(w.get("current_events")).isEmpty();
    assertThat(texts(w.get("next_events"), "subject")).containsExactly("Planning");
    assertThat(texts(w.get("later_events"), "subject")).containsExactly("Deadline", "1:1");
    JsonNode week = get(app, "/api/events?start=2026-11-23&end=2026-11-28&filtered=true").body();
    assertThat(texts(week.get("events"), "summary"))
        .doesNotContain("Architecture review", "Standup", "Standup (moved)")
        .contains("Planning", "Team offsite");
    assertThat(texts(get(app, DAY).body().get("events"), "summary"))
        .contains("Architecture review", "Standup (moved)");
  }

  @Test
  void validate_answersValidityAndErrorsWithoutChangingAnything() throws Exception {
    RunningApp app = fixture.startReady();

    Answer bad =
        post(app, "/api/settings/validate", "{'display': {'theme': 'neon', 'later_events': 50}}");
    Answer good = post(app, "/api/settings/validate", "{'display': {'theme': 'dark'}}");

    assertThat(bad.status()).isEqualTo(200);
    assertThat(bad.body().get("valid").asBoolean()).isFalse();
    assertThat(texts(bad.body().get("errors"), "field"))
        .containsExactly("display.theme", "display.later_events");
    assertThat(bad.body().get("errors").get(0).get("message").asText())
        .isEqualTo("display.theme must be one of light, dark, eink, but was 'neon'");
    assertThat(good.body().get("valid").asBoolean()).isTrue();
    assertThat(good.body().get("errors")).isEmpty();
    assertThat(get(app, "/api/settings").body().get("display").get("theme").asText())
        .isEqualTo("light");
  }

  @Test
  void resetExportImport_keepBackupAndRestoreEverything() throws Exception {
    RunningApp app = fixture.startReady();
    put(app, "/api/settings/display", "{'theme': 'eink'}");
    post(app, "/api/events/hide", hideBody(event(get(app, DAY).body(), "Planning"), "instance"));
    JsonNode exported = get(app, "/api/settings/export").body();

    Answer reset = post(app, "/api/settings/reset", "");
    JsonNode afterReset = get(app, "/api/settings/export").body();
    Answer imported = post(app, "/api/settings/import", exported.toString());

    assertThat(exported.get("format").asText()).isEqualTo("calendarbot-settings");
    assertThat(exported.get("format_version").asInt()).isEqualTo(1);
    assertThat(exported.get("exported_at").asText()).isEqualTo(NOW);
    assertThat(exported.get("backup").isNull()).isTrue();
    assertThat(reset.body().get("display").get("theme").asText()).isEqualTo("light");
    assertThat(afterReset.get("hidden_events")).isEmpty();
    assertThat(afterReset.get("backup").get("settings")).isEqualTo(exported.get("settings"));
    assertThat(afterReset.get("backup").get("hidden_events"))
        .isEqualTo(exported.get("hidden_events"));
    assertThat(imported.status()).isEqualTo(200);
    assertThat(imported.body().get("display").get("theme").asText()).isEqualTo("eink");
    assertThat(texts(get(app, "/api/events/hidden").body().get("hidden_events"), "subject"))
        .containsExactly("Planning");
    assertThat(texts(get(app, "/api/whats-next/data").body().get("next_events"), "subject"))
        .containsExactly("Deadline");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PUT | /api/settings | {'filters': {'hide_all_day': 'no'}, 'display': {'clock': 'x'}}"
            + " | filters.hide_all_day,display.clock",
        "PUT | /api/settings/filters | {'title_patterns': [{'pattern': '(', 'regex': true}],"
            + " 'disabled_sources': ['home']}"
            + " | title_patterns[0].pattern,disabled_sources[0]",
        "PUT | /api/settings/display | {'timezone': 'Europe/Atlantis', 'poll_interval_seconds': 1,"
            + " 'colour': 'red'} | colour,timezone,poll_interval_seconds",
        "POST | /api/settings/import | {'format': 'calendarbot-settings', 'format_version': 1,"
            + " 'settings': {'display': {'theme': 'neon'}}} | settings.display.theme",
        "POST | /api/settings/import | {'settings': {}} | format,format_version",
        "POST | /api/events/hide | {'id': 'x', 'scope': 'week'} | scope,source_id,uid",
        "POST | /api/events/unhide | {'scope': 'series'} | id",
      })
  void invalidDocuments_answer400ListingEveryErrorAndChangeNothing(
      String method, String path, String body, String fields) throws Exception {
    RunningApp app = fixture.startReady();
    JsonNode before = get(app, "/api/settings/export").body();

    Answer a = send(app, method, path, body);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.contentType()).isEqualTo("application/problem+json");
    assertThat(a.body().get("type").asText()).isEqualTo("/problems/invalid-settings");
    assertThat(texts(a.body().get("errors"), "field")).containsExactly(fields.split(","));
    assertThat(a.body().get("errors").get(0).get("message").asText()).contains(" must be ");
    assertThat(get(app, "/api/settings/export").body()).isEqualTo(before);
    assertThat(get(app, "/api/settings").body().get("version").asLong()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET | /api/events?start=2026-11-23&end=2026-11-24&filtered=yes | | filtered",
        "PUT | /api/settings | [1, 2] | body",
        "PUT | /api/settings | {not json | body",
      })
  void badRequests_answer400NamingTheParameter(
      String method, String path, String body, String parameter) throws Exception {
    RunningApp app = fixture.startReady();

    Answer a = send(app, method, path, body);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().get("parameter").asText()).isEqualTo(parameter);
  }
}
