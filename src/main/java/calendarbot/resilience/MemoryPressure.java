package calendarbot.resilience;

import calendarbot.config.ResilienceConfig;
import calendarbot.metrics.MetricNames;
import calendarbot.metrics.Metrics;
import calendarbot.pipeline.RequestPipeline;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches heap use after GC and sheds what the server can live without. Levels: {@code NORMAL};
 * {@code SOFT} above {@code resilience.memory.soft} of the max (the response cache capped at half
 * its bound); {@code HARD} above {@code resilience.memory.hard} (the cache cleared and capped at a
 * quarter, the pipeline's breaker forced open, so answers are computed and not kept). Back below
 * soft, with {@link #HYSTERESIS}, everything is restored. A level is left downwards only below its
 * threshold minus the hysteresis, so a heap hovering at a threshold does not flap.
 *
 * <p>{@link #check} decides; call it periodically (every 30 s) — the JVM's collection-usage
 * threshold notification (see {@link #watchHeap}) also calls it as soon as a GC leaves the heap
 * above soft. Thread-safe.
 */
public final class MemoryPressure implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MemoryPressure.class);

  /** How far below a threshold use must fall before its level is left. */
  static final double HYSTERESIS = 0.05;

  /** A memory pressure level; names are stable codes. */
  public enum Level {
    NORMAL,
    SOFT,
    HARD
  }

  private final double soft;
  private final double hard;
  private final LongSupplier usedAfterGc;
  private final LongSupplier max;
  private final RequestPipeline pipeline;
  private final Breaker breaker;
  private final Clock clock;
  private final Metrics metrics;
  private volatile Runnable unregister = () -> {};
  // guarded by this
  private Level level = Level.NORMAL;
  // guarded by this
  private long lastUsed;
  // guarded by this
  private long lastMax;
  // guarded by this
  private Instant since;

  MemoryPressure(
      ResilienceConfig config,
      LongSupplier usedAfterGc,
      LongSupplier max,
      RequestPipeline pipeline,
      Breaker breaker,
      Clock clock,
      Metrics metrics) {
    this.soft = config.memorySoft();
    this.hard = config.memoryHard();
    this.usedAfterGc = usedAfterGc;
    this.max = max;
    this.pipeline = pipeline;
    this.breaker = breaker;
    this.clock = clock;
    this.metrics = metrics;
    this.since = clock.instant();
  }

  /**
   * Watches the heap pools that report use after GC (with Serial GC, the tenured generation; with
   * others, their old generation), and registers for their threshold notifications at the soft
   * level.
   */
  static MemoryPressure watchHeap(
      ResilienceConfig config,
      RequestPipeline pipeline,
      Breaker breaker,
      Clock clock,
      Metrics metrics) {
    List<MemoryPoolMXBean> pools = collectedHeapPools();
    LongSupplier used = () -> pools.stream().mapToLong(p -> usageAfterGc(p)).sum();
    LongSupplier max =
        () -> {
          long sum = 0;
          for (MemoryPoolMXBean p : pools) {
            long m = p.getUsage().getMax();
            if (m < 0) {
              return Runtime.getRuntime().maxMemory();
            }
            sum += m;
          }
          return sum > 0 ? sum : Runtime.getRuntime().maxMemory();
        };
    MemoryPressure m = new MemoryPressure(config, used, max, pipeline, breaker, clock, metrics);
    for (MemoryPoolMXBean p : pools) {
      long poolMax = p.getUsage().getMax();
      if (poolMax > 0) {
        p.setCollectionUsageThreshold((long) (poolMax * config.memorySoft()));
      }
    }
    if (ManagementFactory.getMemoryMXBean() instanceof NotificationEmitter emitter) {
      NotificationListener listener =
          (Notification n, Object handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())) {
              m.check();
            }
          };
      emitter.addNotificationListener(listener, null, null);
      m.unregister =
          () -> {
            try {
              emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
              // Already gone: nothing to undo.
            }
          };
    }
    log.info(
        "resilience: memory watch on {} (soft {}, hard {} of the max after GC)",
        pools.stream().map(MemoryPoolMXBean::getName).toList(),
        config.memorySoft(),
        config.memoryHard());
    return m;
  }

  private static long usageAfterGc(MemoryPoolMXBean p) {
    var u = p.getCollectionUsage();
    return u == null ? 0 : u.getUsed();
  }

  /**
   * The heap pools with collection-usage thresholds: the old generation when one is recognisable by
   * name (Tenured, Old), else every such heap pool.
   */
  private static List<MemoryPoolMXBean> collectedHeapPools() {
    List<MemoryPoolMXBean> all =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
            .toList();
    List<MemoryPoolMXBean> old =
        all.stream()
            .filter(
                p -> {
                  String n = p.getName().toLowerCase(Locale.ROOT);
                  return n.contains("tenured") || n.contains("old");
                })
            .toList();
    return old.isEmpty() ? all : old;
  }

  /** Reads heap use after GC, moves to the level it calls for and acts on a change. */
  public synchronized Level check() {
    long used = usedAfterGc.getAsLong();
    long m = max.getAsLong();
    lastUsed = used;
    lastMax = m;
    double f = m <= 0 ? 0 : (double) used / m;
    Level next = next(level, f);
    if (next != level) {
      enter(level, next, f);
    }
    return level;
  }

  private Level next(Level from, double f) {
    return switch (from) {
      case NORMAL -> f > hard ? Level.HARD : f > soft ? Level.SOFT : Level.NORMAL;
      case SOFT -> f > hard ? Level.HARD : f < soft - HYSTERESIS ? Level.NORMAL : Level.SOFT;
      case HARD ->
          f < soft - HYSTERESIS ? Level.NORMAL : f < hard - HYSTERESIS ? Level.SOFT : Level.HARD;
    };
  }

  private void enter(Level from, Level to, double f) {
    String numbers =
        String.format(
            Locale.ROOT,
            "heap after GC %d of %d MB = %.0f%%; soft %.0f%%, hard %.0f%%",
            lastUsed >> 20,
            lastMax >> 20,
            f * 100,
            soft * 100,
            hard * 100);
    level = to;
    since = clock.instant();
    metrics.count(MetricNames.RESILIENCE_MEMORY_LEVEL, "to=" + to, 1);
    switch (to) {
      case HARD -> {
        int dropped = pipeline.invalidate(k -> true);
        pipeline.limitCache(0.25);
        breaker.forceOpen("memory pressure HARD: " + numbers);
        log.warn(
            "resilience: memory {} -> HARD ({}): response cache cleared ({} answers) and capped at"
                + " 25%, pipeline breaker forced open",
            from, numbers, dropped);
      }
      case SOFT -> {
        pipeline.limitCache(0.5);
        log.warn("resilience: memory {} -> SOFT ({}): response cache capped at 50%", from, numbers);
      }
      case NORMAL -> {
        pipeline.limitCache(1);
        breaker.releaseForced("memory back to NORMAL: " + numbers);
        log.info("resilience: memory {} -> NORMAL ({}): response cache restored", from, numbers);
      }
    }
  }

  /** The level now. */
  public synchronized Level level() {
    return level;
  }

  synchronized ResilienceStatus.MemoryStatus status() {
    return new ResilienceStatus.MemoryStatus(
        level.name(),
        lastUsed,
        lastMax,
        lastMax <= 0 ? 0 : (double) lastUsed / lastMax,
        soft,
        hard,
        since.toString());
  }

  /** Stops listening for the JVM's notifications. */
  @Override
  public void close() {
    unregister.run();
  }
}
