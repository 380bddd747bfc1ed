package calendarbot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.PipelineConfig;
import calendarbot.config.RefreshConfig;
import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching the pipeline off changes no answer: three real Apps side by side on one feed server and
 * one {@link calendarbot.testing.FakeClock} — the plain path, the default pipeline (cache,
 * single-flight, warming) and the pipeline with batching — get the same random requests and actions
 * in the same order, and every answer must be byte-identical (status, content type, ETag, body).
 *
 * <p>The seed is printed in every failure; rerun one with {@code -Dpipeline.seed=<seed>}, and try
 * more with {@code -Dpipeline.steps=<n>}.
 */
class PipelineEquivalenceIT {
  private static final String NOW = "2026-11-23T07:10:00Z";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = Long.getLong("pipeline.seed", 20261123L);
  private static final int STEPS = Integer.getInteger("pipeline.steps", 2500);
  private static final Instant BASE = Instant.parse(NOW);
  private static final Duration INTERVAL = Duration.ofHours(2);
  private static final List<String> ZONES =
      List.of("Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata");

  @TempDir Path dir;
  private AppFixture fixture;
  private RunningApp off;
  private List<RunningApp> on;
  private ExecutorService burst;

  /** Everything sent so far, for the failure message. */
  private final Deque<String> log = new ArrayDeque<>();

  private java.util.Random random;
  private int step;
  private JsonNode lastEvents;
  private final List<String> recent = new ArrayList<>();
  private Instant lastSuccess = BASE;

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("api-day.ics", NOW, dir.resolve("unused"));
    // Only the test refreshes: a scheduled one would hit one App before the other. The delays run
    // on real time (two hours: never within the test), staleness on the fake clock (data older than
    // two intervals is stale, so the clock's moves make sources stale).
    RefreshConfig manual = new RefreshConfig(INTERVAL, 0, INTERVAL, INTERVAL);
    off = fixture.start(fixture.config(dir.resolve("off")).withRefresh(manual).withPipeline(off()));
    PipelineConfig d = PipelineConfig.defaults();
    // Batching with a short window, so a few thousand serial reads do not each wait 50 ms.
    PipelineConfig batching =
        new PipelineConfig(
            true,
            true,
            true,
            true,
            true,
            d.whatsNextTtl(),
            d.eventsTtl(),
            d.settingsTtl(),
            d.otherTtl(),
            d.maxEntries(),
            d.maxWeightBytes(),
            Duration.ofMillis(3),
            d.batchMaxSize());
    on =
        List.of(
            fixture.start(fixture.config(dir.resolve("on")).withRefresh(manual)),
            fixture.start(
                fixture
                    .config(dir.resolve("batching"))
                    .withRefresh(manual)
                    .withPipeline(batching)));
    off.awaitReady();
    on.forEach(RunningApp::awaitReady);
    burst = Executors.newFixedThreadPool(4);
  }

  private static PipelineConfig off() {
    return PipelineConfig.off();
  }

  @AfterEach
  void tearDown() {
    burst.shutdownNow();
    fixture.close();
  }

  @Test
  void randomRequestsAndActions_pipelineOnAndOff_answerIdentically() throws Exception {
    random = new java.util.Random(SEED);
    for (step = 0; step < STEPS; step++) {
      int r = random.nextInt(1000);
      if (r < 250) {
        compare(again(this::whatsNext));
      } else if (r < 520) {
        compare(again(this::events));
      } else if (r < 560) {
        burstOfEvents();
      } else if (r < 640) {
        compare(
            List.of(
                    "/api/settings",
                    "/api/settings/filters",
                    "/api/settings/display",
                    "/api/events/hidden")
                .get(random.nextInt(4)));
      } else if (r < 670) {
        compare(again(this::image));
      } else if (r < 720) {
        putFilters();
      } else if (r < 760) {
        putDisplay();
      } else if (r < 800) {
        hideOrUnhide();
      } else if (r < 840) {
        changeFeed();
      } else if (r < 855) {
        failFeed();
      } else {
        moveClock();
      }
    }
    // The pipeline did serve from its cache: otherwise this compared two plain paths.
    JsonNode stats = on.get(0).get("/api/pipeline/stats").body();
    assertThat(stats.at("/cache/by_type/whats_next/hits").asLong()).as("%s", stats).isPositive();
    assertThat(stats.at("/cache/by_type/events_by_range/hits").asLong())
        .as("%s", stats)
        .isPositive();
    assertThat(stats.at("/cache/by_type/settings/hits").asLong()).as("%s", stats).isPositive();
  }

  // Requests -------------------------------------------------------------------------------------

  /**
   * Half the time a request sent before (as a kiosk, a panel or an agenda view repeats theirs), so
   * the cache gets hits and the invalidations are put to the test; otherwise a new one.
   */
  private String again(java.util.function.Supplier<String> fresh) {
    if (!recent.isEmpty() && random.nextBoolean()) {
      return recent.get(random.nextInt(recent.size()));
    }
    String path = fresh.get();
    recent.add(path);
    if (recent.size() > 40) {
      recent.remove(random.nextInt(recent.size()));
    }
    return path;
  }

  private String whatsNext() {
    if (random.nextInt(3) == 0) {
      return "/api/whats-next/data";
    }
    Instant t = around(Duration.ofDays(3), Duration.ofDays(10));
    return "/api/whats-next/data?debug_time=" + timeForm(t, true);
  }

  private String events() {
    StringBuilder q = new StringBuilder("/api/events?");
    int kind = random.nextInt(20);
    Instant start =
        random.nextInt(6) == 0
            ? dstStart()
            : around(Duration.ofDays(20), Duration.ofDays(200)).truncatedTo(ChronoUnit.MINUTES);
    Duration length =
        switch (random.nextInt(4)) {
          case 0 -> Duration.ofHours(1 + random.nextInt(12));
          case 1 -> Duration.ofDays(1);
          case 2 -> Duration.ofDays(1 + random.nextInt(7));
          default -> Duration.ofDays(7 + random.nextInt(21));
        };
    Instant end = start.plus(length);
    String s = timeForm(start, false);
    String e = timeForm(end, false);
    if (kind == 0) {
      e = timeForm(start.minus(Duration.ofHours(1)), false); // end before start
    } else if (kind == 1) {
      s = "not-a-time";
    } else if (kind == 2) {
      e = "10000-01-01T00:00:00Z";
    }
    q.append("start=").append(s).append("&end=").append(e);
    switch (random.nextInt(4)) {
      case 0 -> q.append("&filtered=true");
      case 1 -> q.append("&filtered=false");
      case 2 -> {
        if (kind == 3) {
          q.append("&filtered=maybe");
        }
      }
      default -> {}
    }
    return q.toString();
  }

  private String image() {
    StringBuilder q = new StringBuilder("/api/whats-next/image.png?");
    int[][] sizes = {{400, 300}, {800, 480}, {296, 128}, {640, 384}};
    int[] size = sizes[random.nextInt(sizes.length)];
    q.append("width=").append(size[0]).append("&height=").append(size[1]);
    q.append("&palette=").append(List.of("bw", "bwr", "gray4").get(random.nextInt(3)));
    if (random.nextBoolean()) {
      q.append("&debug_time=")
          .append(timeForm(around(Duration.ofDays(1), Duration.ofDays(3)), true));
    }
    return q.toString();
  }

  /** A window start near a DST change of Berlin or New York. */
  private Instant dstStart() {
    List<String> changes =
        List.of(
            "2027-03-14T00:00:00Z",
            "2027-03-27T20:00:00Z",
            "2027-03-28T00:30:00Z",
            "2027-10-30T22:00:00Z",
            "2027-11-07T03:00:00Z");
    return Instant.parse(changes.get(random.nextInt(changes.size())))
        .minus(Duration.ofHours(random.nextInt(30)));
  }

  /** An instant with seconds, from {@code before} the clock's start to {@code after} it. */
  private Instant around(Duration before, Duration after) {
    long span = before.plus(after).toSeconds();
    return BASE.minus(before).plusSeconds((long) (random.nextDouble() * span));
  }

  /** One of the accepted forms: Z, +/- offset (encoded), local date-time, date. */
  private String timeForm(Instant t, boolean withSeconds) {
    DateTimeFormatter local =
        DateTimeFormatter.ofPattern(withSeconds ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm");
    return switch (random.nextInt(withSeconds ? 4 : 5)) {
      case 0 -> t.toString();
      case 1 -> {
        ZoneOffset o = ZoneOffset.ofHoursMinutes(random.nextInt(12) - 5, 0);
        yield enc(t.atOffset(o).format(local) + (o.getTotalSeconds() == 0 ? "+00:00" : o.getId()));
      }
      case 2 -> t.atZone(ZoneId.of("Europe/Berlin")).format(local);
      case 3 -> t.atZone(ZoneId.of("America/New_York")).format(local);
      default -> t.atZone(ZoneId.of("Europe/Berlin")).toLocalDate().toString();
    };
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // Actions --------------------------------------------------------------------------------------

  private void putFilters() throws Exception {
    List<String> bodies =
        List.of(
            "{}",
            "{\"title_patterns\": [{\"pattern\": \"planning\"}]}",
            "{\"hide_all_day\": true}",
            "{\"hide_cancelled\": false, \"private_as_busy\": false}",
            "{\"title_patterns\": [{\"pattern\": \"^Stand\", \"regex\": true}],"
                + " \"hide_all_day\": true}",
            "{\"title_patterns\": [{\"pattern\": \"(\", \"regex\": true}]}");
    action("PUT", "/api/settings/filters", bodies.get(random.nextInt(bodies.size())));
  }

  private void putDisplay() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    int z = random.nextInt(ZONES.size() + 1);
    if (z == ZONES.size()) {
      body.putNull("timezone");
    } else {
      body.put("timezone", ZONES.get(z));
    }
    body.put("later_events", random.nextInt(12) == 0 ? 99 : random.nextInt(8));
    action("PUT", "/api/settings/display", body.toString());
  }

  private void hideOrUnhide() throws Exception {
    if (random.nextInt(3) == 0) {
      JsonNode hidden = send(off, "GET", "/api/events/hidden", null).json();
      JsonNode list = hidden.get("hidden_events");
      if (list != null && !list.isEmpty()) {
        JsonNode h = list.get(random.nextInt(list.size()));
        action("POST", "/api/events/unhide", "{\"id\": \"" + h.get("instance_id").asText() + "\"}");
        return;
      }
    }
    if (lastEvents == null || !lastEvents.has("events") || lastEvents.get("events").isEmpty()) {
      compare(events());
      return;
    }
    JsonNode events = lastEvents.get("events");
    JsonNode e = events.get(random.nextInt(events.size()));
    ObjectNode body = JSON.createObjectNode();
    body.put("id", e.get("id").asText());
    body.put("scope", random.nextInt(3) == 0 ? "series" : "instance");
    body.put("source_id", e.get("sourceId").asText());
    body.put("uid", e.get("uid").asText());
    body.put("subject", e.get("summary").asText());
    action("POST", "/api/events/hide", body.toString());
  }

  private void changeFeed() throws Exception {
    int v = random.nextInt(3);
    fixture.feeds().path(AppFixture.FEED_PATH).status(200).etag("\"v" + v + "\"").body(feed(v));
    log("feed version " + v);
    refresh();
  }

  private void failFeed() throws Exception {
    // Without an ETag: the fake server would answer a matching If-None-Match with 304 first.
    fixture.feeds().path(AppFixture.FEED_PATH).status(500).etag(null);
    log("feed fails (500)");
    refresh();
  }

  private void moveClock() {
    Instant staleMark = lastSuccess.plus(INTERVAL.multipliedBy(2));
    if (random.nextInt(8) == 0 && staleMark.isAfter(fixture.clock().instant())) {
      // Just before the data turns stale: the next small moves cross the mark with answers cached.
      fixture.clock().set(staleMark.minusSeconds(random.nextInt(120)));
      log("clock near the stale mark = " + fixture.clock().instant());
      return;
    }
    Duration d =
        switch (random.nextInt(10)) {
          case 0, 1, 2, 3 -> Duration.ofSeconds(1 + random.nextInt(59));
          case 4, 5, 6, 7, 8 ->
              Duration.ofMinutes(1 + random.nextInt(30)).plusSeconds(random.nextInt(60));
          default -> Duration.ofHours(1 + random.nextInt(5)).plusMinutes(random.nextInt(60));
        };
    fixture.clock().advance(d);
    log("clock +" + d + " = " + fixture.clock().instant());
  }

  /** POST /api/refresh to every App; the results must agree but for their durations. */
  private void refresh() throws Exception {
    log("POST /api/refresh");
    JsonNode expected = withoutDurations(send(off, "POST", "/api/refresh", "").json());
    if (!expected.at("/results/0/outcome").asText().equals("FAILED")) {
      lastSuccess = fixture.clock().instant();
    }
    for (RunningApp app : on) {
      JsonNode actual = withoutDurations(send(app, "POST", "/api/refresh", "").json());
      if (!actual.equals(expected)) {
        fail("POST /api/refresh", app, expected.toString(), actual.toString());
      }
    }
  }

  private static JsonNode withoutDurations(JsonNode refresh) {
    refresh.get("results").forEach(r -> ((ObjectNode) r).remove("duration_ms"));
    return refresh;
  }

  // Comparing ------------------------------------------------------------------------------------

  private void action(String method, String path, String body) throws Exception {
    log(method + " " + path + " " + body);
    Reply expected = send(off, method, path, body);
    for (RunningApp app : on) {
      expectSame(method + " " + path, expected, send(app, method, path, body), app);
    }
  }

  private void compare(String path) throws Exception {
    log("GET " + path);
    Reply expected = send(off, "GET", path, null);
    if (path.startsWith("/api/events?") && expected.status == 200) {
      lastEvents = expected.json();
    }
    for (RunningApp app : on) {
      expectSame("GET " + path, expected, send(app, "GET", path, null), app);
    }
  }

  /** Several events reads at once to each pipelined App (batching merges them), serially to off. */
  private void burstOfEvents() throws Exception {
    List<String> paths = new ArrayList<>();
    for (int i = 0, n = 2 + random.nextInt(5); i < n; i++) {
      paths.add(again(this::events));
    }
    log("burst " + paths);
    List<Reply> expected = new ArrayList<>();
    for (String p : paths) {
      expected.add(send(off, "GET", p, null));
    }
    for (RunningApp app : on) {
      List<Future<Reply>> replies = new ArrayList<>();
      for (String p : paths) {
        replies.add(burst.submit(() -> send(app, "GET", p, null)));
      }
      for (int i = 0; i < paths.size(); i++) {
        expectSame(
            "GET " + paths.get(i) + " (in a burst)", expected.get(i), replies.get(i).get(), app);
      }
    }
  }

  private void expectSame(String what, Reply expected, Reply actual, RunningApp app) {
    if (!expected.equals(actual)) {
      fail(what, app, expected.toString(), actual.toString());
    }
  }

  private void fail(String what, RunningApp app, String expected, String actual) {
    String variant = app == on.get(0) ? "pipeline on" : "pipeline on with batching";
    throw new AssertionError(
        "seed "
            + SEED
            + ", step "
            + step
            + ": "
            + what
            + " answered differently with "
            + variant
            + "\n  off: "
            + expected
            + "\n  on:  "
            + actual
            + "\nlast steps (oldest first):\n  "
            + String.join("\n  ", log));
  }

  private void log(String line) {
    log.addLast(step + " @" + fixture.clock().instant() + " " + line);
    if (log.size() > 60) {
      log.removeFirst();
    }
  }

  private static Reply send(RunningApp app, String method, String path, String body)
      throws Exception {
    HttpResponse<byte[]> r =
        app.exchange(method, path, body, HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(
        r.statusCode(),
        r.headers().firstValue("Content-Type").orElse(""),
        r.headers().firstValue("ETag").orElse(""),
        r.body());
  }

  /** One answer as sent: what must not change with the pipeline. */
  private record Reply(int status, String contentType, String etag, byte[] body) {
    JsonNode json() throws java.io.IOException {
      return JSON.readTree(body);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Reply r
          && status == r.status
          && contentType.equals(r.contentType)
          && etag.equals(r.etag)
          && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(body);
    }

    @Override
    public String toString() {
      String text =
          contentType.startsWith("image/")
              ? body.length + " bytes of PNG"
              : new String(body, StandardCharsets.UTF_8);
      return status + " " + contentType + " " + etag + " " + text;
    }
  }

  // Feeds ----------------------------------------------------------------------------------------

  /**
   * Version 0 is {@code api-day.ics}; 1 moves and retitles Planning, adds an event far ahead and
   * one across Berlin's spring DST change; 2 cancels the review, makes the standup three days a
   * week (an unbounded series changed) and drops the 1:1.
   */
  private String feed(int version) {
    String base = fixture.feed().replace("\r\n", "\n");
    String text =
        switch (version) {
          case 0 -> base;
          case 1 ->
              replaceOnce(
                      base,
                      "DTSTART;TZID=Europe/Berlin:20261123T113000\n"
                          + "DTEND;TZID=Europe/Berlin:20261123T120000\nSUMMARY:Planning\n",
                      "DTSTART;TZID=Europe/Berlin:20261123T123000\n"
                          + "DTEND;TZID=Europe/Berlin:20261123T130000\nSUMMARY:Planning (moved)\n")
                  .replace("END:VCALENDAR", extra());
          default ->
              base.replace("LOCATION:Room 4", "LOCATION:Room 4\nSTATUS:CANCELLED")
                  .replace("BYDAY=MO,TU,WE,TH,FR", "BYDAY=MO,WE,FR")
                  .replace("SUMMARY:1:1", "SUMMARY:1:1 (gone)")
                  .replace("DTSTART:20261123T140000Z", "DTSTART:20261201T140000Z");
        };
    return text.replace("\n", "\r\n");
  }

  private static String replaceOnce(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replace(from, to);
  }

  private static String extra() {
    return String.join(
        "\n",
        "BEGIN:VEVENT",
        "UID:launch@test",
        "DTSTAMP:20261101T000000Z",
        "DTSTART:20270601T080000Z",
        "DURATION:PT2H",
        "SUMMARY:Launch",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:night@test",
        "DTSTAMP:20261101T000000Z",
        "DTSTART;TZID=Europe/Berlin:20270328T013000",
        "DTEND;TZID=Europe/Berlin:20270328T040000",
        "SUMMARY:Night shift",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:daily@test",
        "DTSTAMP:20261101T000000Z",
        "DTSTART;TZID=Europe/Berlin:20261123T133000",
        "DTEND;TZID=Europe/Berlin:20261123T140000",
        "RRULE:FREQ=DAILY;COUNT=20",
        "SUMMARY:Daily lunch walk",
        "END:VEVENT",
        "END:VCALENDAR");
  }
}
