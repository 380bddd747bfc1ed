package calendarbot.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link OverrideStore#inMemory()}: synchronized maps, nothing persisted. */
final class MemoryOverrideStore implements OverrideStore {
  private Map<String, StoredOverride> overrides = Map.of();
  private final List<Recorded> versions = new ArrayList<>();

  @Override
  public synchronized Map<String, StoredOverride> load() {
    return overrides;
  }

  @Override
  public synchronized void save(Map<String, StoredOverride> overrides, Recorded recorded) {
    this.overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    if (recorded != null) {
      versions.add(recorded);
    }
  }

  @Override
  public synchronized List<ConfigVersion> history() {
    return versions.stream()
        .map(Recorded::version)
        .sorted(Comparator.comparingLong(ConfigVersion::version).reversed())
        .toList();
  }

  @Override
  public synchronized Optional<Map<String, String>> effectiveAt(long version) {
    Map<Long, Map<String, String>> byVersion = new HashMap<>();
    versions.forEach(r -> byVersion.put(r.version().version(), r.effective()));
    return Optional.ofNullable(byVersion.get(version));
  }
}
