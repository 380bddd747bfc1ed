package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Kill everything with one variable": an App started with {@code CALENDARBOT_EMERGENCY_DISABLE}
 * (through the configuration layers' environment map) runs every request on the plain path and
 * every fetch on a plain connection, still answers correctly, and {@code DELETE
 * /api/admin/flags/emergency-disable} turns the optimisations back on live.
 */
class EmergencyDisableIT {
  private static final String ENV = "CALENDARBOT_EMERGENCY_DISABLE";

  @TempDir Path dir;
  private AppFixture fixture;
  private Path file;

  @BeforeEach
  void setUp() throws Exception {
    fixture = AppFixture.serving("api-day.ics", "2026-11-23T09:10:00Z", dir.resolve("data"));
    file = dir.resolve("calendarbot.yaml");
    Files.writeString(file, fixture.yaml());
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private RunningApp start(String emergency) {
    return fixture.start(fixture.layers(file, Map.of(ENV, emergency))).awaitReady();
  }

  @Test
  void envAll_everyFlagOffNoPipelineNoPool_answersCorrect_deleteTurnsThemBackOn() throws Exception {
    RunningApp app = start("all");

    JsonNode flags = app.get("/api/admin/flags").body();
    assertThat(flags.get("emergency_disable").toString()).isEqualTo("[\"all\"]");
    assertThat(flags.get("flags")).hasSize(6);
    for (JsonNode f : flags.get("flags")) {
      assertThat(f.get("state").asText()).as(f.toString()).isEqualTo("off");
      assertThat(f.get("emergency_disabled").asBoolean()).isTrue();
      assertThat(f.get("why").asText())
          .isEqualTo("off: emergency_disable=all (env CALENDARBOT_EMERGENCY_DISABLE)");
    }

    String killed = app.getText("/api/whats-next/data").body();
    app.getText("/api/whats-next/data");
    app.getText("/api/events?start=2026-11-23&end=2026-11-24");
    assertThat(app.post("/api/refresh", "").status()).isEqualTo(200);
    assertThat(cacheOperations(app)).as("no request touched the pipeline").isZero();
    JsonNode metrics = app.get("/api/status").body().get("metrics");
    assertThat(metrics.get("feed.fetches{source=work}").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(metrics.get("http.fetches").asLong()).as("no pooled fetch").isZero();
    assertThat(killed).contains("\"subject\":\"Architecture review\"");

    JsonNode lifted = app.delete("/api/admin/flags/emergency-disable").body();
    assertThat(lifted.get("changes").toString())
        .isEqualTo("[{\"key\":\"emergency_disable\",\"from\":\"all\",\"to\":\"none\"}]");

    JsonNode after = app.get("/api/admin/flags").body();
    assertThat(after.get("emergency_disable")).isEmpty();
    assertThat(after.get("flags"))
        .allSatisfy(f -> assertThat(f.get("emergency_disabled").asBoolean()).isFalse())
        .filteredOn(f -> !f.get("name").asText().equals("batching"))
        .allSatisfy(f -> assertThat(f.get("state").asText()).isEqualTo("on"));
    String optimised = app.getText("/api/whats-next/data").body();
    assertThat(cacheOperations(app)).as("the pipeline is used again").isPositive();
    assertThat(app.post("/api/refresh", "").status()).isEqualTo(200);
    assertThat(pooledFetches(app)).as("the pool is used again").isPositive();
    assertThat(optimised).as("the same answer either way").isEqualTo(killed);
  }

  @Test
  void envList_disablesOnlyTheNamedFlags() throws Exception {
    RunningApp app = start("response_cache,single_flight");

    JsonNode flags = app.get("/api/admin/flags").body();
    assertThat(flags.get("emergency_disable").toString())
        .isEqualTo("[\"response_cache\",\"single_flight\"]");
    for (JsonNode f : flags.get("flags")) {
      String name = f.get("name").asText();
      boolean named = name.equals("response_cache") || name.equals("single_flight");
      assertThat(f.get("emergency_disabled").asBoolean()).as(name).isEqualTo(named);
      if (named) {
        assertThat(f.get("why").asText())
            .isEqualTo(
                "off: emergency_disable=response_cache,single_flight"
                    + " (env CALENDARBOT_EMERGENCY_DISABLE)");
      } else if (!name.equals("batching")) {
        assertThat(f.get("state").asText()).as(name).isEqualTo("on");
      }
    }

    app.getText("/api/whats-next/data");
    app.getText("/api/whats-next/data");
    assertThat(cacheOperations(app)).as("nothing cached").isZero();
    assertThat(app.post("/api/refresh", "").status()).isEqualTo(200);
    assertThat(pooledFetches(app)).as("connection_pool is not named: pooled").isPositive();
  }

  private static long cacheOperations(RunningApp app) throws Exception {
    long n = 0;
    for (JsonNode t : app.get("/api/pipeline/stats").body().at("/cache/by_type")) {
      n += t.get("hits").asLong() + t.get("misses").asLong();
    }
    return n;
  }

  /** Pooled feed fetches so far, as {@code /api/status} reports them. */
  private static long pooledFetches(RunningApp app) throws Exception {
    return app.get("/api/status").body().at("/metrics/http.fetches").asLong();
  }
}
