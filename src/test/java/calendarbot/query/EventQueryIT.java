package calendarbot.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.config.ExpansionConfig;
import calendarbot.error.TooManyInstancesException;
import calendarbot.event.CalendarData;
import calendarbot.event.EventDetails;
import calendarbot.event.EventLength;
import calendarbot.event.EventTime;
import calendarbot.event.Instance;
import calendarbot.event.InstanceId;
import calendarbot.event.Series;
import calendarbot.event.TimeWindow;
import calendarbot.event.ZoneTable;
import calendarbot.store.ConnectionKind;
import calendarbot.store.Database;
import calendarbot.store.Materialization;
import calendarbot.store.SeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The path choice and merging of {@link EventQuery}, with a simple expansion for single events. */
@ParameterizedClass
@EnumSource(ConnectionKind.class)
class EventQueryIT {
  @Parameter ConnectionKind kind;

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final TimeWindow HORIZON = new TimeWindow(T0, T0.plus(Duration.ofDays(30)));

  @TempDir Path dir;
  Database db;
  SeriesStore store;
  final AtomicInteger expansions = new AtomicInteger();
  final EventQuery.Expansion singles =
      (sourceId, series, zones, window, zone) -> {
        expansions.incrementAndGet();
        return expandSingles(sourceId, series, zones, window, zone);
      };

  @BeforeEach
  void open() {
    db = kind.open(dir.resolve("calendarbot.db"));
    store = new SeriesStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void instances_windowInsideHorizonInItsZone_readsMaterializedWithoutExpanding() {
    List<Series> series = List.of(single("a", "2026-03-05T10:00:00", Duration.ofHours(1)));
    store.replace("s", calendar(series), materialize("s", series, HORIZON, UTC), null);
    EventQuery query = query(List.of("s"), 100);
    TimeWindow week = window("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z");

    List<Instance> got = query.instances(week, UTC);

    assertThat(got).extracting(Instance::uid).containsExactly("a");
    assertThat(got.get(0).start()).isEqualTo(Instant.parse("2026-03-05T10:00:00Z"));
    assertThat(expansions).hasValue(0);
  }

  @Test
  void instances_windowOutsideHorizonOrOtherZone_expandsOnDemand() {
    List<Series> series =
        List.of(
            single("past", "1997-07-14T17:30:00", Duration.ofHours(1)),
            single("now", "2026-03-05T10:00:00", Duration.ofHours(1)),
            single("future", "2040-01-01T09:00:00", Duration.ZERO));
    store.replace("s", calendar(series), materialize("s", series, HORIZON, UTC), null);
    EventQuery query = query(List.of("s"), 100);

    assertThat(query.instances(window("1997-07-14T00:00:00Z", "1997-07-15T00:00:00Z"), UTC))
        .extracting(Instance::uid)
        .containsExactly("past");
    assertThat(query.instances(window("2040-01-01T00:00:00Z", "2040-01-02T00:00:00Z"), UTC))
        .extracting(Instance::uid)
        .containsExactly("future");
    // Floating 10:00 in Tokyo is 01:00Z: the materialized UTC instants would be wrong there.
    assertThat(query.instances(HORIZON, TOKYO))
        .extracting(Instance::start)
        .containsExactly(Instant.parse("2026-03-05T01:00:00Z"));
    assertThat(expansions).hasValue(3);
  }

  @Test
  void instances_severalSourcesOnDifferentPaths_mergesSortedByStart() {
    List<Series> a =
        List.of(
            single("a1", "2026-03-05T12:00:00", Duration.ofHours(1)),
            single("a2", "2026-03-03T12:00:00", Duration.ofHours(1)));
    List<Series> b =
        List.of(
            single("b1", "2026-03-04T12:00:00", Duration.ofHours(1)),
            single("b2", "2026-03-05T12:00:00", Duration.ZERO));
    store.replace("a", calendar(a), materialize("a", a, HORIZON, UTC), null);
    store.replace("b", calendar(b), null, null);
    EventQuery query = query(List.of("a", "b", "unknown"), 100);

    List<Instance> got = query.instances(HORIZON, UTC);

    assertThat(got).extracting(Instance::uid).containsExactly("a2", "b1", "b2", "a1");
    assertThat(got).isSortedAccordingTo(Instance::byStart);
  }

  @Test
  void instances_mergedResultOverTheCap_throwsTooManyInstancesNamingTheLimit() {
    List<Series> a = new ArrayList<>();
    List<Series> b = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      a.add(single("a" + i, "2026-03-0" + (i + 1) + "T08:00:00", Duration.ofHours(1)));
      b.add(single("b" + i, "2026-03-0" + (i + 1) + "T09:00:00", Duration.ofHours(1)));
    }
    store.replace("a", calendar(a), materialize("a", a, HORIZON, UTC), null);
    store.replace("b", calendar(b), null, null);
    EventQuery query = query(List.of("a", "b"), 10);

    assertThat(query(List.of("a"), 10).instances(HORIZON, UTC)).hasSize(6);
    assertThatThrownBy(() -> query.instances(HORIZON, UTC))
        .isInstanceOf(TooManyInstancesException.class)
        .hasMessageContaining("produced more than 10 instances across all sources")
        .hasMessageContaining("narrower window")
        .satisfies(e -> assertThat(((TooManyInstancesException) e).limit()).isEqualTo(10));
  }

  @Test
  void instances_sourceIdsChange_usesTheCurrentSetEachQuery() {
    List<Series> a = List.of(single("a1", "2026-03-05T12:00:00", Duration.ofHours(1)));
    store.replace("a", calendar(a), null, null);
    List<String> configured = new ArrayList<>();
    EventQuery query = new EventQuery(store, singles, ExpansionConfig.defaults(), () -> configured);

    assertThat(query.instances(HORIZON, UTC)).isEmpty();
    configured.add("a");
    assertThat(query.instances(HORIZON, UTC)).hasSize(1);
  }

  private EventQuery query(List<String> ids, int cap) {
    ExpansionConfig d = ExpansionConfig.defaults();
    return new EventQuery(
        store,
        singles,
        new ExpansionConfig(
            cap, d.maxIterationsPerRule(), d.materializePast(), d.materializeFuture()),
        () -> ids);
  }

  private static Series single(String uid, String floating, Duration duration) {
    return new Series(
        uid,
        new EventTime.Floating(LocalDateTime.parse(floating)),
        EventLength.exact(duration),
        null,
        null,
        null,
        new EventDetails(uid, null, null, null, null, null, null, null, null),
        null);
  }

  private static CalendarData calendar(List<Series> series) {
    return new CalendarData("c", series, ZoneTable.empty(), List.of());
  }

  private static TimeWindow window(String from, String to) {
    return new TimeWindow(Instant.parse(from), Instant.parse(to));
  }

  private static Materialization materialize(
      String sourceId, List<Series> series, TimeWindow horizon, ZoneId zone) {
    return new Materialization(
        horizon, zone, expandSingles(sourceId, series, ZoneTable.empty(), horizon, zone));
  }

  /** Expansion of non-recurring series, enough to tell the paths apart. */
  static List<Instance> expandSingles(
      String sourceId, List<Series> series, ZoneTable zones, TimeWindow window, ZoneId zone) {
    List<Instance> out = new ArrayList<>();
    for (Series s : series) {
      Instant start = s.start().toInstant(zones, zone);
      Instant end = start.plus(s.length().approximate());
      if (window.overlaps(start, end)) {
        out.add(
            new Instance(
                InstanceId.of(sourceId, s.uid(), ""),
                sourceId,
                s.uid(),
                null,
                start,
                end,
                s.start().isDate(),
                s.details()));
      }
    }
    out.sort(Instance::byStart);
    return out;
  }
}
