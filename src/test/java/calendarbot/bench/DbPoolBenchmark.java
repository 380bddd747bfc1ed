package calendarbot.bench;

import calendarbot.config.ExpansionConfig;
import calendarbot.connection.ConnectionSource;
import calendarbot.connection.DatabasePoolStats;
import calendarbot.event.CalendarData;
import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import calendarbot.ics.Expander;
import calendarbot.ics.IcsParser;
import calendarbot.query.EventQuery;
import calendarbot.store.Database;
import calendarbot.store.Materialization;
import calendarbot.store.SeriesStore;
import calendarbot.testing.FeedGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The database path under concurrent readers, plain vs pooled: a 10,000-event feed (generated,
 * parsed, expanded over the default horizon, {@link SeriesStore#replace}d) is queried by 8 threads,
 * each asking {@link EventQuery} for random 7-day windows inside the materialized horizon (one
 * indexed range read per query), as {@code /api/events} does.
 *
 * <p>Not part of the build. {@code bench/db} runs it: {@code prepare <file>} builds the store once;
 * {@code run <file> <variant> <workload> <warmup s> <measure s> <threads>} (variant {@code plain}
 * or {@code pooled-<size>}; workload {@code week}: the 7-day query, or {@code row}: a one-row read
 * of the source's materialization, the cheapest store read, to isolate the per-operation connection
 * cost) prints one Markdown table row: queries/s, p50/p99 ms, mean instances per answer, VmRSS
 * before opening / under load / delta (MB), connections created vs served, and the mean cost of
 * opening one configured connection (what the plain path pays per query).
 */
public final class DbPoolBenchmark {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final LocalDate BASE = LocalDate.of(2026, 3, 1);
  static final String SOURCE = "bench";
  static final Instant NOW = BASE.atStartOfDay(ZONE).toInstant();

  private DbPoolBenchmark() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "prepare" -> prepare(Path.of(args[1]));
      case "run" ->
          run(
              Path.of(args[1]),
              args[2],
              args[3],
              Integer.parseInt(args[4]),
              Integer.parseInt(args[5]),
              Integer.parseInt(args[6]));
      default -> throw new IllegalArgumentException("prepare <file> | run <file> <variant> ...");
    }
  }

  static TimeWindow horizon() {
    ExpansionConfig d = ExpansionConfig.defaults();
    return new TimeWindow(NOW.minus(d.materializePast()), NOW.plus(d.materializeFuture()));
  }

  static void prepare(Path file) throws IOException {
    byte[] feed = new FeedGenerator(42, BASE, ZONE).generate(10_000);
    CalendarData data = new IcsParser().parse(new ByteArrayInputStream(feed), "source 'bench'");
    Expander expander = new Expander(ExpansionConfig.defaults());
    TimeWindow horizon = horizon();
    List<Instance> instances = expander.expand(SOURCE, data.series(), data.zones(), horizon, ZONE);
    Files.deleteIfExists(file);
    try (Database db = Database.open(file)) {
      new SeriesStore(db)
          .replace(SOURCE, data, new Materialization(horizon, ZONE, instances), null);
    }
    System.out.printf(
        Locale.ROOT,
        "prepared %s: %d series, %d materialized instances, %.1f MB%n",
        file,
        data.series().size(),
        instances.size(),
        Files.size(file) / 1e6);
  }

  static void run(
      Path file, String variant, String workload, int warmupS, int measureS, int threads)
      throws Exception {
    double openMs = meanOpenMs(file);
    System.gc();
    long rssBefore = rssKb();
    ConnectionSource source =
        variant.equals("plain")
            ? ConnectionSource.plain(file)
            : ConnectionSource.pooled(
                file,
                Integer.parseInt(variant.substring("pooled-".length())),
                Duration.ofSeconds(30));
    try (Database db = Database.open(source)) {
      SeriesStore store = new SeriesStore(db);
      EventQuery query =
          new EventQuery(
              store,
              new Expander(ExpansionConfig.defaults()),
              ExpansionConfig.defaults(),
              () -> List.of(SOURCE));
      Reader reader =
          workload.equals("week")
              ? w -> query.instances(w, ZONE).size()
              : w -> store.materialization(SOURCE).isPresent() ? 1 : 0;
      load(reader, threads, warmupS, null);
      long[][] latencies = new long[threads][];
      long[] answered = new long[2];
      long started = System.nanoTime();
      load(reader, threads, measureS, new Sink(latencies, answered));
      double seconds = (System.nanoTime() - started) / 1e9;
      long rssLoad = rssKb();
      DatabasePoolStats stats = db.connectionStats();
      long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %d | %.0f | %.2f | %.2f | %.0f | %.0f / %.0f / %+.1f | %d / %d | %.2f |%n",
          variant,
          workload,
          threads,
          all.length / seconds,
          percentile(all, 0.50) / 1e6,
          percentile(all, 0.99) / 1e6,
          answered[1] / (double) Math.max(1, answered[0]),
          rssBefore / 1024.0,
          rssLoad / 1024.0,
          (rssLoad - rssBefore) / 1024.0,
          stats.created(),
          stats.served(),
          openMs);
    }
  }

  /** Mean cost of opening, configuring and closing one plain connection (200 in a row). */
  private static double meanOpenMs(Path file) throws Exception {
    ConnectionSource plain = ConnectionSource.plain(file);
    for (int i = 0; i < 50; i++) {
      openAndTouchSchema(plain);
    }
    long t = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      openAndTouchSchema(plain);
    }
    return (System.nanoTime() - t) / 200 / 1e6;
  }

  /** A new connection's first statement reads and parses the schema: part of the plain cost. */
  private static void openAndTouchSchema(ConnectionSource plain) throws Exception {
    try (Connection c = plain.connection("bench: open");
        var st = c.createStatement();
        var rs = st.executeQuery("SELECT count(*) FROM settings")) {
      rs.next();
    }
  }

  private record Sink(long[][] latencies, long[] answered) {}

  /** One query; returns the number of answers (instances or rows). */
  private interface Reader {
    int read(TimeWindow window);
  }

  private static void load(Reader query, int threads, int seconds, Sink sink)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    CountDownLatch done = new CountDownLatch(threads);
    AtomicBoolean failed = new AtomicBoolean();
    TimeWindow horizon = horizon();
    long span = Duration.between(horizon.start(), horizon.end()).minusDays(7).toMinutes();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w =
          new Thread(
              () -> {
                SplittableRandom random = new SplittableRandom(id);
                long[] lat = new long[1 << 16];
                int n = 0;
                long instances = 0;
                try {
                  while (System.nanoTime() < end) {
                    Instant from = horizon.start().plus(Duration.ofMinutes(random.nextLong(span)));
                    long s = System.nanoTime();
                    int size = query.read(new TimeWindow(from, from.plus(Duration.ofDays(7))));
                    long took = System.nanoTime() - s;
                    if (n == lat.length) {
                      lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = took;
                    instances += size;
                  }
                } catch (RuntimeException e) {
                  failed.set(true);
                  e.printStackTrace();
                } finally {
                  if (sink != null) {
                    synchronized (sink) {
                      sink.latencies[id] = Arrays.copyOf(lat, n);
                      sink.answered[0] += n;
                      sink.answered[1] += instances;
                    }
                  }
                  done.countDown();
                }
              },
              "reader-" + t);
      workers.add(w);
      w.start();
    }
    done.await();
    if (failed.get()) {
      throw new IllegalStateException("a reader failed; see the stack trace above");
    }
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
