package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.RefreshConfig;
import calendarbot.flags.FeatureFlags;
import calendarbot.flags.Flag;
import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partial rollout changes no answer: every optimisation flag at 50%, so the kiosks of one App
 * take every mix of paths (plain, cached, shared, batched), and after each change of data or time
 * every kiosk gets byte-identical answers (status, ETag, body), the plain path's among them.
 */
class FlagsEquivalenceIT {
  private static final Duration INTERVAL = Duration.ofHours(2);
  private static final List<String> KIOSKS =
      IntStream.range(0, 24).mapToObj(i -> String.format("kiosk-%02d", i)).toList();
  private static final List<String> PATHS =
      List.of(
          "/api/whats-next/data",
          "/api/events?start=2026-11-23&end=2026-11-24",
          "/api/events?start=2026-11-20&end=2026-11-30&filtered=false");

  @TempDir Path dir;
  private AppFixture fixture;
  private RunningApp app;

  @BeforeEach
  void setUp() throws Exception {
    fixture = AppFixture.serving("api-day.ics", "2026-11-23T07:10:00Z", dir);
    // Only the test refreshes, so no refresh lands between two kiosks of one round.
    RefreshConfig manual = new RefreshConfig(INTERVAL, 0, INTERVAL, INTERVAL);
    app = fixture.start(fixture.config().withRefresh(manual)).awaitReady();
    for (Flag f : Flag.values()) {
      if (f != Flag.CONNECTION_POOL) {
        assertThat(
                app.put("/api/admin/flags/" + f.code(), "{\"enabled\": true, \"rollout\": 50}")
                    .status())
            .isEqualTo(200);
      }
    }
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void everyFlagAtHalf_mixedKiosks_getIdenticalAnswersAcrossDataChanges() throws Exception {
    FeatureFlags flags = FeatureFlags.direct(app.app().configService()::current);
    Set<String> mixes =
        KIOSKS.stream()
            .map(
                k ->
                    Arrays.stream(Flag.values())
                        .filter(f -> f != Flag.CONNECTION_POOL && flags.enabled(f, k))
                        .map(Flag::code)
                        .collect(Collectors.joining("+")))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(mixes)
        .as("the kiosks cover the plain path and many mixes")
        .anyMatch(m -> !m.contains("request_pipeline"))
        .anyMatch(m -> m.contains("request_pipeline+response_cache"))
        .anyMatch(m -> m.startsWith("request_pipeline") && !m.contains("response_cache"))
        .anyMatch(m -> m.startsWith("request_pipeline") && m.contains("batching"));
    assertThat(mixes.size()).isGreaterThanOrEqualTo(8);

    Map<String, Set<String>> perPath = new LinkedHashMap<>();
    for (int round = 0; round < 6; round++) {
      switch (round) {
        case 1, 4 -> changeFeed(round);
        case 2 -> fixture.clock().advance(Duration.ofMinutes(50));
        case 3 -> fixture.clock().advance(Duration.ofSeconds(30));
        case 5 -> hideFirstEvent();
        default -> {}
      }
      for (String path : PATHS) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (int pass = 0; pass < 2; pass++) {
          for (String kiosk : KIOSKS) {
            HttpResponse<String> r = app.getText(path, "X-Client-Id", kiosk);
            answers.merge(
                r.statusCode() + " " + r.headers().firstValue("ETag").orElse("") + " " + r.body(),
                kiosk + "/" + pass,
                (a, b) -> a + "," + b);
          }
        }
        assertThat(answers)
            .as("round %d, %s: one answer for every kiosk and pass", round, path)
            .hasSize(1);
        assertThat(answers.keySet().iterator().next()).startsWith("200 ");
        perPath.computeIfAbsent(path, p -> new TreeSet<>()).addAll(answers.keySet());
      }
    }
    // Each change of data reached the answers (a cache that missed one would fail above).
    assertThat(perPath.get(PATHS.get(1))).as("two feed changes").hasSize(3);
    assertThat(perPath.get(PATHS.get(0)).size()).isGreaterThanOrEqualTo(4);
  }

  private void changeFeed(int round) throws Exception {
    fixture
        .feeds()
        .path(AppFixture.FEED_PATH)
        .body(fixture.feed().replace("Architecture review", "Architecture review " + round))
        .etag("\"v" + (round + 1) + "\"");
    assertThat(app.post("/api/refresh", "").status()).isEqualTo(200);
  }

  private void hideFirstEvent() throws Exception {
    JsonNode e = app.get(PATHS.get(1)).body().at("/events/0");
    String body =
        String.format(
            "{\"id\": \"%s\", \"scope\": \"instance\", \"source_id\": \"%s\","
                + " \"uid\": \"%s\", \"subject\": \"%s\"}",
            e.get("id").asText(),
            e.get("sourceId").asText(),
            e.get("uid").asText(),
            e.get("summary").asText());
    assertThat(app.post("/api/events/hide", body).status()).isEqualTo(200);
  }
}
