package calendarbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(ConnectionKind.class)
class SettingsStoreIT {
  @Parameter ConnectionKind kind;

  @TempDir Path dir;

  @Test
  void putGetDeleteAll_severalKeys_behaveAsAPersistentMap() {
    try (Database db = kind.open(dir.resolve("calendarbot.db"))) {
      SettingsStore settings =
          new SettingsStore(db, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

      settings.put("b", "2");
      settings.put("a", "1");
      settings.put("b", "two \u00fc \"json\" {}");
      settings.put("empty", "");

      assertThat(settings.get("a")).contains("1");
      assertThat(settings.get("b")).contains("two \u00fc \"json\" {}");
      assertThat(settings.get("missing")).isEmpty();
      assertThat(settings.all())
          .containsExactly(
              java.util.Map.entry("a", "1"),
              java.util.Map.entry("b", "two \u00fc \"json\" {}"),
              java.util.Map.entry("empty", ""));
      assertThat(settings.delete("a")).isTrue();
      assertThat(settings.delete("a")).isFalse();
      assertThat(settings.all()).containsOnlyKeys("b", "empty");
    }
  }

  @Test
  void put_withClock_recordsUpdatedAtFromTheClock() {
    try (Database db = kind.open(dir.resolve("calendarbot.db"))) {
      new SettingsStore(db, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC))
          .put("k", "v");

      String updated =
          db.read(
              "read updated_at",
              c -> {
                try (ResultSet rs =
                    c.createStatement()
                        .executeQuery("SELECT updated_at FROM settings WHERE key = 'k'")) {
                  rs.next();
                  return rs.getString(1);
                }
              });

      assertThat(updated).isEqualTo("2026-03-01T10:00:00Z");
    }
  }
}
