package calendarbot.bench;

import calendarbot.config.AppConfig;
import calendarbot.config.ConfigSnapshot;
import calendarbot.config.FlagsConfig;
import calendarbot.flags.FeatureFlags;
import calendarbot.flags.Flag;
import calendarbot.flags.OpenFeatureFlags;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One flag decision (issue 6): through the OpenFeature SDK with the in-process provider, against
 * the same rule called directly ({@link FeatureFlags#direct}); each at 100% (no hash: the provider
 * answers from the switch) and at 25% (the Murmur3 bucket of "flag:subject"). Subjects rotate over
 * 64 client ids.
 *
 * <p>Run (not part of the build): {@code JMH_TU=ns bench/jmh Flags}, or
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *     -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main \
 *     Flags -f 1 -wi 3 -i 5 -w 2 -r 2 -bm avgt -tu ns
 * </pre>
 *
 * Add {@code -jvmArgsAppend "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"} for the launcher's C1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dlogback.configurationFile=calendarbot/bench/logback-bench.xml"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FlagsBenchmark {
  private static final String[] SUBJECTS = new String[64];

  static {
    for (int i = 0; i < SUBJECTS.length; i++) {
      SUBJECTS[i] = "192.168.1." + (i + 10);
    }
  }

  private OpenFeatureFlags openFeatureAll;
  private OpenFeatureFlags openFeatureQuarter;
  private FeatureFlags directAll;
  private FeatureFlags directQuarter;
  private int next;

  @Setup
  public void setUp() {
    ConfigSnapshot all = snapshot(100);
    ConfigSnapshot quarter = snapshot(25);
    openFeatureAll = OpenFeatureFlags.over(() -> all);
    openFeatureQuarter = OpenFeatureFlags.over(() -> quarter);
    directAll = FeatureFlags.direct(() -> all);
    directQuarter = FeatureFlags.direct(() -> quarter);
  }

  @TearDown
  public void tearDown() {
    openFeatureAll.close();
    openFeatureQuarter.close();
  }

  static ConfigSnapshot snapshot(int rollout) {
    AppConfig d = AppConfig.defaults(Path.of("/tmp/unused"), ZoneOffset.UTC);
    return new ConfigSnapshot(
        1,
        d.withFlags(
            new FlagsConfig(rollout, rollout, rollout, rollout, rollout, rollout, Set.of())),
        List.of());
  }

  private String subject() {
    return SUBJECTS[next++ & 63];
  }

  @Benchmark
  public boolean openFeatureAt100() {
    return openFeatureAll.enabled(Flag.RESPONSE_CACHE, subject());
  }

  @Benchmark
  public boolean openFeatureAt25() {
    return openFeatureQuarter.enabled(Flag.RESPONSE_CACHE, subject());
  }

  @Benchmark
  public boolean directAt100() {
    return directAll.enabled(Flag.RESPONSE_CACHE, subject());
  }

  @Benchmark
  public boolean directAt25() {
    return directQuarter.enabled(Flag.RESPONSE_CACHE, subject());
  }
}
