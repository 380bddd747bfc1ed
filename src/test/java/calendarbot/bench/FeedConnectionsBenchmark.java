package calendarbot.bench;

import calendarbot.config.ConnectionConfig;
import calendarbot.config.FetchConfig;
import calendarbot.config.SourceConfig;
import calendarbot.connection.FeedConnectionStats;
import calendarbot.source.BodyReader;
import calendarbot.source.FeedFetcher;
import calendarbot.source.FetchResult;
import calendarbot.source.Validators;
import calendarbot.testing.FakeFeedServer;
import calendarbot.testing.LoopbackProxy;
import calendarbot.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Pooled vs plain feed connections in one run, over loopback HTTPS (a self-signed certificate made
 * here, trusted through {@code tls.trust_store}), through a {@link LoopbackProxy} that adds a
 * simulated round trip: half of it to every chunk each way, and one more round trip before a new
 * connection's first byte (the TCP handshake). Two cases: an unchanged feed (the server answers 304
 * to the conditional GET) and a changed 1 MiB feed (200, body read to the end and discarded).
 * Pooled and plain fetches alternate, so drift hits both alike.
 *
 * <pre>
 * java -cp ... calendarbot.bench.FeedConnectionsBenchmark [ITERATIONS=60] [WARMUP=10] [RTT_MS=50]
 * </pre>
 *
 * Prints a markdown table (median, p90, mean per fetch in ms; connections opened) for the given
 * round trip and for 0 ms (the proxy relays without delay): the latter is the handshake's CPU.
 */
public final class FeedConnectionsBenchmark {
  private FeedConnectionsBenchmark() {}

  static final BodyReader<Long> DRAIN =
      in -> {
        byte[] buf = new byte[65536];
        long n = 0;
        for (int r; (r = in.read(buf)) >= 0; ) {
          n += r;
        }
        return n;
      };

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rttMs = args.length > 2 ? Integer.parseInt(args[2]) : 50;

    Path dir = Files.createTempDirectory("calendarbot-http-bench");
    TestCertificates cert = TestCertificates.loopback();
    Path trust = cert.writeTrustStore(dir.resolve("trust.p12"));
    byte[] big = feed(1024 * 1024);
    System.out.printf(
        Locale.ROOT,
        "java %s, %s %s, %d CPUs; %d iterations after %d warm-up; 1 MiB feed = %d bytes%n%n",
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        iterations,
        warmup,
        big.length);
    System.out.println(
        "| case | RTT | path | median ms | p90 ms | mean ms | connections opened |"
            + " plain/pooled median |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    try (FakeFeedServer server = FakeFeedServer.startHttps(cert.serverContext())) {
      server.path("/same.ics").body(big).etag("\"v1\"");
      server.path("/changed.ics").body(big).etag("\"v2\"");
      for (int rtt : new int[] {rttMs, 0}) {
        try (LoopbackProxy proxy =
            LoopbackProxy.start(
                server.port(), Duration.ofMillis(rtt / 2), Duration.ofMillis(rtt))) {
          run("unchanged (304)", rtt, proxy, server, "/same.ics", trust, iterations, warmup);
          run("changed 1 MiB", rtt, proxy, server, "/changed.ics", trust, iterations, warmup);
        }
      }
    }
  }

  private static void run(
      String name,
      int rtt,
      LoopbackProxy proxy,
      FakeFeedServer server,
      String path,
      Path trust,
      int iterations,
      int warmup)
      throws Exception {
    FetchConfig fetch =
        new FetchConfig(Duration.ofSeconds(10), Duration.ofSeconds(30), 5, 20L * 1024 * 1024);
    SourceConfig source =
        new SourceConfig("bench", null, proxy.uri(server.uri(path)), null, null, null);
    Validators previous = new Validators("\"v1\"", null);
    try (FeedFetcher pooled = FeedFetcher.create(fetch, config(true, trust));
        FeedFetcher plain = FeedFetcher.create(fetch, config(false, trust))) {
      long[] pooledNanos = new long[iterations];
      long[] plainNanos = new long[iterations];
      for (int i = -warmup; i < iterations; i++) {
        long a = time(pooled, source, previous);
        long b = time(plain, source, previous);
        if (i >= 0) {
          pooledNanos[i] = a;
          plainNanos[i] = b;
        }
      }
      double ratio = percentile(plainNanos, 50) / percentile(pooledNanos, 50);
      row(name, rtt, "pooled", pooledNanos, pooled.connectionStats(), "");
      row(name, rtt, "plain", plainNanos, plain.connectionStats(), fmt(ratio) + "\u00d7");
    }
  }

  private static long time(FeedFetcher fetcher, SourceConfig source, Validators previous) {
    long start = System.nanoTime();
    FetchResult<Long> r = fetcher.fetch(source, previous, DRAIN);
    long took = System.nanoTime() - start;
    if (r instanceof FetchResult.Fetched<Long> f && f.value() < 1024 * 1024) {
      throw new IllegalStateException("short body: " + f.value());
    }
    return took;
  }

  private static void row(
      String name, int rtt, String path, long[] nanos, FeedConnectionStats s, String ratio) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %d ms | %s | %s | %s | %s | %d for %d requests | %s |%n",
        name,
        rtt,
        path,
        fmt(percentile(nanos, 50)),
        fmt(percentile(nanos, 90)),
        fmt(Arrays.stream(nanos).average().orElse(0) / 1e6),
        s.connectionsCreated(),
        s.requests(),
        ratio);
  }

  /** The p-th percentile in ms (nearest rank). */
  static double percentile(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static ConnectionConfig config(boolean pooled, Path trust) {
    ConnectionConfig d = ConnectionConfig.defaults();
    return new ConnectionConfig(
        pooled,
        d.httpMaxTotal(),
        d.httpMaxPerHost(),
        d.httpConnectionTtl(),
        d.httpIdleTimeout(),
        d.httpValidateAfterInactivity(),
        d.httpLeaseTimeout(),
        d.dnsCacheTtl(),
        d.dbPoolSize(),
        d.dbLeakDetection(),
        trust,
        TestCertificates.PASSWORD);
  }

  /** An iCalendar body of {@code size} bytes: one VEVENT repeated. */
  static byte[] feed(int size) {
    StringBuilder b =
        new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
    int i = 0;
    while (b.length() < size) {
      b.append("BEGIN:VEVENT\r\nUID:")
          .append(i++)
          .append("@bench\r\nDTSTART:20260302T090000Z\r\nSUMMARY:Bench\r\nEND:VEVENT\r\n");
    }
    b.append("END:VCALENDAR\r\n");
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
