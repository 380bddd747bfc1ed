package calendarbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.event.EventLength;
import calendarbot.event.EventTime;
import calendarbot.event.InstanceOverride;
import calendarbot.event.Series;
import calendarbot.event.ZoneTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SeriesBoundsTest {
  private static final List<String> ZONES =
      List.of(
          "UTC",
          "Pacific/Kiritimati",
          "Etc/GMT+12",
          "America/St_Johns",
          "Australia/Lord_Howe",
          "Europe/Berlin",
          "America/Los_Angeles",
          "Asia/Kathmandu");

  @Property(tries = 500)
  void of_nonRecurringSeries_boundsContainTheInstanceInEveryDisplayZone(
      @ForAll("times") EventTime start,
      @ForAll @IntRange(min = 0, max = 3 * 24 * 60) int minutes,
      @ForAll("zones") String display) {
    boolean allDay = start instanceof EventTime.AllDay;
    Duration duration = allDay ? Duration.ofDays(minutes % 4) : Duration.ofMinutes(minutes);
    Series s = Fixtures.single("u", start, duration);
    ZoneId zone = ZoneId.of(display);

    SeriesBounds b = SeriesBounds.of(s, ZoneTable.empty());

    Instant from = start.toInstant(ZoneTable.empty(), zone);
    Instant to =
        allDay
            ? ((EventTime.AllDay) start)
                .date()
                .plusDays(duration.toDays())
                .atStartOfDay(zone)
                .toInstant()
            : from.plus(duration);
    assertThat(b.first()).isLessThanOrEqualTo(from.toEpochMilli());
    assertThat(b.last()).isGreaterThanOrEqualTo(to.toEpochMilli());
  }

  @Provide
  Arbitrary<String> zones() {
    return Arbitraries.of(ZONES);
  }

  @Provide
  Arbitrary<EventTime> times() {
    Arbitrary<LocalDateTime> local =
        Arbitraries.longs()
            .between(0, 4_000_000_000L)
            .map(s -> LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC));
    return Arbitraries.oneOf(
        local.map(l -> new EventTime.Utc(l.toInstant(ZoneOffset.UTC))),
        local.flatMap(l -> Arbitraries.of(ZONES).map(z -> new EventTime.Zoned(l, z))),
        local.map(EventTime.Floating::new),
        local.map(l -> new EventTime.AllDay(l.toLocalDate())));
  }

  @Test
  void of_ruleWithoutCountOrUntil_isUnboundedAtTheEnd() {
    SeriesBounds b = SeriesBounds.of(weekly("FREQ=WEEKLY;BYDAY=MO"), ZoneTable.empty());

    assertThat(b.first()).isNotNull();
    assertThat(b.last()).isNull();
    assertThat(b.mayOverlap(ms("2090-01-01T00:00:00Z"), ms("2090-01-02T00:00:00Z"))).isTrue();
    assertThat(b.mayOverlap(ms("2020-01-01T00:00:00Z"), ms("2020-01-02T00:00:00Z"))).isFalse();
  }

  @Test
  void of_ruleWithUntil_endsAfterUntilPlusDuration() {
    SeriesBounds b =
        SeriesBounds.of(weekly("FREQ=WEEKLY;UNTIL=20260601T070000Z"), ZoneTable.empty());

    assertThat(b.last()).isGreaterThanOrEqualTo(ms("2026-06-01T08:00:00Z"));
    assertThat(b.mayOverlap(ms("2026-07-01T00:00:00Z"), ms("2026-07-02T00:00:00Z"))).isFalse();
  }

  @Test
  void of_weeklyRuleWithCount_endsAfterTheLastCountedInstance() {
    // DTSTART 2026-03-02 (Monday) 09:00 Berlin; the 10th instance is nine weeks later.
    SeriesBounds b = SeriesBounds.of(weekly("FREQ=WEEKLY;COUNT=10;BYDAY=MO,FR"), ZoneTable.empty());

    assertThat(b.last()).isGreaterThanOrEqualTo(ms("2026-05-04T09:00:00Z"));
    assertThat(b.mayOverlap(ms("2027-01-01T00:00:00Z"), ms("2027-01-02T00:00:00Z"))).isFalse();
  }

  @Test
  void of_countWithFilteringByPart_isUnbounded() {
    assertThat(
            SeriesBounds.of(weekly("FREQ=MONTHLY;COUNT=3;BYMONTHDAY=31"), ZoneTable.empty()).last())
        .isNull();
    assertThat(SeriesBounds.of(weekly("FREQ=HOURLY;COUNT=3"), ZoneTable.empty()).last()).isNull();
  }

  @Test
  void of_overrideMovedFarAway_widensBoundsToIncludeIt() {
    Series s =
        new Series(
            "u",
            new EventTime.Utc(Instant.parse("2026-03-02T09:00:00Z")),
            EventLength.exact(Duration.ofHours(1)),
            "FREQ=DAILY;COUNT=2",
            null,
            null,
            Fixtures.details("u"),
            List.of(
                new InstanceOverride(
                    new EventTime.Utc(Instant.parse("2026-03-03T09:00:00Z")),
                    new EventTime.Utc(Instant.parse("2031-01-01T09:00:00Z")),
                    EventLength.exact(Duration.ofHours(1)),
                    Fixtures.details("moved")),
                new InstanceOverride(
                    new EventTime.Utc(Instant.parse("2026-03-02T09:00:00Z")),
                    new EventTime.Utc(Instant.parse("1999-01-01T09:00:00Z")),
                    EventLength.exact(Duration.ofHours(1)),
                    Fixtures.details("moved back"))));

    SeriesBounds b = SeriesBounds.of(s, ZoneTable.empty());

    assertThat(b.first()).isLessThanOrEqualTo(ms("1999-01-01T09:00:00Z"));
    assertThat(b.last()).isGreaterThanOrEqualTo(ms("2031-01-01T10:00:00Z"));
  }

  @Test
  void of_rdateBeforeStartAndOverridesOnlySeries_areCovered() {
    Series withRdate =
        new Series(
            "u",
            new EventTime.AllDay(LocalDate.parse("2026-03-02")),
            EventLength.exact(Duration.ofDays(1)),
            null,
            List.of(new EventTime.AllDay(LocalDate.parse("2025-12-24"))),
            null,
            Fixtures.details("u"),
            null);
    Series onlyOverride =
        new Series(
            "v",
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(
                new InstanceOverride(
                    new EventTime.Floating(LocalDateTime.parse("2026-04-01T10:00")),
                    new EventTime.Floating(LocalDateTime.parse("2026-04-01T10:00")),
                    EventLength.exact(Duration.ZERO),
                    Fixtures.details("v"))));

    assertThat(SeriesBounds.of(withRdate, ZoneTable.empty()).first())
        .isLessThanOrEqualTo(ms("2025-12-23T10:00:00Z"));
    SeriesBounds v = SeriesBounds.of(onlyOverride, ZoneTable.empty());
    assertThat(v.mayOverlap(ms("2026-04-01T00:00:00Z"), ms("2026-04-01T00:00:01Z"))).isTrue();
    assertThat(v.mayOverlap(ms("2026-05-01T00:00:00Z"), ms("2026-05-02T00:00:00Z"))).isFalse();
  }

  @Test
  void of_unknownTzid_fallsBackToNominalTimeInsteadOfFailing() {
    Series s =
        Fixtures.single(
            "u",
            new EventTime.Zoned(LocalDateTime.parse("2026-03-02T09:00"), "No/Such"),
            Duration.ZERO);

    SeriesBounds b = SeriesBounds.of(s, ZoneTable.empty());

    assertThat(b.mayOverlap(ms("2026-03-02T09:00:00Z"), ms("2026-03-02T09:00:01Z"))).isTrue();
  }

  private static Series weekly(String rule) {
    return new Series(
        "u",
        new EventTime.Zoned(LocalDateTime.parse("2026-03-02T09:00"), "Europe/Berlin"),
        EventLength.exact(Duration.ofHours(1)),
        rule,
        null,
        null,
        Fixtures.details("u"),
        null);
  }

  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }
}
