package calendarbot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load for the request pipeline benchmark ({@code bench/pipeline}, issue 5) against a running
 * server on loopback. Four modes, each printing {@code key=value} lines the script turns into
 * tables:
 *
 * <ul>
 *   <li>{@code mix}: the kiosk mix, open loop on a fixed schedule. KIOSKS virtual kiosks poll
 *       {@code GET /api/whats-next/data} every KIOSK_PERIOD_MS, phases spread evenly, each sending
 *       the ETag it last got as {@code If-None-Match} (as the kiosk page's browser does); REPEAT
 *       readers ask {@code /api/events} for the 7 days from today, VARIED readers for a 7-day
 *       window starting on a random day in [today-30, today+30] (seeded), each every
 *       READER_PERIOD_MS; one probe asks {@code /static/index.html} (served from memory, no
 *       pipeline) every 200 ms as the floor of what the HTTP stack and this client cost. Every
 *       request says {@code Accept-Encoding: gzip}, as browsers do. WARMUP s unrecorded, then
 *       SECONDS recorded. Per endpoint: requests, errors, 304s, p50/p90/p99/max latency from the
 *       moment the request was sent to the last body byte, and p99 from the moment it was due (a
 *       late sender shows there); server CPU (utime+stime of PID) over the recorded part; hits and
 *       misses from {@code GET /api/pipeline/stats} over the recorded part.
 *   <li>{@code latency}: one client, one request at a time 2 ms apart: ROUNDS rounds of what's-next
 *       (200), what's-next with its ETag (304), the repeated 7-day window and the static probe; the
 *       first tenth unrecorded. The hit latency with nothing else running.
 *   <li>{@code batch}: CLIENTS closed-loop clients for SECONDS, each request a 7-day window never
 *       asked before (start moves 7 minutes per request, so concurrent requests overlap): all
 *       misses, the case batching is for. Throughput, latency, server CPU per request.
 *   <li>{@code fill}: COUNT sequential 7-day windows, each distinct (start moves one hour per
 *       request), then the cache's entries and weight: fills the cache to its weight bound.
 * </ul>
 *
 * <pre>
 * java -cp ... calendarbot.bench.PipelineLoad mix|latency|batch|fill BASE_URL PID [key=value ...]
 *   keys: seconds=60 warmup=10 kiosks=50 kiosk_period_ms=1000 repeat=2 varied=2
 *         reader_period_ms=1000 rounds=2000 clients=8 count=40 zone=Europe/Berlin clk_tck=100
 *         seed=7
 * </pre>
 *
 * Bounded: every request times out after 10 s; a phase waits at most 30 s for answers after its
 * last send.
 */
public final class PipelineLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String base;
  private final long pid;
  private final Map<String, String> opts;
  private final HttpClient client;
  private final ExecutorService pool;
  private final ZoneId zone;

  private PipelineLoad(String base, long pid, Map<String, String> opts) {
    this.base = base;
    this.pid = pid;
    this.opts = opts;
    this.zone = ZoneId.of(opts.getOrDefault("zone", "Europe/Berlin"));
    this.pool = Executors.newFixedThreadPool(4);
    this.client =
        HttpClient.newBuilder()
            .executor(pool)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 3; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      opts.put(kv[0], kv[1]);
    }
    PipelineLoad load = new PipelineLoad(args[1], Long.parseLong(args[2]), opts);
    try {
      switch (args[0]) {
        case "mix" -> load.mix();
        case "batch" -> load.batch();
        case "fill" -> load.fill();
        case "latency" -> load.latency();
        default -> throw new IllegalArgumentException("mode must be mix, batch or fill");
      }
    } finally {
      load.pool.shutdownNow();
    }
    System.exit(0);
  }

  private int opt(String key, int dflt) {
    return Integer.parseInt(opts.getOrDefault(key, Integer.toString(dflt)));
  }

  // ---- mix

  /** One request kind of the mix; its URI may vary per request. */
  private record Client(String endpoint, java.util.function.Supplier<URI> uri, boolean etag) {}

  private void mix() throws Exception {
    int seconds = opt("seconds", 60);
    int warmup = opt("warmup", 10);
    int kiosks = opt("kiosks", 50);
    int kioskPeriod = opt("kiosk_period_ms", 1000);
    int readerPeriod = opt("reader_period_ms", 1000);
    Random random = new Random(opt("seed", 7));
    LocalDate today = LocalDate.now(zone);

    List<Client> clients = new ArrayList<>();
    List<Integer> periods = new ArrayList<>();
    URI whatsNext = URI.create(base + "/api/whats-next/data");
    for (int i = 0; i < kiosks; i++) {
      clients.add(new Client("whats_next", () -> whatsNext, true));
      periods.add(kioskPeriod);
    }
    URI repeat = events(today, today.plusDays(7));
    for (int i = 0; i < opt("repeat", 2); i++) {
      clients.add(new Client("events_repeat", () -> repeat, false));
      periods.add(readerPeriod);
    }
    for (int i = 0; i < opt("varied", 2); i++) {
      clients.add(
          new Client(
              "events_varied",
              () -> {
                LocalDate d = today.plusDays(random.nextInt(61) - 30);
                return events(d, d.plusDays(7));
              },
              false));
      periods.add(readerPeriod);
    }
    clients.add(new Client("floor", () -> URI.create(base + "/static/index.html"), false));
    periods.add(200);

    schedule(clients, periods, warmup, null);
    JsonNode before = stats();
    double cpu0 = cpuSeconds();
    long t0 = System.nanoTime();
    Map<String, Latencies> recorders = new LinkedHashMap<>();
    for (Client c : clients) {
      recorders.computeIfAbsent(c.endpoint, e -> new Latencies());
    }
    schedule(clients, periods, seconds, recorders);
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = cpuSeconds() - cpu0;
    JsonNode after = stats();

    long total = 0;
    long errors = 0;
    for (var e : recorders.entrySet()) {
      System.out.println("endpoint=" + e.getKey() + " " + e.getValue().summary());
      if (!e.getKey().equals("floor")) {
        total += e.getValue().count();
        errors += e.getValue().errors();
      }
    }
    // Per CPU-second and per request count answered requests only: an overloaded server's
    // timeouts are not work it did.
    long answered = total - errors;
    StringBuilder s = new StringBuilder("totals");
    s.append(" requests=").append(total).append(" errors=").append(errors);
    s.append(fmt(" wall_s=%.1f", wall)).append(fmt(" rps=%.1f", total / wall));
    s.append(fmt(" cpu_s=%.2f", cpu)).append(fmt(" req_per_cpu_s=%.0f", answered / cpu));
    s.append(fmt(" cpu_ms_per_req=%.3f", cpu * 1000 / answered));
    for (String type : List.of("whats_next", "events_by_range")) {
      long hits = counter(after, type, "hits") - counter(before, type, "hits");
      long misses = counter(after, type, "misses") - counter(before, type, "misses");
      s.append(' ').append(type).append("_hits=").append(hits);
      s.append(' ').append(type).append("_misses=").append(misses);
      s.append(' ')
          .append(type)
          .append(fmt("_hit_ratio=%.4f", hits + misses == 0 ? 0 : (double) hits / (hits + misses)));
    }
    for (String type : List.of("whats_next", "events_by_range")) {
      JsonNode hit = after.path("latency").path(type).path("hit");
      s.append(' ')
          .append(type)
          .append(fmt("_server_hit_p50_ms=%.3f", hit.path("p50_ms").asDouble()));
      s.append(' ')
          .append(type)
          .append(fmt("_server_hit_p99_ms=%.3f", hit.path("p99_ms").asDouble()));
    }
    s.append(" weight_bytes=").append(after.path("cache").path("weight_bytes").asLong());
    s.append(" entries=").append(after.path("cache").path("entries").asLong());
    s.append(" single_flight_joins=").append(after.path("single_flight_joins").asLong());
    System.out.println(s);
  }

  /**
   * Sends each client's requests every period (client i of a kind starts at i/n of its period) for
   * {@code seconds}; records into {@code recorders} when given. Returns once every answer is in or
   * 30 s after the last send.
   */
  private void schedule(
      List<Client> clients, List<Integer> periods, int seconds, Map<String, Latencies> recorders)
      throws InterruptedException {
    record Due(long at, int client) {}
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    Map<String, Integer> ofKind = new HashMap<>();
    Map<String, Integer> indexInKind = new HashMap<>();
    for (Client c : clients) {
      ofKind.merge(c.endpoint, 1, Integer::sum);
    }
    List<Due> dues = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      Client c = clients.get(i);
      int k = indexInKind.merge(c.endpoint, 1, Integer::sum) - 1;
      long period = TimeUnit.MILLISECONDS.toNanos(periods.get(i));
      for (long t = start + period * k / ofKind.get(c.endpoint); t < end; t += period) {
        dues.add(new Due(t, i));
      }
    }
    dues.sort((a, b) -> Long.compare(a.at, b.at));
    List<AtomicReference<String>> etags = new ArrayList<>();
    clients.forEach(c -> etags.add(new AtomicReference<>()));
    List<CompletableFuture<?>> pending = new ArrayList<>(dues.size());
    for (Due d : dues) {
      long wait = d.at - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      Client c = clients.get(d.client);
      AtomicReference<String> etag = etags.get(d.client);
      HttpRequest.Builder b =
          HttpRequest.newBuilder(c.uri.get()).timeout(TIMEOUT).header("Accept-Encoding", "gzip");
      if (c.etag && etag.get() != null) {
        b.header("If-None-Match", etag.get());
      }
      long sent = System.nanoTime();
      pending.add(
          client
              .sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
              .handle(
                  (r, e) -> {
                    long now = System.nanoTime();
                    boolean ok = e == null && (r.statusCode() == 200 || r.statusCode() == 304);
                    if (ok && c.etag) {
                      r.headers().firstValue("ETag").ifPresent(etag::set);
                    }
                    if (recorders != null) {
                      recorders
                          .get(c.endpoint)
                          .record(ok, ok && r.statusCode() == 304, now - sent, now - d.at);
                    }
                    if (!ok) {
                      System.err.println(
                          "PipelineLoad: " + c.endpoint + " " + (e != null ? e : r.statusCode()));
                    }
                    return null;
                  }));
    }
    awaitAll(pending);
  }

  // ---- latency

  /**
   * One client, one request at a time with a 2 ms pause between them (the server is otherwise
   * idle): ROUNDS rounds of what's-next (200), what's-next with its ETag (304), the repeated 7-day
   * window and the static probe, in turn; the first tenth of the rounds is not recorded.
   */
  private void latency() throws Exception {
    int rounds = opt("rounds", 2000);
    LocalDate today = LocalDate.now(zone);
    URI whatsNext = URI.create(base + "/api/whats-next/data");
    Map<String, Latencies> recorders = new LinkedHashMap<>();
    for (String e : List.of("whats_next", "whats_next_304", "events_repeat", "floor")) {
      recorders.put(e, new Latencies());
    }
    String etag = null;
    for (int i = 0; i < rounds; i++) {
      boolean record = i >= rounds / 10;
      for (String e : recorders.keySet()) {
        HttpRequest.Builder b =
            HttpRequest.newBuilder(
                    switch (e) {
                      case "events_repeat" -> events(today, today.plusDays(7));
                      case "floor" -> URI.create(base + "/static/index.html");
                      default -> whatsNext;
                    })
                .timeout(TIMEOUT)
                .header("Accept-Encoding", "gzip");
        if (e.equals("whats_next_304") && etag != null) {
          b.header("If-None-Match", etag);
        }
        long sent = System.nanoTime();
        HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
        long took = System.nanoTime() - sent;
        boolean ok = r.statusCode() == 200 || r.statusCode() == 304;
        if (e.equals("whats_next")) {
          etag = r.headers().firstValue("ETag").orElse(null);
        }
        if (record) {
          recorders.get(e).record(ok, r.statusCode() == 304, took, took);
        }
        TimeUnit.MILLISECONDS.sleep(2);
      }
    }
    for (var e : recorders.entrySet()) {
      System.out.println("endpoint=" + e.getKey() + " " + e.getValue().summary());
    }
  }

  // ---- batch

  private void batch() throws Exception {
    int seconds = opt("seconds", 20);
    int clients = opt("clients", 8);
    Instant origin = LocalDate.now(zone).atStartOfDay(zone).toInstant();
    AtomicLong next = new AtomicLong();
    Latencies recorder = new Latencies();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    double cpu0 = cpuSeconds();
    long t0 = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  // Distinct, never asked before, and close to the concurrent ones: all misses.
                  Instant s = origin.plus(Duration.ofMinutes(7 * next.getAndIncrement()));
                  URI uri =
                      URI.create(
                          base
                              + "/api/events?start="
                              + s
                              + "&end="
                              + s.plus(7 * 1440, java.time.temporal.ChronoUnit.MINUTES));
                  HttpRequest r =
                      HttpRequest.newBuilder(uri)
                          .timeout(TIMEOUT)
                          .header("Accept-Encoding", "gzip")
                          .build();
                  long sent = System.nanoTime();
                  boolean ok;
                  try {
                    ok = client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                  } catch (IOException e) {
                    ok = false;
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  long now = System.nanoTime();
                  recorder.record(ok, false, now - sent, now - sent);
                }
              },
              "batch-client-" + i);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(seconds + 30));
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = cpuSeconds() - cpu0;
    long n = recorder.count();
    System.out.println(
        "batch "
            + recorder.summary()
            + fmt(" rps=%.1f", n / wall)
            + fmt(" cpu_s=%.2f", cpu)
            + fmt(" cpu_ms_per_req=%.2f", cpu * 1000 / n));
  }

  // ---- fill

  private void fill() throws Exception {
    int count = opt("count", 40);
    Instant origin = LocalDate.now(zone).atStartOfDay(zone).toInstant();
    StringBuilder weights = new StringBuilder();
    long max = 0;
    for (int i = 0; i < count; i++) {
      Instant s = origin.plus(Duration.ofHours(i + 1));
      URI uri = URI.create(base + "/api/events?start=" + s + "&end=" + s.plus(Duration.ofDays(7)));
      HttpRequest r =
          HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept-Encoding", "gzip").build();
      int status = client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        System.err.println("PipelineLoad: fill " + uri + " answered " + status);
      }
      JsonNode cache = stats().path("cache");
      max = cache.path("max_weight_bytes").asLong();
      weights.append(weights.length() == 0 ? "" : ",").append(cache.path("weight_bytes").asLong());
    }
    JsonNode cache = stats().path("cache");
    System.out.println(
        "fill requests="
            + count
            + " entries="
            + cache.path("entries").asLong()
            + " weight_bytes="
            + cache.path("weight_bytes").asLong()
            + " max_weight_bytes="
            + max
            + " size_evictions="
            + cache.path("evictions").path("size").asLong()
            + " weights="
            + weights);
  }

  // ---- helpers

  private URI events(LocalDate from, LocalDate to) {
    return URI.create(base + "/api/events?start=" + from + "&end=" + to);
  }

  /**
   * The pipeline's stats, or an empty node when the server does not answer within 60 s: an
   * overloaded server (the plain path at kiosk rates) must not end the run; its counters then show
   * as zero.
   */
  private JsonNode stats() throws InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(base + "/api/pipeline/stats"))
            .timeout(Duration.ofSeconds(60))
            .build();
    try {
      return JSON.readTree(client.send(r, HttpResponse.BodyHandlers.ofString()).body());
    } catch (IOException e) {
      System.err.println("PipelineLoad: no pipeline stats: " + e);
      return JSON.createObjectNode();
    }
  }

  private static long counter(JsonNode stats, String type, String which) {
    return stats.path("cache").path("by_type").path(type).path(which).asLong();
  }

  /** utime + stime of the server, in seconds ({@code proc(5)}: fields 14 and 15). */
  private double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // The command name (field 2) may hold spaces; fields after it start at field 3.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) opt("clk_tck", 100);
  }

  private static void awaitAll(List<CompletableFuture<?>> pending) {
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("PipelineLoad: answers still outstanding after 30 s: " + e);
    }
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
