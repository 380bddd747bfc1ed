package calendarbot.bench;

import calendarbot.config.ExpansionConfig;
import calendarbot.event.CalendarData;
import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import calendarbot.ics.Expander;
import calendarbot.ics.IcsParser;
import calendarbot.store.Database;
import calendarbot.store.Materialization;
import calendarbot.store.SeriesStore;
import calendarbot.testing.FeedGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The refresh path after the download, as {@code RefreshService} runs it: parse the generated
 * 10,000-VEVENT feed, expand the materialization horizon (now − 14 d … now + 90 d, the defaults)
 * and {@link SeriesStore#replace} series, zones and instances in one transaction, into a real
 * SQLite file (WAL) in a temporary directory. {@code store10k} measures the replace alone (parsed
 * data and instances prepared in setup).
 *
 * <p>Run (not part of the build): {@code bench/jmh ParseStore}, or
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main \
 *     ParseStore -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dlogback.configurationFile=calendarbot/bench/logback-bench.xml"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParseStoreBenchmark {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final LocalDate BASE = LocalDate.of(2026, 3, 1);
  private static final String SOURCE = "bench";

  private byte[] feed;
  private Expander expander;
  private TimeWindow horizon;
  private CalendarData parsed;
  private Materialization materialization;
  private Path dir;
  private Database db;
  private SeriesStore store;

  @Setup
  public void setUp() throws IOException {
    feed = new FeedGenerator(42, BASE, ZONE).generate(10_000);
    expander = new Expander(ExpansionConfig.defaults());
    ExpansionConfig defaults = ExpansionConfig.defaults();
    Instant now = BASE.atStartOfDay(ZONE).toInstant();
    horizon =
        new TimeWindow(
            now.minus(defaults.materializePast()), now.plus(defaults.materializeFuture()));
    parsed = new IcsParser().parse(new ByteArrayInputStream(feed), "source 'bench'");
    materialization =
        new Materialization(
            horizon, ZONE, expander.expand(SOURCE, parsed.series(), parsed.zones(), horizon, ZONE));
    dir = Files.createTempDirectory("calendarbot-bench");
    db = Database.open(dir.resolve("calendarbot.db"));
    store = new SeriesStore(db);
  }

  @TearDown
  public void tearDown() throws IOException {
    db.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Parse + expand the horizon + replace: one refresh of an updated 10k feed, minus the fetch. */
  @Benchmark
  public int parseExpandStore10k() {
    CalendarData data = new IcsParser().parse(new ByteArrayInputStream(feed), "source 'bench'");
    List<Instance> instances = expander.expand(SOURCE, data.series(), data.zones(), horizon, ZONE);
    store.replace(SOURCE, data, new Materialization(horizon, ZONE, instances), null);
    return instances.size();
  }

  /** {@link SeriesStore#replace} alone: delete the old rows, insert series, zones, instances. */
  @Benchmark
  public int store10k() {
    store.replace(SOURCE, parsed, materialization, null);
    return materialization.instances().size();
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(
            new OptionsBuilder()
                .include(ParseStoreBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(3)
                .measurementIterations(5)
                .build())
        .run();
  }
}
