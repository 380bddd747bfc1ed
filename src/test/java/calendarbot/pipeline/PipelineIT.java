package calendarbot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.PipelineConfig;
import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request pipeline in a real App: fresh answers after changes, HTTP caching, gzip, stats. */
class PipelineIT {
  private static final String NOW = "2026-11-23T08:10:00Z";
  private static final String DAY = "/api/events?start=2026-11-23&end=2026-11-24";

  /** Every weekday's standup since January: a large answer. */
  private static final String YEAR = "/api/events?start=2026-01-01&end=2026-12-01";

  private static final ObjectMapper JSON = new ObjectMapper();

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

  @Test
  void refresh_feedChanged_nextAnswersShowTheNewData() throws Exception {
    RunningApp app = fixture.startReady();
    // Cached answers of the first version.
    assertThat(nextSubjects(app)).containsExactly("Architecture review");
    assertThat(summaries(app.get(DAY).body())).contains("Architecture review");
    assertThat(nextSubjects(app)).containsExactly("Architecture review");

    serve(version("Design review"), "\"v2\"");
    assertThat(app.post("/api/refresh", "").status()).isEqualTo(200);

    assertThat(nextSubjects(app)).containsExactly("Design review");
    assertThat(summaries(app.get(DAY).body()))
        .contains("Design review")
        .doesNotContain("Architecture review");
  }

  @Test
  void refresh_notModified_keepsTheCachedEventsAnswer() throws Exception {
    RunningApp app = fixture.startReady();
    app.get(DAY);
    app.get(DAY);
    long hits = eventsCounts(app, "hits");
    long misses = eventsCounts(app, "misses");
    int fetches = fixture.feeds().requestCount(AppFixture.FEED_PATH);

    JsonNode refresh = app.post("/api/refresh", "").body();
    app.get(DAY);

    assertThat(fixture.feeds().requestCount(AppFixture.FEED_PATH)).isEqualTo(fetches + 1);
    assertThat(fixture.feeds().lastRequest(AppFixture.FEED_PATH).header("If-None-Match"))
        .isEqualTo("\"v1\"");
    assertThat(refresh.at("/results/0/outcome").asText()).isEqualTo("NOT_MODIFIED");
    assertThat(eventsCounts(app, "hits")).isEqualTo(hits + 1);
    assertThat(eventsCounts(app, "misses")).isEqualTo(misses);
  }

  @Test
  void settingsPut_changesTheNextWhatsNextAnswer() throws Exception {
    RunningApp app = fixture.startReady();
    assertThat(nextSubjects(app)).containsExactly("Architecture review");
    assertThat(nextSubjects(app)).containsExactly("Architecture review");

    app.put("/api/settings/filters", "{\"title_patterns\": [{\"pattern\": \"Architecture\"}]}");

    assertThat(nextSubjects(app)).containsExactly("Planning");
  }

  @Test
  void clockPassesTheStaleMark_cachedAnswersTurnStaleWithIt() throws Exception {
    // Refresh interval 5 minutes: data older than 10 minutes is stale.
    RunningApp app = fixture.startReady();
    fixture.clock().advance(Duration.ofMinutes(9).plusSeconds(30));
    String whatsNext = "/api/whats-next/data?debug_time=2026-11-23T12:00:00Z";
    assertThat(app.get(DAY).body().at("/status_info/stale_sources")).isEmpty();
    assertThat(app.get(whatsNext).body().at("/status_info/stale_sources")).isEmpty();

    fixture.clock().advance(Duration.ofSeconds(31));

    assertThat(app.get(DAY).body().at("/status_info/stale_sources").toString())
        .isEqualTo("[\"work\"]");
    assertThat(app.get(whatsNext).body().at("/status_info/stale_sources").toString())
        .isEqualTo("[\"work\"]");
  }

  /**
   * The plain path keeps nothing, so it streams an answer instead of holding its bytes (no
   * Content-Length: chunked), with the same body and the same ETag as the pipeline's buffered one,
   * and still honours If-None-Match.
   */
  @Test
  void plainPath_streamsTheAnswer_withTheSameBodyAndEtag() throws Exception {
    // A year of the weekday stand-up: larger than the server's 16 KB response buffer.
    String year = "/api/events?start=2026-11-23&end=2027-11-23";
    RunningApp on = fixture.startReady();
    HttpResponse<String> buffered = on.getText(year);
    on.close();
    RunningApp off =
        fixture.start(fixture.config().withPipeline(PipelineConfig.off())).awaitReady();

    HttpResponse<String> streamed = off.getText(year);
    String etag = streamed.headers().firstValue("ETag").orElseThrow();

    assertThat(buffered.body().length()).isGreaterThan(16 * 1024);
    assertThat(buffered.headers().firstValue("Content-Length")).isPresent();
    assertThat(streamed.headers().firstValue("Content-Length")).isEmpty();
    assertThat(streamed.body()).isEqualTo(buffered.body());
    assertThat(etag).isEqualTo(buffered.headers().firstValue("ETag").orElseThrow());
    assertThat(off.getText(year, "If-None-Match", etag).statusCode()).isEqualTo(304);
  }

  @Test
  void ifNoneMatch_eventsAndSettings_answer304WithoutBody() throws Exception {
    RunningApp app = fixture.startReady();
    for (String path : List.of(DAY, "/api/settings")) {
      HttpResponse<String> first = app.getText(path);
      String etag = first.headers().firstValue("ETag").orElseThrow();

      HttpResponse<String> again = app.getText(path, "If-None-Match", etag);
      HttpResponse<String> other = app.getText(path, "If-None-Match", "\"something-else\"");

      assertThat(etag).startsWith("\"");
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body()).isEmpty();
      assertThat(again.headers().firstValue("ETag")).contains(etag);
      assertThat(other.statusCode()).isEqualTo(200);
      assertThat(other.body()).isEqualTo(first.body());
    }
    // A settings change makes a new entity: the old tag no longer matches.
    String etag = app.getText("/api/settings").headers().firstValue("ETag").orElseThrow();
    app.put("/api/settings/display", "{\"theme\": \"dark\"}");
    assertThat(app.getText("/api/settings", "If-None-Match", etag).statusCode()).isEqualTo(200);
  }

  @Test
  void acceptEncodingGzip_largeAnswerGzippedSmallOneNot() throws Exception {
    RunningApp app = fixture.startReady();

    HttpResponse<byte[]> identity = app.getBytes(YEAR);
    HttpResponse<byte[]> gzipped = app.getBytes(YEAR, "Accept-Encoding", "gzip");
    HttpResponse<byte[]> small = app.getBytes("/api/settings/display", "Accept-Encoding", "gzip");

    assertThat(identity.body().length).isGreaterThan(CachedResponse.GZIP_MIN_BYTES * 10);
    assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(gzipped.headers().firstValue("Vary")).contains("Accept-Encoding");
    assertThat(identity.headers().firstValue("Vary")).contains("Accept-Encoding");
    assertThat(gzipped.body().length).isLessThan(identity.body().length / 2);
    assertThat(gunzip(gzipped.body())).isEqualTo(identity.body());
    assertThat(gzipped.headers().firstValue("ETag"))
        .isEqualTo(identity.headers().firstValue("ETag"));
    assertThat(small.statusCode()).isEqualTo(200);
    assertThat(small.body().length).isLessThan(CachedResponse.GZIP_MIN_BYTES);
    assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(JSON.readTree(small.body()).get("theme").asText()).isEqualTo("light");
  }

  @Test
  void stats_reportCountsWeightEvictionsAndLatencyPerType() throws Exception {
    PipelineConfig d = PipelineConfig.defaults();
    // Room for three answers, so distinct windows evict for size.
    PipelineConfig small =
        new PipelineConfig(
            true,
            true,
            true,
            false,
            false,
            d.whatsNextTtl(),
            d.eventsTtl(),
            d.settingsTtl(),
            d.otherTtl(),
            3,
            d.maxWeightBytes(),
            d.batchWindow(),
            d.batchMaxSize());
    RunningApp app = fixture.start(fixture.config().withPipeline(small)).awaitReady();
    app.get("/api/whats-next/data");
    app.get("/api/whats-next/data");
    app.get("/api/settings");
    app.get("/api/settings");
    app.put("/api/settings/display", "{\"later_events\": 2}"); // invalidates the two above
    app.get("/api/events?start=2026-12-01&end=2026-12-02");
    app.get("/api/events?start=2026-12-01&end=2026-12-02");
    for (int day = 2; day <= 6; day++) {
      app.get("/api/events?start=2026-12-0" + day + "&end=2026-12-0" + (day + 1));
    }
    fixture.clock().advance(Duration.ofMinutes(6)); // past the events TTL of 5 minutes

    JsonNode stats = app.get("/api/pipeline/stats").body();

    assertThat(stats.get("enabled").asBoolean()).isTrue();
    JsonNode cache = stats.get("cache");
    assertThat(cache.at("/by_type/whats_next/hits").asLong()).isEqualTo(1);
    assertThat(cache.at("/by_type/settings/hits").asLong()).isEqualTo(1);
    assertThat(cache.at("/by_type/settings/misses").asLong()).isEqualTo(1);
    assertThat(cache.at("/by_type/events_by_range/hits").asLong()).isEqualTo(1);
    assertThat(cache.at("/by_type/events_by_range/misses").asLong()).isEqualTo(6);
    assertThat(cache.at("/by_type/events_by_range/hit_ratio").asDouble())
        .isEqualTo(1 / 7.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(cache.at("/evictions/invalidated").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(cache.at("/evictions/size").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(cache.at("/evictions/expired").asLong()).isPositive();
    assertThat(cache.get("entries").asLong()).isBetween(0L, 3L);
    assertThat(cache.get("max_weight_bytes").asLong()).isEqualTo(d.maxWeightBytes());
    JsonNode latency = stats.get("latency");
    assertThat(latency.at("/whats_next/hit/count").asLong()).isEqualTo(1);
    assertThat(latency.at("/whats_next/miss/count").asLong()).isEqualTo(1);
    assertThat(latency.at("/events_by_range/miss/count").asLong()).isEqualTo(6);
    assertThat(latency.at("/events_by_range/miss/p50_ms").asDouble()).isPositive();
    assertThat(latency.at("/events_by_range/hit/mean_ms").asDouble()).isPositive();
  }

  @Test
  void stats_weightOfWhatIsHeld() throws Exception {
    RunningApp app = fixture.startReady();
    app.get(YEAR);

    JsonNode cache = app.get("/api/pipeline/stats").body().get("cache");

    long body = app.getBytes(YEAR).body().length;
    assertThat(cache.get("entries").asLong()).isPositive();
    // The year's answer is held with its gzip form: more than its body, less than twice it.
    assertThat(cache.get("weight_bytes").asLong())
        .isGreaterThan(body)
        .isLessThan(2 * body + 64 * 1024);
  }

  @Test
  void status_metricsIncludeThePipelines() throws Exception {
    RunningApp app = fixture.startReady();
    app.get("/api/whats-next/data");
    app.get("/api/whats-next/data");

    JsonNode metrics = app.get("/api/status").body().get("metrics");

    assertThat(metrics.get("pipeline.cache.hits{type=whats_next}").asDouble())
        .isGreaterThanOrEqualTo(1);
    assertThat(metrics.has("pipeline.cache.misses{type=events_by_range}")).isTrue();
    assertThat(metrics.get("pipeline.cache.entries").asDouble()).isPositive();
    assertThat(metrics.get("pipeline.cache.weight_bytes").asDouble()).isPositive();
    assertThat(metrics.has("pipeline.cache.evictions{cause=expired}")).isTrue();
    assertThat(metrics.has("pipeline.cache.evictions{cause=size}")).isTrue();
    assertThat(metrics.has("pipeline.cache.evictions{cause=invalidated}")).isTrue();
    assertThat(metrics.has("pipeline.single_flight.joins")).isTrue();
  }

  @Test
  void concurrentReaders_duringRefreshes_neverSeeAVersionOlderThanTheLastRefresh()
      throws Exception {
    RunningApp app = fixture.startReady();
    AtomicInteger refreshed = new AtomicInteger(0); // the version the last finished refresh read
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong reads = new AtomicLong();
    Semaphore readsDone = new Semaphore(0);
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    Pattern shown = Pattern.compile("Review v(\\d+)");
    serve(version("Review v0"), "\"r0\"");
    app.post("/api/refresh", "");
    ExecutorService readers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        running.add(
            readers.submit(
                () -> {
                  while (!done.get()) {
                    int floor = refreshed.get();
                    String body = app.getText("/api/whats-next/data").body();
                    Matcher m = shown.matcher(body);
                    int seen = m.find() ? Integer.parseInt(m.group(1)) : -1;
                    if (seen < floor) {
                      violations.add("read v" + seen + " after the refresh to v" + floor);
                    }
                    reads.incrementAndGet();
                    readsDone.release();
                  }
                  return null;
                }));
      }
      for (int v = 1; v <= 30; v++) {
        serve(version("Review v" + v), "\"r" + v + "\"");
        assertThat(app.post("/api/refresh", "").body().at("/results/0/outcome").asText())
            .isEqualTo("UPDATED");
        refreshed.set(v);
        // Let the readers read this version (and hit the cache) before the next change.
        readsDone.drainPermits();
        assertThat(readsDone.tryAcquire(20, 30, TimeUnit.SECONDS)).isTrue();
      }
      done.set(true);
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      done.set(true);
      readers.shutdownNow();
    }

    assertThat(violations).isEmpty();
    assertThat(reads.get()).isGreaterThanOrEqualTo(30 * 20);
    assertThat(app.get("/api/pipeline/stats").body().at("/cache/by_type/whats_next/hits").asLong())
        .isPositive();
  }

  /** The fixture feed with the architecture review renamed {@code reviewTitle}. */
  private String version(String reviewTitle) {
    String feed = fixture.feed();
    assertThat(feed).contains("SUMMARY:Architecture review");
    return feed.replace("SUMMARY:Architecture review", "SUMMARY:" + reviewTitle);
  }

  private void serve(String feed, String etag) {
    fixture.feeds().path(AppFixture.FEED_PATH).body(feed).etag(etag);
  }

  private static List<String> nextSubjects(RunningApp app)
      throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    app.get("/api/whats-next/data")
        .body()
        .get("next_events")
        .forEach(e -> out.add(e.get("subject").asText()));
    return out;
  }

  private static List<String> summaries(JsonNode events) {
    List<String> out = new ArrayList<>();
    events.get("events").forEach(e -> out.add(e.get("summary").asText()));
    return out;
  }

  private static long eventsCounts(RunningApp app, String which)
      throws IOException, InterruptedException {
    return app.get("/api/pipeline/stats")
        .body()
        .at("/cache/by_type/events_by_range/" + which)
        .asLong();
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }
}
