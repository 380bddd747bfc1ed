package calendarbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceStateStoreIT {
  @TempDir Path dir;
  Database db;
  SourceStateStore states;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("calendarbot.db"));
    states = new SourceStateStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void load_unknownSource_returnsInitialState() {
    assertThat(states.load("never")).isEqualTo(SourceState.initial("never"));
    assertThat(states.all()).isEmpty();
  }

  @Test
  void save_fullState_roundTripsExactlyAcrossReopen() {
    Instant t = Instant.parse("2026-03-01T10:15:30.123456789Z");
    SourceState s =
        new SourceState(
            "work",
            "\"etag-1\"",
            "Sun, 01 Mar 2026 10:00:00 GMT",
            t,
            t.minus(Duration.ofHours(1)),
            t.minusSeconds(5),
            "TIMEOUT",
            "source 'work' fetch timed out after 5000 ms",
            3,
            1234);

    states.save(s);
    db.close();
    db = Database.open(dir.resolve("calendarbot.db"));
    states = new SourceStateStore(db);

    assertThat(states.load("work")).isEqualTo(s);
  }

  @Test
  void save_again_overwritesStateButKeepsRegistration() {
    states.register("work", "Work", URI.create("https://user:pw@cal.example.org/x.ics?key=secret"));
    states.save(new SourceState("work", "e", null, null, null, null, "IO", "boom", 1, 0));

    SourceState ok =
        new SourceState("work", "e2", null, Instant.EPOCH, Instant.EPOCH, null, null, null, 0, 7);
    states.save(ok);

    assertThat(states.load("work")).isEqualTo(ok);
    assertThat(states.url("work")).isEqualTo("https://cal.example.org/x.ics?\u2026");
  }

  @Test
  void all_severalSources_returnsEachOrderedById() {
    states.save(SourceState.initial("b"));
    states.register("a", "A", URI.create("https://example.org/a.ics"));
    states.register("a", "A renamed", URI.create("https://example.org/a2.ics"));

    List<SourceState> all = states.all();

    assertThat(all).containsExactly(SourceState.initial("a"), SourceState.initial("b"));
    assertThat(states.url("a")).isEqualTo("https://example.org/a2.ics");
    assertThat(states.url("zzz")).isNull();
  }
}
