package calendarbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.ConfigChange.KeyChange;
import calendarbot.config.ConfigVersion;
import calendarbot.config.OverrideStore.Recorded;
import calendarbot.config.OverrideStore.StoredOverride;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreIT {
  @TempDir Path dir;

  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-01T11:00:00Z");

  @Test
  void save_overridesAndVersions_readBackAfterReopening() {
    try (Database db = Database.open(dir.resolve("cb.db"))) {
      ConfigStore store = new ConfigStore(db);
      store.record(
          new Recorded(
              new ConfigVersion(1, T1, "startup", "startup", List.of()),
              Map.of("pipeline.rollout", "100")));
      store.save(
          Map.of("pipeline.rollout", new StoredOverride("25", "admin", T2)),
          new Recorded(
              new ConfigVersion(
                  2,
                  T2,
                  "admin",
                  "runtime",
                  List.of(new KeyChange("pipeline.rollout", "100", "25"))),
              Map.of("pipeline.rollout", "25")));
    }

    try (Database db = Database.open(dir.resolve("cb.db"))) {
      ConfigStore store = new ConfigStore(db);

      assertThat(store.load())
          .containsExactly(Map.entry("pipeline.rollout", new StoredOverride("25", "admin", T2)));
      assertThat(store.history()).extracting(ConfigVersion::version).containsExactly(2L, 1L);
      assertThat(store.history().get(0).changes())
          .containsExactly(new KeyChange("pipeline.rollout", "100", "25"));
      assertThat(store.latest()).map(ConfigVersion::version).contains(2L);
      assertThat(store.effectiveAt(1)).contains(Map.of("pipeline.rollout", "100"));
      assertThat(store.effectiveAt(7)).isEmpty();
    }
  }

  @Test
  void save_replacesTheWholeOverrideSet() {
    try (Database db = Database.open(dir.resolve("cb.db"))) {
      ConfigStore store = new ConfigStore(db);
      store.save(
          Map.of(
              "a.rollout", new StoredOverride("1", "x", T1),
              "b.rollout", new StoredOverride("2", "x", T1)),
          null);

      store.save(Map.of("b.rollout", new StoredOverride("3", "y", T2)), null);

      assertThat(store.load())
          .containsExactly(Map.entry("b.rollout", new StoredOverride("3", "y", T2)));
      assertThat(store.history()).isEmpty();
      assertThat(store.latest()).isEmpty();
    }
  }
}
