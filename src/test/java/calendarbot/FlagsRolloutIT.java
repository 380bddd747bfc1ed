package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.flags.FeatureFlags;
import calendarbot.flags.Flag;
import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Roll a flag out to 25% of kiosks" over a real App: 40 kiosks, {@code request_pipeline} at 25%
 * then 50%, each request's use of the pipeline seen in the what's-next cache counters. The expected
 * kiosks come from the public flags API ({@link FeatureFlags#direct}) over the App's own
 * configuration snapshot, which uses the same documented bucket hash.
 *
 * <p>Warming is off, and requests are sequential: each counter delta belongs to one request.
 */
class FlagsRolloutIT {
  private static final List<String> KIOSKS =
      IntStream.range(0, 40).mapToObj(i -> String.format("kiosk-%02d", i)).toList();

  @TempDir Path dir;
  private AppFixture fixture;
  private RunningApp app;
  private FeatureFlags expected;

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("api-day.ics", "2026-11-23T09:10:00Z", dir);
    app =
        fixture
            .start(fixture.config().withPipeline(AppFixture.pipelineWithoutWarming()))
            .awaitReady();
    expected = FeatureFlags.direct(app.app().configService()::current);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void requestPipeline_rolledOutTo25Then50_exactlyTheKiosksInTheBucketsUseIt() throws Exception {
    JsonNode put = app.put("/api/admin/flags/request_pipeline", "{\"rollout\": 25}").body();
    assertThat(put.at("/flag/state").asText()).isEqualTo("partial");
    assertThat(put.at("/flag/why").asText())
        .startsWith("partial: pipeline.rollout=25 (runtime (admin api from 127.0.0.1, ");

    Map<String, String> bodies = new LinkedHashMap<>();
    Set<String> at25 = kiosksUsingThePipeline(bodies);

    assertThat(at25).isEqualTo(expectedKiosks());
    assertThat(at25.size()).as("near a quarter of 40: %s", at25).isBetween(6, 14);
    assertThat(new TreeSet<>(bodies.values())).as("every kiosk, the same bytes").hasSize(1);

    assertThat(app.put("/api/admin/flags/request_pipeline", "{\"rollout\": 50}").status())
        .isEqualTo(200);
    Set<String> at50 = kiosksUsingThePipeline(bodies);

    assertThat(at50).isEqualTo(expectedKiosks()).containsAll(at25).hasSizeGreaterThan(at25.size());
    assertThat(at50.size()).isBetween(14, 26);
    assertThat(new TreeSet<>(bodies.values())).hasSize(1);
  }

  @Test
  void requestPipeline_partialRollout_theCookieIsTheIdWithoutAHeader() throws Exception {
    app.put("/api/admin/flags/request_pipeline", "{\"rollout\": 25}");
    List<String> candidates =
        IntStream.range(0, 40).mapToObj(i -> String.format("k%024x", i * 7919L)).toList();
    String in = candidates.stream().filter(this::inRollout).findFirst().orElseThrow();
    String out = candidates.stream().filter(c -> !inRollout(c)).findFirst().orElseThrow();

    assertThat(usesPipeline("Cookie", "cb_client=" + in)).isTrue();
    assertThat(usesPipeline("Cookie", "cb_client=" + out)).isFalse();
    // The header wins over the cookie.
    assertThat(usesPipeline("X-Client-Id", out, "Cookie", "cb_client=" + in)).isFalse();
  }

  private boolean inRollout(String client) {
    return expected.enabled(Flag.REQUEST_PIPELINE, client);
  }

  private Set<String> expectedKiosks() {
    Set<String> in = new TreeSet<>();
    KIOSKS.stream().filter(this::inRollout).forEach(in::add);
    return in;
  }

  /** Every kiosk asks once; returns those whose request touched the cache; fills their bodies. */
  private Set<String> kiosksUsingThePipeline(Map<String, String> bodies) throws Exception {
    Set<String> used = new TreeSet<>();
    bodies.clear();
    for (String kiosk : KIOSKS) {
      long before = cacheOperations();
      HttpResponse<String> r = app.getText("/api/whats-next/data", "X-Client-Id", kiosk);
      assertThat(r.statusCode()).isEqualTo(200);
      bodies.put(kiosk, r.headers().firstValue("ETag").orElse("") + " " + r.body());
      if (cacheOperations() > before) {
        used.add(kiosk);
      }
    }
    return used;
  }

  private boolean usesPipeline(String... headers) throws Exception {
    long before = cacheOperations();
    assertThat(app.getText("/api/whats-next/data", headers).statusCode()).isEqualTo(200);
    return cacheOperations() > before;
  }

  private long cacheOperations() throws Exception {
    JsonNode wn = app.get("/api/pipeline/stats").body().at("/cache/by_type/whats_next");
    return wn.get("hits").asLong() + wn.get("misses").asLong();
  }
}
