package calendarbot.bench;

import calendarbot.config.ConfigSnapshot;
import calendarbot.flags.FeatureFlags;
import calendarbot.flags.Flag;
import calendarbot.flags.OpenFeatureFlags;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What loading the OpenFeature SDK costs a running JVM: loaded classes, heap used after a full GC
 * and RSS, before and after building the flags and making 10,000 decisions per flag, either through
 * OpenFeature or directly ({@code direct} argument). Run each mode in a fresh JVM with the
 * launcher's flags:
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *     -Dmdep.includeScope=test
 * for mode in direct openfeature; do
 *   java -Xms16m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k \
 *     -Dlogback.configurationFile=calendarbot/bench/logback-bench.xml \
 *     -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     calendarbot.bench.FlagsFootprint $mode
 * done
 * </pre>
 */
public final class FlagsFootprint {
  private FlagsFootprint() {}

  public static void main(String[] args) throws Exception {
    boolean direct = args.length > 0 && args[0].equals("direct");
    ConfigSnapshot quarter = FlagsBenchmark.snapshot(25);
    // Load what both modes need (config, logging, the flags' own classes) before measuring.
    FeatureFlags.direct(() -> quarter).enabled(Flag.RESPONSE_CACHE, "warm-up");
    org.slf4j.LoggerFactory.getLogger(FlagsFootprint.class).debug("warm-up");
    Sample before = Sample.take();

    FeatureFlags flags =
        direct ? FeatureFlags.direct(() -> quarter) : OpenFeatureFlags.over(() -> quarter);
    int on = 0;
    for (Flag f : Flag.values()) {
      for (int i = 0; i < 10_000; i++) {
        on += flags.enabled(f, "kiosk-" + i) ? 1 : 0;
      }
    }
    Sample after = Sample.take();
    System.out.printf(
        "%s: classes +%d (%d -> %d), heap after GC +%d KB (%d -> %d KB), RSS +%d KB (%d -> %d KB);"
            + " %d of %d on%n",
        direct ? "direct" : "openfeature",
        after.classes - before.classes,
        before.classes,
        after.classes,
        (after.heap - before.heap) / 1024,
        before.heap / 1024,
        after.heap / 1024,
        after.rssKb - before.rssKb,
        before.rssKb,
        after.rssKb,
        on,
        Flag.values().length * 10_000);
    if (flags instanceof AutoCloseable c) {
      c.close();
    }
  }

  private record Sample(long classes, long heap, long rssKb) {
    static Sample take() throws Exception {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      System.gc();
      long classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
      long heap = memory.getHeapMemoryUsage().getUsed();
      long rss = 0;
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new Sample(classes, heap, rss);
    }
  }
}
