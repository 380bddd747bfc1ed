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
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The materialized and the on-demand path answer identically, with the real parser and expander:
 * one store holds the feed with a materialized horizon, a second the same feed without one, and
 * both are compared with expanding every series directly (no candidate selection at all).
 */
@ParameterizedClass
@EnumSource(ConnectionKind.class)
class EventQueryEquivalenceIT {
  @Parameter ConnectionKind kind;

  private static final String SOURCE = "eq";
  private static final long SEED = 20260301L;
  private static final Instant HORIZON_START = Instant.parse("2026-03-01T00:00:00Z");
  private static final TimeWindow HORIZON =
      new TimeWindow(HORIZON_START, HORIZON_START.plus(Duration.ofDays(90)));

  @TempDir Path dir;
  Database materializedDb;
  Database plainDb;
  final Expander expander = new Expander(ExpansionConfig.defaults());
  CalendarData data;

  @BeforeEach
  void open() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/ics/query-equivalence.ics")) {
      data = new IcsParser().parse(in, "fixture 'query-equivalence.ics'");
    }
    materializedDb = kind.open(dir.resolve("materialized.db"));
    plainDb = kind.open(dir.resolve("plain.db"));
  }

  @AfterEach
  void close() {
    materializedDb.close();
    plainDb.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"America/New_York", "Europe/Berlin", "Pacific/Kiritimati", "Etc/GMT+12"})
  void instances_randomWindowsInAndOutOfHorizon_materializedAndOnDemandAgree(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    SeriesStore materialized = new SeriesStore(materializedDb);
    SeriesStore plain = new SeriesStore(plainDb);
    materialized.replace(
        SOURCE,
        data,
        new Materialization(
            HORIZON, zone, expander.expand(SOURCE, data.series(), data.zones(), HORIZON, zone)),
        null);
    plain.replace(SOURCE, data, null, null);
    EventQuery fromMaterialized =
        new EventQuery(materialized, expander, ExpansionConfig.defaults(), () -> List.of(SOURCE));
    EventQuery onDemand =
        new EventQuery(plain, expander, ExpansionConfig.defaults(), () -> List.of(SOURCE));
    assertThat(materialized.materializedInstances(SOURCE, HORIZON, zone).orElseThrow())
        .hasSizeGreaterThan(50);

    Random random = new Random(SEED + zoneId.hashCode());
    int nonEmpty = 0;
    for (int i = 0; i < 250; i++) {
      boolean inside = i % 2 == 0;
      TimeWindow w = inside ? insideHorizon(random) : anywhere(random);
      List<Instance> direct = expander.expand(SOURCE, data.series(), data.zones(), w, zone);

      List<Instance> a = fromMaterialized.instances(w, zone);
      List<Instance> b = onDemand.instances(w, zone);

      assertThat(a).as("materialized path, window %s in %s", w, zone).isEqualTo(direct);
      assertThat(b).as("on-demand path, window %s in %s", w, zone).isEqualTo(direct);
      nonEmpty += direct.isEmpty() ? 0 : 1;
    }
    assertThat(nonEmpty).as("windows that found something").isGreaterThan(60);
  }

  /** A window inside the horizon: random length from zero to 20 days, sometimes on midnight. */
  private static TimeWindow insideHorizon(Random r) {
    long span = HORIZON.end().getEpochSecond() - HORIZON.start().getEpochSecond();
    long start = HORIZON.start().getEpochSecond() + (long) (r.nextDouble() * span);
    if (r.nextInt(4) == 0) {
      start -= Math.floorMod(start, 86_400);
    }
    long length = r.nextInt(5) == 0 ? 0 : (long) (r.nextDouble() * 20 * 86_400);
    long end = Math.min(start + length, HORIZON.end().getEpochSecond());
    return new TimeWindow(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end));
  }

  /** A window anywhere between 1995 and 2045, up to 60 days long. */
  private static TimeWindow anywhere(Random r) {
    long from = Instant.parse("1995-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2045-01-01T00:00:00Z").getEpochSecond();
    long start = from + (long) (r.nextDouble() * (to - from));
    // Every fourth window lands near the fixture's data (2025-2027), where the bounds matter.
    if (r.nextInt(4) == 0) {
      start =
          Instant.parse("2025-06-01T00:00:00Z").getEpochSecond()
              + (long) (r.nextDouble() * 600 * 86_400);
    }
    long length = r.nextInt(6) == 0 ? 0 : (long) (r.nextDouble() * 60 * 86_400);
    return new TimeWindow(Instant.ofEpochSecond(start), Instant.ofEpochSecond(start + length));
  }
}
