package calendarbot.config;

import java.time.Duration;

/**
 * The request pipeline: response cache, single-flight, batching and warming, each switchable.
 *
 * @param enabled {@code pipeline.enabled}: false routes every request straight to its handler (the
 *     plain path); the answers are the same
 * @param cacheEnabled {@code pipeline.cache.enabled}
 * @param singleFlightEnabled {@code pipeline.single_flight.enabled}: concurrent identical misses
 *     compute once
 * @param batchingEnabled {@code pipeline.batching.enabled}
 * @param warmingEnabled {@code pipeline.warming.enabled}
 * @param whatsNextTtl {@code pipeline.ttl.whats_next}
 * @param eventsTtl {@code pipeline.ttl.events_by_range}
 * @param settingsTtl {@code pipeline.ttl.settings}
 * @param otherTtl {@code pipeline.ttl.other}: status, images and every other cacheable type
 * @param maxEntries {@code pipeline.cache.max_entries}
 * @param maxWeightBytes {@code pipeline.cache.max_bytes}: bound on the serialised bytes held
 * @param batchWindow {@code pipeline.batching.window}: how long a batch collects reads
 * @param batchMaxSize {@code pipeline.batching.max_size}
 */
public record PipelineConfig(
    boolean enabled,
    boolean cacheEnabled,
    boolean singleFlightEnabled,
    boolean batchingEnabled,
    boolean warmingEnabled,
    Duration whatsNextTtl,
    Duration eventsTtl,
    Duration settingsTtl,
    Duration otherTtl,
    int maxEntries,
    long maxWeightBytes,
    Duration batchWindow,
    int batchMaxSize) {
  /**
   * Default weight bound: 8 MB. The seeds' 50 MB assumed a 1 GB-class Python process; here the
   * whole heap is 64 MB. A kiosk's working set is tiny (one what's-next answer of ~2–5 KB per
   * layout and minute), and the largest routine answer, a 7-day window of a 10,000-event store, is
   * ~770 KB: 8 MB holds ten of those beside everything else and stays an eighth of the heap.
   */
  public static final long DEFAULT_MAX_WEIGHT_BYTES = 8L * 1024 * 1024;

  public PipelineConfig {
    Check.positive("pipeline.ttl.whats_next", whatsNextTtl);
    Check.positive("pipeline.ttl.events_by_range", eventsTtl);
    Check.positive("pipeline.ttl.settings", settingsTtl);
    Check.positive("pipeline.ttl.other", otherTtl);
    Check.range("pipeline.cache.max_entries", maxEntries, 1, 1_000_000);
    if (maxWeightBytes < 64 * 1024 || maxWeightBytes > 1024L * 1024 * 1024) {
      throw new calendarbot.error.ConfigException(
          "pipeline.cache.max_bytes", "between 65536 and 1073741824 bytes", maxWeightBytes);
    }
    Check.positive("pipeline.batching.window", batchWindow);
    if (batchWindow.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new calendarbot.error.ConfigException(
          "pipeline.batching.window", "at most 1s (it delays every batched read)", batchWindow);
    }
    Check.range("pipeline.batching.max_size", batchMaxSize, 1, 100);
  }

  /**
   * Everything on except batching; the seeds' TTLs; 1000 entries; {@link
   * #DEFAULT_MAX_WEIGHT_BYTES}.
   */
  public static PipelineConfig defaults() {
    return new PipelineConfig(
        true,
        true,
        true,
        false,
        true,
        Duration.ofSeconds(60),
        Duration.ofSeconds(300),
        Duration.ofSeconds(600),
        Duration.ofSeconds(60),
        1000,
        DEFAULT_MAX_WEIGHT_BYTES,
        Duration.ofMillis(50),
        10);
  }

  /** The plain path: every request goes straight to its handler. */
  public static PipelineConfig off() {
    PipelineConfig d = defaults();
    return new PipelineConfig(
        false,
        false,
        false,
        false,
        false,
        d.whatsNextTtl,
        d.eventsTtl,
        d.settingsTtl,
        d.otherTtl,
        d.maxEntries,
        d.maxWeightBytes,
        d.batchWindow,
        d.batchMaxSize);
  }
}
