package calendarbot.store;

import static calendarbot.store.Fixtures.calendar;
import static calendarbot.store.Fixtures.instance;
import static calendarbot.store.Fixtures.materialization;
import static calendarbot.store.Fixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.error.StorageException;
import calendarbot.event.CalendarData;
import calendarbot.event.EventLength;
import calendarbot.event.EventTime;
import calendarbot.event.Instance;
import calendarbot.event.InstanceOverride;
import calendarbot.event.Series;
import calendarbot.event.TimeWindow;
import calendarbot.event.ZoneTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(ConnectionKind.class)
class SeriesStoreIT {
  @Parameter ConnectionKind kind;

  private static final TimeWindow ALL =
      new TimeWindow(Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("2200-01-01T00:00:00Z"));

  @TempDir Path dir;
  Database db;
  SeriesStore store;

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
  void replace_seriesOfEveryKindAndCustomZone_roundTripsEqual() {
    ZoneRules custom = customRules();
    List<Series> series =
        List.of(
            new Series(
                "weekly",
                new EventTime.Zoned(LocalDateTime.parse("2026-03-02T09:00"), "My Zone"),
                EventLength.exact(Duration.ofHours(1)),
                "FREQ=WEEKLY;BYDAY=MO",
                List.of(new EventTime.Utc(Instant.parse("2026-03-05T08:00:00Z"))),
                List.of(new EventTime.Zoned(LocalDateTime.parse("2026-03-09T09:00"), "My Zone")),
                Fixtures.richDetails(),
                List.of(
                    new InstanceOverride(
                        new EventTime.Zoned(LocalDateTime.parse("2026-03-16T09:00"), "My Zone"),
                        new EventTime.Floating(LocalDateTime.parse("2026-03-17T10:00")),
                        EventLength.exact(Duration.ofMinutes(30)),
                        Fixtures.details("moved")))),
            Fixtures.single(
                "allday", new EventTime.AllDay(LocalDate.parse("2026-03-04")), Duration.ofDays(2)),
            Fixtures.single(
                "floating",
                new EventTime.Floating(LocalDateTime.parse("2026-03-04T12:00")),
                Duration.ZERO),
            new Series("orphan", null, null, null, null, null, null, null));
    CalendarData data =
        new CalendarData("cal", series, new ZoneTable(Map.of("My Zone", custom)), List.of());

    store.replace("a", data, null);

    assertThat(store.seriesOverlapping("a", ALL)).containsExactlyElementsOf(series);
    ZoneTable zones = store.zones("a");
    assertThat(zones).isEqualTo(data.zones());
    assertThat(zones.resolve(LocalDateTime.parse("2026-07-01T12:00"), "My Zone"))
        .isEqualTo(Instant.parse("2026-07-01T09:00:00Z"));
    assertThat(store.candidates("a", ALL)).isEqualTo(new StoredSeries(series, data.zones()));
    assertThat(store.seriesCount("a")).isEqualTo(4);
    assertThat(store.materialization("a")).isEmpty();
  }

  @Test
  void replace_secondTime_replacesEverythingOfThatSourceOnly() {
    store.replace(
        "a",
        calendar(List.of(utc("a1", "2026-01-01T10:00:00Z", Duration.ofHours(1)))),
        materialization(
            "2026-01-01T00:00:00Z",
            "2026-02-01T00:00:00Z",
            List.of(instance("a", "a1", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", false))));
    store.replace(
        "b", calendar(List.of(utc("b1", "2026-01-01T10:00:00Z", Duration.ofHours(1)))), null);

    store.replace("a", calendar(List.of(utc("a2", "2026-01-02T10:00:00Z", Duration.ZERO))), null);

    assertThat(store.seriesOverlapping("a", ALL)).extracting(Series::uid).containsExactly("a2");
    assertThat(store.instanceCount("a")).isZero();
    assertThat(store.materialization("a")).isEmpty();
    assertThat(store.seriesOverlapping("b", ALL)).extracting(Series::uid).containsExactly("b1");
  }

  @Test
  void replace_instanceViolatesConstraintMidway_keepsOldDataAndThrowsStorageException() {
    List<Instance> old =
        List.of(instance("a", "x", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", false));
    store.replace(
        "a",
        calendar(List.of(utc("x", "2026-01-01T10:00:00Z", Duration.ofHours(1)))),
        materialization("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", old));
    List<Instance> bad = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      Instant s = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * i);
      bad.add(instance("a", "n" + i, s, s.plusSeconds(60), false, "new"));
    }
    // end before start breaks CHECK (end_ms >= start_ms) after two batches were written.
    bad.add(
        instance(
            "a",
            "broken",
            Instant.parse("2026-01-02T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:00Z"),
            false,
            "broken"));

    assertThatThrownBy(
            () ->
                store.replace(
                    "a",
                    calendar(Fixtures.hourly(2000, Instant.parse("2026-01-01T00:00:00Z"), "new")),
                    materialization("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", bad)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("replace data of source 'a' failed")
        .hasMessageContaining("CHECK constraint failed");

    assertThat(store.seriesOverlapping("a", ALL)).extracting(Series::uid).containsExactly("x");
    assertThat(store.materializedInstances("a", ALL)).isEqualTo(old);
  }

  @Test
  void replace_instanceOfAnotherSource_throwsAndKeepsOldData() {
    store.replace(
        "a", calendar(List.of(utc("x", "2026-01-01T10:00:00Z", Duration.ofHours(1)))), null);

    assertThatThrownBy(
            () ->
                store.replace(
                    "a",
                    calendar(List.of()),
                    materialization(
                        "2026-01-01T00:00:00Z",
                        "2026-02-01T00:00:00Z",
                        List.of(
                            instance(
                                "b", "y", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", false)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("materialization of source 'a' contains instance")
        .hasMessageContaining("of source 'b'");

    assertThat(store.seriesOverlapping("a", ALL)).extracting(Series::uid).containsExactly("x");
  }

  @Test
  void replace_withState_storesDataAndStateTogetherOrNeither() {
    SourceStateStore states = new SourceStateStore(db);
    SourceState fetched =
        new SourceState("a", "\"v2\"", null, Instant.EPOCH, Instant.EPOCH, null, null, null, 0, 1);

    store.replace(
        "a", calendar(List.of(utc("x", "2026-01-01T10:00:00Z", Duration.ZERO))), null, fetched);
    assertThatThrownBy(
            () ->
                store.replace(
                    "a",
                    calendar(List.of()),
                    materialization(
                        "2026-01-01T00:00:00Z",
                        "2026-02-01T00:00:00Z",
                        List.of(
                            instance(
                                "b", "y", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", false))),
                    SourceState.initial("a")))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(states.load("a")).isEqualTo(fetched);
    assertThat(store.seriesCount("a")).isEqualTo(1);
  }

  @Test
  void seriesOverlapping_window_returnsCandidatesByBoundsOnly() {
    Series near = utc("near", "2026-03-10T10:00:00Z", Duration.ofHours(1));
    Series far = utc("far", "2010-03-10T10:00:00Z", Duration.ofHours(1));
    Series endless =
        new Series(
            "endless",
            new EventTime.Utc(Instant.parse("2001-01-01T10:00:00Z")),
            EventLength.exact(Duration.ofHours(1)),
            "FREQ=YEARLY",
            null,
            null,
            Fixtures.details("e"),
            null);
    Series movedHere =
        new Series(
            "moved",
            new EventTime.Utc(Instant.parse("2001-01-01T10:00:00Z")),
            EventLength.exact(Duration.ofHours(1)),
            "FREQ=DAILY;COUNT=3",
            null,
            null,
            Fixtures.details("m"),
            List.of(
                new InstanceOverride(
                    new EventTime.Utc(Instant.parse("2001-01-02T10:00:00Z")),
                    new EventTime.Utc(Instant.parse("2026-03-11T10:00:00Z")),
                    EventLength.exact(Duration.ofHours(1)),
                    Fixtures.details("moved"))));
    Series floatingEdge =
        Fixtures.single(
            "edge", new EventTime.Floating(LocalDateTime.parse("2026-03-16T12:00")), Duration.ZERO);
    store.replace("a", calendar(List.of(near, far, endless, movedHere, floatingEdge)), null);

    // A floating noon can fall anywhere in [00:00Z, 24:00Z] depending on the display zone.
    List<Series> got =
        store.seriesOverlapping(
            "a",
            new TimeWindow(
                Instant.parse("2026-03-09T00:00:00Z"), Instant.parse("2026-03-16T00:00:00Z")));

    assertThat(got).extracting(Series::uid).containsExactly("near", "endless", "moved", "edge");
    assertThat(store.seriesOverlapping("unknown", ALL)).isEmpty();
  }

  @Test
  void materializedInstances_zeroLengthAndAllDayAtTheEdges_followTimeWindowOverlaps() {
    List<Instance> instances =
        List.of(
            instance("a", "zeroAtStart", "2026-03-02T00:00:00Z", "2026-03-02T00:00:00Z", false),
            instance("a", "zeroAtEnd", "2026-03-03T00:00:00Z", "2026-03-03T00:00:00Z", false),
            instance("a", "endsAtStart", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", true),
            instance("a", "startsAtEnd", "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z", true),
            instance("a", "allDayInside", "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", true),
            instance("a", "longAcross", "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z", false),
            instance("a", "lastMs", "2026-03-02T23:59:59.999Z", "2026-03-05T00:00:00Z", false));
    store.replace(
        "a",
        calendar(List.of()),
        materialization("2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z", instances));
    TimeWindow day =
        new TimeWindow(
            Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"));

    List<Instance> got = store.materializedInstances("a", day);

    assertThat(got)
        .extracting(Instance::uid)
        .containsExactly("longAcross", "zeroAtStart", "allDayInside", "lastMs");
    assertThat(got).isSortedAccordingTo(Instance::byStart);
    assertThat(got).allSatisfy(i -> assertThat(day.overlaps(i.start(), i.end())).isTrue());
    assertThat(got.get(2)).isEqualTo(instances.get(4));
    TimeWindow empty = new TimeWindow(day.start(), day.start());
    // TimeWindow.overlaps: an empty window still meets an event that spans its instant.
    assertThat(store.materializedInstances("a", empty))
        .extracting(Instance::uid)
        .containsExactly("longAcross");
  }

  @Test
  void materializedInstances_withZone_answersOnlyCoveredWindowsInThatZone() {
    ZoneId utc = ZoneId.of("UTC");
    store.replace(
        "a",
        calendar(List.of()),
        materialization(
            "2026-03-01T00:00:00Z",
            "2026-04-01T00:00:00Z",
            List.of(instance("a", "x", "2026-03-10T10:00:00Z", "2026-03-10T11:00:00Z", false))));
    TimeWindow inside =
        new TimeWindow(
            Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
    TimeWindow across =
        new TimeWindow(
            Instant.parse("2026-02-28T00:00:00Z"), Instant.parse("2026-03-11T00:00:00Z"));

    assertThat(store.materializedInstances("a", inside, utc))
        .hasValueSatisfying(l -> assertThat(l).hasSize(1));
    assertThat(store.materializedInstances("a", across, utc)).isEmpty();
    assertThat(store.materializedInstances("a", inside, Fixtures.BERLIN)).isEmpty();
    assertThat(store.materializedInstances("nobody", inside, utc)).isEmpty();
    assertThat(store.materialization("a")).contains(new MaterializedHorizon(inside, utc));
  }

  @Test
  void deleteSource_known_removesEverythingAndReportsIt() {
    SourceStateStore states = new SourceStateStore(db);
    states.register("a", "A", java.net.URI.create("https://example.org/a.ics"));
    store.replace(
        "a",
        new CalendarData(
            "c",
            List.of(utc("x", "2026-01-01T10:00:00Z", Duration.ZERO)),
            new ZoneTable(Map.of("Z", customRules())),
            List.of()),
        materialization(
            "2026-01-01T00:00:00Z",
            "2026-02-01T00:00:00Z",
            List.of(instance("a", "x", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z", false))));

    assertThat(store.deleteSource("a")).isTrue();
    assertThat(store.deleteSource("a")).isFalse();

    assertThat(store.seriesCount("a")).isZero();
    assertThat(store.instanceCount("a")).isZero();
    assertThat(store.zones("a")).isEqualTo(ZoneTable.empty());
    assertThat(store.materialization("a")).isEmpty();
    assertThat(states.all()).isEmpty();
  }

  @Test
  void replace_tenThousandSeriesAndFifteenThousandInstances_storesAndReadsBackAWeek() {
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    List<Series> series = Fixtures.hourly(10_000, from, "Weekly sync with a plausible summary");
    List<Instance> instances = new ArrayList<>();
    for (int i = 0; i < 15_000; i++) {
      Instant s = from.plus(Duration.ofMinutes(40L * i));
      instances.add(
          instance(
              "big",
              "uid-" + (i % 10_000),
              s,
              s.plus(Duration.ofMinutes(30)),
              false,
              "Weekly sync"));
    }
    Materialization m =
        new Materialization(
            new TimeWindow(from, from.plus(Duration.ofDays(500))), ZoneId.of("UTC"), instances);
    store.replace("warmup", calendar(Fixtures.hourly(500, from, "w")), null);

    store.replace("big", calendar(series), m);

    TimeWindow week =
        new TimeWindow(from.plus(Duration.ofDays(100)), from.plus(Duration.ofDays(107)));
    List<Instance> weekInstances = store.materializedInstances("big", week);
    List<Series> weekSeries =
        store.seriesOverlapping("big", new TimeWindow(from, from.plus(Duration.ofDays(7))));
    assertThat(weekInstances).hasSize(252);
    assertThat(weekSeries).hasSize(7 * 24 + 19); // hours 0..186: the 18 h slack over-approximates
    assertThat(store.seriesCount("big")).isEqualTo(10_000);
    assertThat(store.instanceCount("big")).isEqualTo(15_000);
    // How long this takes is measured by ParseStoreBenchmark.store10k (docs/BENCHMARKS.md), not
    // here.
  }

  @Test
  void replace_identicalData_reportsNoChange() {
    List<Series> series =
        List.of(
            utc("a", "2026-01-01T10:00:00Z", Duration.ofHours(1)),
            weekly("w", "2026-01-05T09:00:00Z", "FREQ=WEEKLY"));
    store.replace("s", calendar(series), null);

    assertThat(store.replace("s", calendar(List.copyOf(series)), null)).isEmpty();
  }

  @Test
  void replace_firstTimeForASource_reportsTheHullOfAllItsSeries() {
    Series early = utc("early", "2026-01-01T10:00:00Z", Duration.ofHours(1));
    Series late = utc("late", "2026-06-01T10:00:00Z", Duration.ofHours(2));
    store.replace(
        "other", calendar(List.of(utc("x", "2020-01-01T00:00:00Z", Duration.ZERO))), null);

    assertThat(store.replace("s", calendar(List.of(late, early)), null))
        .contains(hull(bounds(early), bounds(late)));
  }

  @Test
  void replace_oneBoundedEventMoved_reportsTheHullOfItsOldAndNewBoundsOnly() {
    Series stays = utc("stays", "2026-09-01T10:00:00Z", Duration.ofHours(1));
    Series before = utc("moves", "2026-03-02T10:00:00Z", Duration.ofHours(1));
    Series after = utc("moves", "2026-03-04T15:00:00Z", Duration.ofMinutes(30));
    store.replace("s", calendar(List.of(stays, before)), null);

    TimeWindow span = store.replace("s", calendar(List.of(stays, after)), null).orElseThrow();

    assertThat(span).isEqualTo(hull(bounds(before), bounds(after)));
    assertThat(span.start()).isBeforeOrEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    assertThat(span.end()).isAfterOrEqualTo(Instant.parse("2026-03-04T15:30:00Z"));
    assertThat(
            span.overlaps(
                Instant.parse("2026-09-01T10:00:00Z"), Instant.parse("2026-09-01T11:00:00Z")))
        .isFalse();
  }

  @Test
  void replace_eventAddedFarAhead_reportsOnlyItsBounds() {
    List<Series> today =
        List.of(
            utc("a", "2026-11-23T09:00:00Z", Duration.ofHours(1)),
            weekly("w", "2026-01-05T09:00:00Z", "FREQ=WEEKLY"));
    Series far = utc("far", "2031-05-01T12:00:00Z", Duration.ofHours(3));
    store.replace("s", calendar(today), null);
    List<Series> more = new ArrayList<>(today);
    more.add(far);

    TimeWindow span = store.replace("s", calendar(more), null).orElseThrow();

    assertThat(span).isEqualTo(bounds(far));
    assertThat(span.start()).isAfter(Instant.parse("2031-04-30T00:00:00Z"));
  }

  @Test
  void replace_unboundedRecurringSeriesChanged_reportsAnOpenEnd() {
    Series before = weekly("w", "2026-01-05T09:00:00Z", "FREQ=WEEKLY;BYDAY=MO");
    Series after = weekly("w", "2026-01-05T09:00:00Z", "FREQ=WEEKLY;BYDAY=MO,WE");
    store.replace("s", calendar(List.of(before)), null);

    TimeWindow span = store.replace("s", calendar(List.of(after)), null).orElseThrow();

    assertThat(span.start()).isEqualTo(bounds(before).start());
    assertThat(span.end()).isEqualTo(Instant.MAX);
  }

  @Test
  void replace_seriesWithoutAnyStartAdded_reportsEverything() {
    store.replace("s", calendar(List.of(utc("a", "2026-01-01T10:00:00Z", Duration.ZERO))), null);
    List<Series> withOrphan =
        List.of(
            utc("a", "2026-01-01T10:00:00Z", Duration.ZERO),
            new Series("orphan", null, null, null, null, null, null, null));

    assertThat(store.replace("s", calendar(withOrphan), null))
        .contains(new TimeWindow(Instant.MIN, Instant.MAX));
  }

  @Test
  void replace_timeZoneDefinitionChanged_reportsEverything() {
    List<Series> series =
        List.of(
            new Series(
                "zoned",
                new EventTime.Zoned(LocalDateTime.parse("2026-03-02T09:00"), "My Zone"),
                EventLength.exact(Duration.ofHours(1)),
                null,
                null,
                null,
                Fixtures.details("zoned"),
                null));
    store.replace(
        "s",
        new CalendarData("cal", series, new ZoneTable(Map.of("My Zone", customRules())), List.of()),
        null);

    ZoneRules plusFour = ZoneRules.of(ZoneOffset.ofHours(4));
    Optional<TimeWindow> span =
        store.replace(
            "s",
            new CalendarData("cal", series, new ZoneTable(Map.of("My Zone", plusFour)), List.of()),
            null);

    assertThat(span).contains(new TimeWindow(Instant.MIN, Instant.MAX));
  }

  private static Series weekly(String uid, String start, String rrule) {
    return new Series(
        uid,
        new EventTime.Utc(Instant.parse(start)),
        EventLength.exact(Duration.ofMinutes(15)),
        rrule,
        null,
        null,
        Fixtures.details(uid),
        null);
  }

  /** The stored bounds of {@code s} as a window, unbounded sides as Instant.MIN/MAX. */
  private static TimeWindow bounds(Series s) {
    SeriesBounds b = SeriesBounds.of(s, ZoneTable.empty());
    return new TimeWindow(
        b.first() == null ? Instant.MIN : Instant.ofEpochMilli(b.first()),
        b.last() == null ? Instant.MAX : Instant.ofEpochMilli(b.last()));
  }

  private static TimeWindow hull(TimeWindow a, TimeWindow b) {
    return new TimeWindow(
        a.start().isBefore(b.start()) ? a.start() : b.start(),
        a.end().isAfter(b.end()) ? a.end() : b.end());
  }

  /** A fixed +03:00 zone without DST, as a feed's own VTIMEZONE might define. */
  private static ZoneRules customRules() {
    return ZoneRules.of(
        ZoneOffset.ofHours(3),
        ZoneOffset.ofHours(3),
        List.of(),
        List.of(),
        List.of(
            ZoneOffsetTransitionRule.of(
                Month.MARCH,
                1,
                null,
                java.time.LocalTime.MIDNIGHT,
                false,
                ZoneOffsetTransitionRule.TimeDefinition.UTC,
                ZoneOffset.ofHours(3),
                ZoneOffset.ofHours(3),
                ZoneOffset.ofHours(3))));
  }
}
