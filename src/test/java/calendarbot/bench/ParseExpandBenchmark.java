package calendarbot.bench;

import calendarbot.config.ExpansionConfig;
import calendarbot.event.CalendarData;
import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import calendarbot.ics.Expander;
import calendarbot.ics.IcsParser;
import calendarbot.testing.FeedGenerator;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Parsing a generated 10,000-VEVENT feed (~8.5 MB, 10% recurring) and expanding all its series over
 * a 14-day and a 104-day window: the refresh and query hot paths of {@code calendarbot.ics}.
 *
 * <p>Run (not part of the build):
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt \
 *     -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main ParseExpand \
 *     -f 1 -wi 3 -i 5
 * </pre>
 *
 * or {@code java -cp ... calendarbot.bench.ParseExpandBenchmark}, which runs the same with those
 * settings. The forked JVM logs at WARN ({@code logback-bench.xml}) so ical4j's DEBUG lines are not
 * measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dlogback.configurationFile=calendarbot/bench/logback-bench.xml"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParseExpandBenchmark {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final LocalDate BASE = LocalDate.of(2026, 3, 1);

  private byte[] feed;
  private CalendarData parsed;
  private Expander expander;
  private TimeWindow twoWeeks;
  private TimeWindow hundredFourDays;

  @Setup
  public void setUp() {
    feed = new FeedGenerator(42, BASE, ZONE).generate(10_000);
    parsed = new IcsParser().parse(new ByteArrayInputStream(feed), "source 'bench'");
    expander = new Expander(ExpansionConfig.defaults());
    twoWeeks =
        new TimeWindow(
            BASE.atStartOfDay(ZONE).toInstant(), BASE.plusDays(14).atStartOfDay(ZONE).toInstant());
    hundredFourDays =
        new TimeWindow(
            BASE.minusDays(14).atStartOfDay(ZONE).toInstant(),
            BASE.plusDays(90).atStartOfDay(ZONE).toInstant());
  }

  @Benchmark
  public CalendarData parse10k() {
    return new IcsParser().parse(new ByteArrayInputStream(feed), "source 'bench'");
  }

  @Benchmark
  public List<Instance> expand14Days() {
    return expander.expand("bench", parsed.series(), parsed.zones(), twoWeeks, ZONE);
  }

  @Benchmark
  public List<Instance> expand104Days() {
    return expander.expand("bench", parsed.series(), parsed.zones(), hundredFourDays, ZONE);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(
            new OptionsBuilder()
                .include(ParseExpandBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(3)
                .measurementIterations(5)
                .build())
        .run();
  }
}
