package calendarbot.pipeline;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/** Holds nothing; still counts misses so stats read the same with the cache off. */
final class DisabledResponseCache implements ResponseCache {
  static final DisabledResponseCache INSTANCE = new DisabledResponseCache();

  private final Map<RequestType, LongAdder> misses = new EnumMap<>(RequestType.class);

  private DisabledResponseCache() {
    for (RequestType t : RequestType.values()) {
      misses.put(t, new LongAdder());
    }
  }

  @Override
  public CachedResponse get(RequestKey key) {
    misses.get(key.type()).increment();
    return null;
  }

  @Override
  public void put(RequestKey key, CachedResponse response) {}

  @Override
  public int invalidate(Predicate<RequestKey> which) {
    return 0;
  }

  @Override
  public CacheStats stats() {
    Map<String, CacheStats.TypeCounts> byType = new HashMap<>();
    misses.forEach((t, m) -> byType.put(t.code(), new CacheStats.TypeCounts(0, m.sum())));
    return new CacheStats(0, 0, 0, Map.of(), byType);
  }
}
