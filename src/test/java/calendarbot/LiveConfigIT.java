package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.PipelineConfig;
import calendarbot.testing.Answer;
import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "An operator can change any optimisation live": each live key changed through {@code PATCH
 * /api/admin/config} on a real App, and the change seen in what the App does (cache hits and
 * misses, evictions, pool sizes, the refresh schedule), not only in the echo.
 *
 * <p>Warming is off, so the only what's-next cache operations are the test's own requests. A
 * what's-next answer for a past minute ({@code debug_time}) lives exactly its TTL: answers for the
 * present minute live at least until the minute ends, whatever the TTL.
 */
class LiveConfigIT {
  private static final String NOW = "2026-11-23T09:10:00Z";

  /** A minute ten minutes before {@link #NOW}: its answer's life is the TTL alone. */
  private static final String PAST = "/api/whats-next/data?debug_time=2026-11-23T09:00:00Z";

  @TempDir Path dir;
  private AppFixture fixture;
  private RunningApp app;

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("api-day.ics", NOW, dir);
    app =
        fixture
            .start(fixture.config().withPipeline(AppFixture.pipelineWithoutWarming()))
            .awaitReady();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void whatsNextTtl_shortenedLive_expiresAnAnswerCachedBefore() throws Exception {
    get(PAST);
    fixture.clock().advance(Duration.ofSeconds(5));
    long hits = count("hits");
    get(PAST);
    assertThat(count("hits")).as("control: the default 60 s TTL keeps it").isEqualTo(hits + 1);

    Answer patched = patch("{\"pipeline.ttl.whats_next\": \"10s\"}");
    assertThat(patched.status()).as(patched.body().toString()).isEqualTo(200);
    assertThat(patched.body().get("restart_required")).isEmpty();

    fixture.clock().advance(Duration.ofSeconds(4)); // 9 s old
    get(PAST);
    assertThat(count("hits")).as("younger than the new TTL: still a hit").isEqualTo(hits + 2);
    long misses = count("misses");
    fixture.clock().advance(Duration.ofSeconds(2)); // 11 s old
    get(PAST);
    assertThat(count("misses")).as("older than the new TTL: expired").isEqualTo(misses + 1);
    assertThat(count("hits")).isEqualTo(hits + 2);
  }

  @Test
  void cacheMaxBytes_loweredLive_evictsEntries() throws Exception {
    for (int m = 0; m < 30; m++) {
      get(String.format("/api/whats-next/data?debug_time=2026-11-23T08:%02d:00Z", m));
    }
    JsonNode before = stats().get("cache");
    assertThat(before.get("weight_bytes").asLong()).isGreaterThan(65_536);
    assertThat(before.at("/evictions/size").asLong()).isZero();

    assertThat(patch("{\"pipeline.cache.max_bytes\": \"64KB\"}").status()).isEqualTo(200);

    JsonNode after = stats().get("cache");
    assertThat(after.get("max_weight_bytes").asLong()).isEqualTo(65_536);
    assertThat(after.get("weight_bytes").asLong()).isLessThanOrEqualTo(65_536);
    assertThat(after.get("entries").asLong()).isLessThan(before.get("entries").asLong());
    assertThat(after.at("/evictions/size").asLong()).isPositive();
  }

  @Test
  void poolSizes_changedLive_showInStatus() throws Exception {
    JsonNode metrics = status().get("metrics");
    assertThat(metrics.get("http.pool.max").asDouble()).isEqualTo(100.0);
    assertThat(metrics.get("db.pool.max").asDouble()).isEqualTo(4.0);

    assertThat(
            patch(
                    "{\"connection_pool.http_max_total\": 7,"
                        + " \"connection_pool.http_max_per_host\": 3,"
                        + " \"connection_pool.db_pool_size\": 2}")
                .status())
        .isEqualTo(200);

    metrics = status().get("metrics");
    assertThat(metrics.get("http.pool.max").asDouble()).isEqualTo(7.0);
    assertThat(metrics.get("db.pool.max").asDouble()).isEqualTo(2.0);
    // The pool still fetches after the resize.
    assertThat(app.post("/api/refresh", "").status()).isEqualTo(200);
    assertThat(status().at("/sources/0/state").asText()).isEqualTo("OK");
  }

  @Test
  void refreshInterval_shortenedLive_bringsTheNextRefreshForward() throws Exception {
    Instant now = fixture.clock().instant();
    Instant before = Instant.parse(status().at("/sources/0/next_refresh").asText());
    assertThat(before).isAfter(now.plus(Duration.ofMinutes(4))); // 5 min ± 10% jitter

    assertThat(patch("{\"refresh.interval\": \"1m\"}").status()).isEqualTo(200);

    Instant after = Instant.parse(status().at("/sources/0/next_refresh").asText());
    assertThat(after).isBefore(before).isBeforeOrEqualTo(now.plus(Duration.ofSeconds(66)));
  }

  @Test
  void pipelineEnabled_offLive_requestsBypassItAndBackOnUseItAgain() throws Exception {
    get(PAST);
    long ops = count("hits") + count("misses");
    assertThat(ops).isPositive();

    assertThat(patch("{\"pipeline.enabled\": false}").status()).isEqualTo(200);
    String plain = get(PAST).body();
    get("/api/whats-next/data");
    assertThat(count("hits") + count("misses")).as("the plain path").isEqualTo(ops);

    assertThat(patch("{\"pipeline.enabled\": true}").status()).isEqualTo(200);
    long hits = count("hits");
    String cached = get(PAST).body();
    assertThat(count("hits")).as("the answer cached before is used again").isEqualTo(hits + 1);
    assertThat(cached).isEqualTo(plain);
  }

  @Test
  void restartOnlyKey_changed_answersRestartRequiredAndShowsPending() throws Exception {
    Answer a = patch("{\"expansion.max_instances_per_query\": 500}");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().get("restart_required").toString())
        .isEqualTo("[\"expansion.max_instances_per_query\"]");
    JsonNode entry =
        entry(app.get("/api/admin/config").body(), "expansion.max_instances_per_query");
    assertThat(entry.get("value").asText()).isEqualTo("500");
    assertThat(entry.get("live").asBoolean()).isFalse();
    assertThat(entry.get("pending_restart").asBoolean()).isTrue();
    assertThat(
            entry(app.get("/api/admin/config").body(), "pipeline.ttl.whats_next")
                .get("pending_restart")
                .asBoolean())
        .isFalse();
  }

  @Test
  void invalidValue_answers400NamingKeyRuleAndValue_andChangesNothing() throws Exception {
    long version = app.get("/api/admin/config").body().get("version").asLong();
    get(PAST);

    Answer bad = patch("{\"pipeline.ttl.whats_next\": \"1s\", \"pipeline.cache.max_bytes\": 5}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(bad.body().get("parameter").asText()).isEqualTo("pipeline.cache.max_bytes");
    assertThat(bad.body().get("detail").asText())
        .startsWith("pipeline.cache.max_bytes must be between 65536 and 1073741824 bytes, but was")
        .contains("5");
    assertThat(app.get("/api/admin/config").body().get("version").asLong()).isEqualTo(version);
    assertThat(app.get("/api/admin/config/history").body().get("versions")).hasSize(1);
    // The valid half of the rejected change did not apply either: 5 s later, still a hit.
    fixture.clock().advance(Duration.ofSeconds(5));
    long hits = count("hits");
    get(PAST);
    assertThat(count("hits")).isEqualTo(hits + 1);
    assertThat(stats().at("/cache/max_weight_bytes").asLong())
        .isEqualTo(PipelineConfig.DEFAULT_MAX_WEIGHT_BYTES);
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpResponse<String> r = app.getText(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r;
  }

  private Answer patch(String body) throws Exception {
    return app.patch("/api/admin/config", body);
  }

  private JsonNode stats() throws Exception {
    return app.get("/api/pipeline/stats").body();
  }

  /** What's-next cache {@code hits} or {@code misses} so far. */
  private long count(String kind) throws Exception {
    return stats().at("/cache/by_type/whats_next/" + kind).asLong();
  }

  /** {@code /api/status} (live, never cached). */
  private JsonNode status() throws Exception {
    return app.get("/api/status").body();
  }

  private static JsonNode entry(JsonNode config, String key) {
    for (JsonNode e : config.get("entries")) {
      if (e.get("key").asText().equals(key)) {
        return e;
      }
    }
    throw new AssertionError("no entry " + key + " in " + config);
  }
}
