package calendarbot;

import calendarbot.config.ConfigLayers;
import calendarbot.testing.AppFixture;
import calendarbot.testing.FakeClock;
import calendarbot.testing.FakeFeedServer;
import calendarbot.testing.FeedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault-injection scenario's world: a faulty {@link App} (every optimisation on, faults
 * injectable through {@link App.Hooks}: a response cache that throws on demand and heap readings
 * set by hand) and a reference App (pipeline and connection pool off, never faulted) on their own
 * data dirs, reading the same {@link FakeFeedServer} feed at the same {@link FakeClock}. Every
 * request a kiosk sends goes to both; the faulty App's answer is classified against the reference's
 * and tallied per phase ({@link PhaseTally}).
 *
 * <p>Not thread-safe except {@link #exchange} (used by concurrent bursts).
 */
final class FaultInjection implements AutoCloseable {
  static final String FEED_PATH = "/work.ics";
  static final String TOKEN = AppFixture.ADMIN_TOKEN;

  /** The max heap the injected readings are fractions of. */
  static final long HEAP_MAX = 1_000_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(FaultInjection.class);

  final FakeFeedServer feeds;
  final FakeClock clock;
  final App faulty;
  final App reference;
  final Path faultyDb;

  /** While true, the faulty App's response cache throws on every lookup and store. */
  final AtomicBoolean cacheThrows;

  /** The faulty App's heap use after GC, out of {@link #HEAP_MAX}. */
  final AtomicLong heapUsed;

  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, PhaseTally> tallies = new LinkedHashMap<>();
  private PhaseTally current;
  private JsonNode lastGoodWhatsNext;

  private FaultInjection(
      FakeFeedServer feeds,
      FakeClock clock,
      App faulty,
      App reference,
      Path faultyDb,
      AtomicBoolean cacheThrows,
      AtomicLong heapUsed) {
    this.feeds = feeds;
    this.clock = clock;
    this.faulty = faulty;
    this.reference = reference;
    this.faultyDb = faultyDb;
    this.cacheThrows = cacheThrows;
    this.heapUsed = heapUsed;
  }

  /**
   * Starts the feed server, the reference App and the faulty App (with {@code faultySettings} on
   * top of the shared settings), each from a YAML file in {@code dir}.
   */
  static FaultInjection start(
      Path dir, String feedFixture, String now, Map<String, String> faultySettings)
      throws IOException {
    FakeFeedServer feeds = FakeFeedServer.start();
    feeds.path(FEED_PATH).body(FeedFixtures.read(feedFixture)).etag("\"v1\"");
    FakeClock clock = FakeClock.at(now);
    AtomicBoolean cacheThrows = new AtomicBoolean();
    AtomicLong heapUsed = new AtomicLong(HEAP_MAX / 10);
    App reference = null;
    try {
      reference =
          App.start(
              layers(
                  dir.resolve("reference"),
                  feeds,
                  Map.of("pipeline.enabled", "false", "connection_pool.enabled", "false")),
              clock);
      App.Hooks hooks =
          new App.Hooks(
              cache -> new FaultyResponseCache(cache, cacheThrows),
              new App.HeapReadings(heapUsed::get, () -> HEAP_MAX),
              Duration.ofMillis(50));
      App faulty = App.start(layers(dir.resolve("faulty"), feeds, faultySettings), clock, hooks);
      return new FaultInjection(
          feeds,
          clock,
          faulty,
          reference,
          dir.resolve("faulty").resolve(App.DATABASE_FILE),
          cacheThrows,
          heapUsed);
    } catch (RuntimeException | IOException e) {
      if (reference != null) {
        reference.close();
      }
      feeds.close();
      throw e;
    }
  }

  private static ConfigLayers layers(Path dataDir, FakeFeedServer feeds, Map<String, String> more)
      throws IOException {
    Files.createDirectories(dataDir);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("server.host", "127.0.0.1");
    settings.put("server.port", "0");
    // Fetches fail fast, as in AppFixture: a hung feed costs half a second, not a minute.
    settings.put("fetch.connect_timeout", "2s");
    settings.put("fetch.read_timeout", "500ms");
    settings.put("admin.token", TOKEN);
    settings.put("admin.write_limit", "100000");
    settings.putAll(more);
    StringBuilder yaml = new StringBuilder();
    settings.forEach((k, v) -> yaml.append(k).append(": \"").append(v).append("\"\n"));
    yaml.append("sources:\n")
        .append("  - id: work\n")
        .append("    name: Work\n")
        .append("    url: \"")
        .append(feeds.uri(FEED_PATH))
        .append("\"\n");
    Path file = dataDir.resolve("calendarbot.yaml");
    Files.writeString(file, yaml);
    return ConfigLayers.of(file, Map.of(), Map.of(), List.of(), AppFixture.BERLIN, dataDir);
  }

  /** Starts phase {@code name}: its tally, and the breakers' and memory's states before it. */
  PhaseTally begin(String name) throws IOException, InterruptedException {
    if (current != null) {
      current.endNanos = System.nanoTime();
    }
    current = new PhaseTally(name);
    tallies.put(name, current);
    recordStates(status());
    return current;
  }

  List<PhaseTally> tallies() {
    return List.copyOf(tallies.values());
  }

  /** Every kiosk in {@code clients} reads what's next, and the first one today's events. */
  void poll(List<String> clients) throws IOException, InterruptedException {
    for (String c : clients) {
      check("/api/whats-next/data", c);
    }
    check("/api/events?start=2026-11-23&end=2026-11-24", clients.get(0));
  }

  /**
   * Sends {@code path} to both Apps as {@code client}, classifies the faulty App's answer and
   * returns it.
   */
  Reply check(String path, String client) throws IOException, InterruptedException {
    Reply f = exchange(faulty, "GET", path, null, client);
    Reply r = exchange(reference, "GET", path, null, client);
    classify(path, client, f, r);
    return f;
  }

  /** Classifies {@code f} (the faulty App's answer) against {@code r} (the reference's). */
  void classify(String path, String client, Reply f, Reply r) {
    current.requests++;
    boolean whatsNext = path.startsWith("/api/whats-next/");
    if (f.status() == 503 && f.header("Retry-After").isPresent()) {
      current.rejected++;
      return;
    }
    if (f.status() == 200 && f.json().path("stale").asBoolean(false)) {
      ObjectNode content = f.json().deepCopy();
      content.remove("stale");
      content.remove("emergency");
      JsonNode age = f.json().path("emergency").path("age_seconds");
      if (whatsNext && age.isIntegralNumber() && content.equals(lastGoodWhatsNext)) {
        current.stale++;
      } else {
        wrong(
            path,
            client,
            "an emergency answer that is not the last good one, differing in "
                + differences(content, lastGoodWhatsNext));
      }
      return;
    }
    if (f.status() == 200
        && r.status() == 200
        && f.json() != null
        && comparable(f.json()).equals(comparable(r.json()))) {
      current.correct++;
      if (whatsNext) {
        lastGoodWhatsNext = f.json();
      }
      return;
    }
    wrong(
        path,
        client,
        "faulty "
            + f.status()
            + " vs reference "
            + r.status()
            + ", differing in "
            + (f.status() == r.status()
                ? differences(comparable(f.json()), comparable(r.json()))
                : abbreviate(f.body())));
  }

  private void wrong(String path, String client, String what) {
    current.wrong++;
    if (current.wrongs.size() < 5) {
      current.wrongs.add(path + " as " + client + ": " + what);
    }
  }

  /**
   * An answer without the fields that legitimately differ between the faulty App and the reference:
   * those of {@code status_info} that report the health of the source's refreshes. Only the faulty
   * App is asked to refresh while its feed or its database is broken, so only it knows that they
   * fail: its source entry says {@code state} FAILED, {@code stale} true (a source whose last
   * refresh failed counts as stale), {@code last_success} (given only while failing), {@code
   * last_error}, {@code last_error_reason}, {@code consecutive_failures}, and {@code stale_sources}
   * lists it. That is the honest report of the fault, not wrong data. Everything else must be
   * equal: the events and their times, current_time, the day, the zone, display, data_ready,
   * loading_sources, the source's id, name, url and event count.
   */
  static JsonNode comparable(JsonNode answer) {
    JsonNode copy = answer.deepCopy();
    JsonNode info = copy.path("status_info");
    if (info instanceof ObjectNode o) {
      o.remove("stale_sources");
    }
    for (JsonNode s : info.path("sources")) {
      ((ObjectNode) s)
          .remove(
              List.of(
                  "state",
                  "stale",
                  "last_success",
                  "last_error",
                  "last_error_reason",
                  "consecutive_failures"));
    }
    return copy;
  }

  /** The top-level fields in which two answers differ, for a readable report. */
  static String differences(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return "not JSON";
    }
    List<String> fields = new ArrayList<>();
    a.fieldNames().forEachRemaining(fields::add);
    b.fieldNames()
        .forEachRemaining(
            n -> {
              if (!fields.contains(n)) {
                fields.add(n);
              }
            });
    return fields.stream()
        .filter(n -> !a.path(n).equals(b.path(n)))
        .map(
            n ->
                n
                    + ": "
                    + abbreviate(a.path(n).toString())
                    + " vs "
                    + abbreviate(b.path(n).toString()))
        .toList()
        .toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }

  /** The state of breaker {@code name} in the faulty App's {@code /api/status}; recorded. */
  String breaker(String name) throws IOException, InterruptedException {
    JsonNode status = status();
    recordStates(status);
    for (JsonNode b : status.path("resilience").path("breakers")) {
      if (b.path("name").asText().equals(name)) {
        return b.path("state").asText();
      }
    }
    throw new AssertionError("no breaker '" + name + "' in " + status.path("resilience"));
  }

  /** The memory level in the faulty App's {@code /api/status}; recorded. */
  String memoryLevel() throws IOException, InterruptedException {
    JsonNode status = status();
    recordStates(status);
    return status.path("resilience").path("memory").path("level").asText();
  }

  JsonNode status() throws IOException, InterruptedException {
    Reply s = exchange(faulty, "GET", "/api/status", null, "operator");
    if (s.status() != 200) {
      throw new AssertionError("/api/status answered " + s.status() + " " + s.body());
    }
    return s.json();
  }

  private void recordStates(JsonNode status) {
    for (JsonNode b : status.path("resilience").path("breakers")) {
      current.sawState(b.path("name").asText(), b.path("state").asText());
    }
    current.sawState("memory", status.path("resilience").path("memory").path("level").asText());
  }

  /** {@code POST /api/refresh} on the faulty App. */
  Reply refresh() throws IOException, InterruptedException {
    Reply r = exchange(faulty, "POST", "/api/refresh", null, "operator");
    LOG.info("fault injection: POST /api/refresh -> {} {}", r.status(), r.body());
    return r;
  }

  /** Cache lookups (hits + misses) of one request type in the faulty App's pipeline stats. */
  long cacheLookups(String type) throws IOException, InterruptedException {
    JsonNode t =
        exchange(faulty, "GET", "/api/pipeline/stats", null, "operator")
            .json()
            .path("cache")
            .path("by_type")
            .path(type);
    return t.path("hits").asLong() + t.path("misses").asLong();
  }

  /** One answer: status, headers, body text and its JSON (null when it is not JSON). */
  record Reply(int status, HttpResponse<String> response, String body, JsonNode json) {
    Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }
  }

  /** Sends one request with {@code X-Client-Id: client} and the admin token. Thread-safe. */
  Reply exchange(App app, String method, String path, String body, String client)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .header("X-Client-Id", client)
            .header("Authorization", "Bearer " + TOKEN)
            .timeout(Duration.ofSeconds(60));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    if (r.headers().firstValue("Content-Type").orElse("").contains("json")) {
      json = JSON.readTree(r.body());
    }
    return new Reply(r.statusCode(), r, r.body(), json);
  }

  /** The phases as a markdown table. */
  String report() {
    if (current != null && current.endNanos == 0) {
      current.endNanos = System.nanoTime();
    }
    StringBuilder b = new StringBuilder();
    b.append("| phase | wall s | requests | correct | stale-emergency | 503 | wrong |")
        .append(" breaker states observed | recovery |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (PhaseTally t : tallies.values()) {
      b.append("| ")
          .append(t.name)
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", (t.endNanos - t.startNanos) / 1e9))
          .append(" | ")
          .append(t.requests)
          .append(" | ")
          .append(t.correct)
          .append(" | ")
          .append(t.stale)
          .append(" | ")
          .append(t.rejected)
          .append(" | ")
          .append(t.wrong)
          .append(" | ")
          .append(t.statesText())
          .append(" | ")
          .append(t.recovery)
          .append(" |\n");
    }
    for (PhaseTally t : tallies.values()) {
      for (String w : t.wrongs) {
        b.append("\nWRONG in ").append(t.name).append(": ").append(w);
      }
    }
    return b.toString();
  }

  void writeReport(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, report() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      faulty.close();
    } finally {
      try {
        reference.close();
      } finally {
        feeds.close();
      }
    }
  }
}
