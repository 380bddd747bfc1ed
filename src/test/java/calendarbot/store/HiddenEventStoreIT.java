package calendarbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.error.StorageException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(ConnectionKind.class)
class HiddenEventStoreIT {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);

  @Parameter ConnectionKind kind;

  @TempDir Path dir;

  /** Opens (creating on first use) the test's database file with this run's connection kind. */
  private Database open() {
    return kind.open(dir.resolve("calendarbot.db"));
  }

  private static StoredHiddenEvent instance(String id) {
    return new StoredHiddenEvent(
        "instance", id, "work", "uid-" + id, "T " + id, "2026-11-23T09:00:00Z");
  }

  private static StoredHiddenEvent series(String clicked, String uid) {
    return new StoredHiddenEvent("series", clicked, "work", uid, null, "2026-11-23T09:00:00Z");
  }

  @Test
  void addRemove_instanceAndSeries_persistAcrossReopenInOrder() {
    try (Database db = open()) {
      HiddenEventStore store = new HiddenEventStore(db, CLOCK);
      assertThat(store.add(instance("b"))).isTrue();
      assertThat(store.add(series("a", "standup"))).isTrue();
      assertThat(store.add(instance("a"))).isTrue();
    }
    try (Database db = open()) {
      HiddenEventStore store = new HiddenEventStore(db, CLOCK);
      assertThat(store.all()).containsExactly(instance("b"), series("a", "standup"), instance("a"));

      assertThat(store.remove(series("other-click", "standup"))).isTrue();
      assertThat(store.remove(instance("b"))).isTrue();
      assertThat(store.remove(instance("b"))).isFalse();
      assertThat(store.all()).containsExactly(instance("a"));
    }
  }

  @Test
  void add_sameInstanceOrSeriesTwice_keepsOneRow() {
    try (Database db = open()) {
      HiddenEventStore store = new HiddenEventStore(db, CLOCK);

      assertThat(store.add(instance("a"))).isTrue();
      assertThat(store.add(instance("a"))).isFalse();
      assertThat(store.add(series("a", "standup"))).isTrue();
      assertThat(store.add(series("b", "standup"))).isFalse();

      assertThat(store.all()).containsExactly(instance("a"), series("a", "standup"));
    }
  }

  @Test
  void replaceAll_writesSettingsAndHiddenTogether() {
    try (Database db = open()) {
      HiddenEventStore store = new HiddenEventStore(db, CLOCK);
      SettingsStore settings = new SettingsStore(db, CLOCK);
      settings.put("gone", "x");
      store.add(instance("old"));

      store.replaceAll(
          Map.of("doc", "{}"), Set.of("gone"), List.of(instance("n1"), series("n2", "u")));

      assertThat(settings.all()).containsExactly(Map.entry("doc", "{}"));
      assertThat(store.all()).containsExactly(instance("n1"), series("n2", "u"));
    }
  }

  @Test
  void replaceAll_failingRow_changesNothing() {
    try (Database db = open()) {
      HiddenEventStore store = new HiddenEventStore(db, CLOCK);
      SettingsStore settings = new SettingsStore(db, CLOCK);
      settings.put("doc", "old");
      store.add(instance("old"));
      StoredHiddenEvent badScope =
          new StoredHiddenEvent("day", "x", "work", "u", null, "2026-11-23T09:00:00Z");

      assertThatThrownBy(
              () ->
                  store.replaceAll(
                      Map.of("doc", "new"), Set.of(), List.of(instance("n"), badScope)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("CHECK constraint");

      assertThat(settings.get("doc")).contains("old");
      assertThat(store.all()).containsExactly(instance("old"));
    }
  }
}
