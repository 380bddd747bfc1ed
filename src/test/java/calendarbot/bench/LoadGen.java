package calendarbot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load generator for {@code GET /api/events}: sends requests at a fixed rate whatever the
 * answers do, and measures each latency from the moment the request was <em>due</em> (so a stalled
 * server shows up in the percentiles instead of slowing the sender: no coordinated omission).
 * Optionally runs {@code POST /api/refresh} back to back for the whole measurement, so the feed is
 * re-read, re-parsed and re-stored under the load.
 *
 * <pre>
 * java -cp ... calendarbot.bench.LoadGen http://127.0.0.1:PORT [RATE=50] [SECONDS=60]
 *     [WARMUP_SECONDS=5] [refresh|norefresh] [WINDOW_DAYS=7] [ZONE=Europe/Berlin]
 * </pre>
 *
 * Prints one line of {@code key=value} pairs: requests, errors, p50/p95/p99/max in ms, and with
 * {@code refresh} the number of refreshes completed and their mean duration. Bounded: stops after
 * WARMUP_SECONDS + SECONDS plus at most 30 s for outstanding answers.
 */
public final class LoadGen {
  private LoadGen() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    boolean refresh = args.length > 4 && args[4].equals("refresh");
    int windowDays = args.length > 5 ? Integer.parseInt(args[5]) : 7;
    ZoneId zone = ZoneId.of(args.length > 6 ? args[6] : "Europe/Berlin");

    LocalDate today = LocalDate.now(zone);
    URI events =
        URI.create(base + "/api/events?start=" + today + "&end=" + today.plusDays(windowDays));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    HttpClient client =
        HttpClient.newBuilder()
            .executor(pool)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest get = HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(10)).GET().build();

    // Warm-up at the same rate, not recorded.
    run(client, get, rate, warmup, null);

    AtomicInteger refreshes = new AtomicInteger();
    AtomicInteger updated = new AtomicInteger();
    List<Long> refreshMillis = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Thread refresher = null;
    if (refresh) {
      HttpRequest post =
          HttpRequest.newBuilder(URI.create(base + "/api/refresh"))
              .timeout(Duration.ofSeconds(60))
              // A control-surface write: bench/core hands the server and this tool one token.
              .header(
                  "Authorization",
                  "Bearer " + System.getenv().getOrDefault("CALENDARBOT_ADMIN_TOKEN", ""))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      refresher =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  try {
                    HttpResponse<String> r =
                        client.send(post, HttpResponse.BodyHandlers.ofString());
                    refreshes.incrementAndGet();
                    if (r.body().contains("\"UPDATED\"")) {
                      updated.incrementAndGet();
                    }
                    synchronized (refreshMillis) {
                      refreshMillis.add((System.nanoTime() - t0) / 1_000_000);
                    }
                  } catch (Exception e) {
                    System.err.println("LoadGen: refresh failed: " + e);
                    return;
                  }
                }
              },
              "refresher");
      refresher.setDaemon(true);
      refresher.start();
    }
    Latencies latencies = new Latencies();
    run(client, get, rate, seconds, latencies);
    if (refresher != null) {
      refresher.join(60_000);
    }
    StringBuilder line = new StringBuilder(latencies.dueSummary());
    if (refresh) {
      double mean = refreshMillis.stream().mapToLong(Long::longValue).average().orElse(-1);
      line.append(" refreshes=").append(refreshes.get());
      line.append(" refreshes_updated=").append(updated.get());
      line.append(String.format(Locale.ROOT, " refresh_mean_ms=%.0f", mean));
    }
    System.out.println(line);
    pool.shutdownNow();
    System.exit(0);
  }

  /**
   * Sends {@code rate × seconds} requests on a fixed schedule; records each answer (latency from
   * its due time; anything but a 200 is an error) when {@code out} is given.
   */
  private static void run(HttpClient client, HttpRequest get, int rate, int seconds, Latencies out)
      throws InterruptedException {
    int total = rate * seconds;
    long period = 1_000_000_000L / rate;
    long start = System.nanoTime();
    List<CompletableFuture<?>> pending = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      long due = start + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      long sent = System.nanoTime();
      pending.add(
          client
              .sendAsync(get, HttpResponse.BodyHandlers.discarding())
              .handle(
                  (r, e) -> {
                    long now = System.nanoTime();
                    boolean ok = e == null && r.statusCode() == 200;
                    if (out != null) {
                      out.record(ok, false, now - sent, now - due);
                      if (!ok) {
                        System.err.println(
                            "LoadGen: error " + (e != null ? e : "HTTP " + r.statusCode()));
                      }
                    }
                    return null;
                  }));
    }
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Unanswered requests are not recorded: count them as errors.
      System.err.println("LoadGen: answers still outstanding after 30 s: " + e);
      if (out != null) {
        for (CompletableFuture<?> f : pending) {
          if (!f.isDone()) {
            out.record(false, false, 0, 0);
          }
        }
      }
    }
  }
}
