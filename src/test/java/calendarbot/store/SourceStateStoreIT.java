package calendarbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.SourceConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(ConnectionKind.class)
class SourceStateStoreIT {
  @Parameter ConnectionKind kind;

  @TempDir Path dir;
  Database db;
  SourceStateStore states;

  @BeforeEach
  void open() {
    db = kind.open(dir.resolve("calendarbot.db"));
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
    db = kind.open(dir.resolve("calendarbot.db"));
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

  static SourceState fetched(String id) {
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    return new SourceState(
        id, "\"v1\"", "Sun, 01 Mar 2026 09:00:00 GMT", t, t, t, null, null, 0, 12);
  }

  @Test
  void register_sameUrlAgain_keepsValidators() {
    URI url = URI.create("https://calendar.example.test/ical/me/private-abc123/basic.ics");
    states.register("work", "Work", url);
    states.save(fetched("work"));

    states.register("work", "Work renamed", url);

    assertThat(states.load("work")).isEqualTo(fetched("work"));
  }

  @Test
  void register_changedUrlWithSameRedactedForm_clearsOnlyTheValidators() {
    URI old = URI.create("https://calendar.example.test/ical/me/private-abc123/basic.ics");
    URI rotated = URI.create("https://calendar.example.test/ical/me/private-def456/basic.ics");
    assertThat(SourceConfig.redact(rotated)).isEqualTo(SourceConfig.redact(old));
    states.register("work", "Work", old);
    states.save(fetched("work"));

    states.register("work", "Work", rotated);

    SourceState s = states.load("work");
    assertThat(s.etag()).isNull();
    assertThat(s.lastModified()).isNull();
    SourceState before = fetched("work");
    assertThat(s)
        .isEqualTo(
            new SourceState(
                "work",
                null,
                null,
                before.lastAttempt(),
                before.lastSuccess(),
                before.lastChecked(),
                null,
                null,
                0,
                12));
  }

  @Test
  void register_sourceSavedBeforeAnyRegistration_keepsValidatorsThenWatchesTheUrl() {
    // As after the migration to version 2: no URL hash is known yet.
    states.save(fetched("work"));

    states.register("work", "Work", URI.create("https://calendar.example.test/work.ics"));
    SourceState first = states.load("work");
    states.register("work", "Work", URI.create("https://calendar.example.test/other.ics"));

    assertThat(first).isEqualTo(fetched("work"));
    assertThat(states.load("work").etag()).isNull();
    assertThat(states.load("work").eventCount()).isEqualTo(12);
  }
}
