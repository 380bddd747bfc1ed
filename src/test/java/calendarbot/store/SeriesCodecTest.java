package calendarbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.event.EventLength;
import calendarbot.event.EventTime;
import calendarbot.event.InstanceOverride;
import calendarbot.event.Series;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SeriesCodecTest {

  @Test
  void encode_seriesWithEveryTimeVariantAndOverride_roundTripsEqual() {
    Series s =
        new Series(
            "uid-1@example.org",
            new EventTime.Zoned(LocalDateTime.parse("2026-03-01T09:00"), "Custom|Zone/Odd"),
            EventLength.exact(Duration.ofMinutes(90)),
            "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T000000Z",
            List.of(
                new EventTime.Utc(Instant.parse("2026-05-01T10:15:30Z")),
                new EventTime.Floating(LocalDateTime.parse("2026-05-02T08:00"))),
            List.of(new EventTime.AllDay(LocalDate.parse("2026-03-04"))),
            Fixtures.richDetails(),
            List.of(
                new InstanceOverride(
                    new EventTime.Zoned(LocalDateTime.parse("2026-03-02T09:00"), "Europe/Berlin"),
                    new EventTime.Utc(Instant.parse("2030-01-01T00:00:00Z")),
                    EventLength.exact(Duration.ZERO),
                    Fixtures.details("moved"))));

    assertThat(SeriesCodec.decodeSeries(SeriesCodec.encode(s))).isEqualTo(s);
  }

  @Test
  void encode_overridesOnlySeriesWithoutDetails_roundTripsNulls() {
    Series s = new Series("only-overrides", null, null, null, null, null, null, null);

    assertThat(SeriesCodec.decodeSeries(SeriesCodec.encode(s))).isEqualTo(s);
  }

  @Test
  void encode_emptyStringsAndDefaults_keepsEmptyStringsAndRestoresDefaults() {
    var d = Fixtures.details("");

    String json = SeriesCodec.encode(d);

    assertThat(SeriesCodec.decodeDetails(json)).isEqualTo(d);
    assertThat(json).doesNotContain("CONFIRMED").doesNotContain("OPAQUE").doesNotContain("null");
  }

  @Property(tries = 300)
  void time_anyEventTime_roundTrips(@ForAll("eventTimes") EventTime t) {
    assertThat(SeriesCodec.time(SeriesCodec.time(t))).isEqualTo(t);
  }

  @Provide
  Arbitrary<EventTime> eventTimes() {
    Arbitrary<LocalDateTime> local =
        Arbitraries.longs()
            .between(-5_000_000_000L, 10_000_000_000L)
            .map(s -> LocalDateTime.ofEpochSecond(s, 0, java.time.ZoneOffset.UTC));
    Arbitrary<String> tzid = Arbitraries.strings().ofMinLength(1).ofMaxLength(20);
    return Arbitraries.oneOf(
        local.map(l -> new EventTime.Utc(l.toInstant(java.time.ZoneOffset.UTC))),
        Combinators.combine(local, tzid).as(EventTime.Zoned::new),
        local.map(EventTime.Floating::new),
        local.map(l -> new EventTime.AllDay(l.toLocalDate())));
  }
}
