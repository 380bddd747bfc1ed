package calendarbot.query;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.ExpansionConfig;
import calendarbot.event.CalendarData;
import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import calendarbot.ics.Expander;
import calendarbot.ics.IcsParser;
import calendarbot.store.ConnectionKind;
import calendarbot.store.Database;
import calendarbot.store.Materialization;
import calendarbot.store.SeriesStore;
import calendarbot.store.SettingsStore;
import calendarbot.testing.FeedGenerator;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain and the pooled connection source give identical results: the same generated feed is
 * stored through both, then the same writes and the same 200 queries (inside the materialized
 * horizon and outside it, so both query paths run) are answered by each and compared.
 */
class ConnectionSourceEquivalenceIT {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final LocalDate BASE = LocalDate.of(2026, 3, 1);
  private static final Instant NOW = BASE.atStartOfDay(ZONE).toInstant();
  private static final TimeWindow HORIZON =
      new TimeWindow(NOW.minus(Duration.ofDays(14)), NOW.plus(Duration.ofDays(90)));

  @TempDir Path dir;

  @Test
  void sameOperations_plainAndPooled_giveIdenticalResults() throws Exception {
    byte[] feed = new FeedGenerator(7, BASE, ZONE).generate(1_000);
    Expander expander = new Expander(ExpansionConfig.defaults());
    Map<ConnectionKind, List<Object>> answers = new EnumMap<>(ConnectionKind.class);

    for (ConnectionKind kind : ConnectionKind.values()) {
      try (Database db = kind.open(dir.resolve(kind + ".db"))) {
        SeriesStore store = new SeriesStore(db);
        SettingsStore settings = new SettingsStore(db, Clock.fixed(NOW, ZONE));
        for (String source : List.of("a", "b")) {
          CalendarData data =
              new IcsParser().parse(new ByteArrayInputStream(feed), "source '" + source + "'");
          List<Instance> instances =
              expander.expand(source, data.series(), data.zones(), HORIZON, ZONE);
          store.replace(source, data, new Materialization(HORIZON, ZONE, instances), null);
        }
        settings.put("theme", "dark");
        settings.put("theme", "light");
        settings.put("unused", "x");
        settings.delete("unused");
        EventQuery query =
            new EventQuery(store, expander, ExpansionConfig.defaults(), () -> List.of("a", "b"));

        List<Object> out = new ArrayList<>();
        out.add(db.schemaVersion());
        out.add(settings.all());
        out.add(store.materialization("a"));
        out.add(store.materializedInstances("b", HORIZON, ZONE));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
          Instant start = NOW.plus(Duration.ofHours(random.nextInt(24 * 400) - 24 * 200));
          out.add(query.instances(new TimeWindow(start, start.plus(Duration.ofDays(7))), ZONE));
        }
        answers.put(kind, out);
      }
    }

    assertThat(answers.get(ConnectionKind.POOLED)).isEqualTo(answers.get(ConnectionKind.PLAIN));
    assertThat(
            answers.get(ConnectionKind.PLAIN).stream()
                .filter(o -> o instanceof List<?> l && !l.isEmpty()))
        .as("non-empty answers")
        .hasSizeGreaterThan(100);
  }
}
