package calendarbot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.event.CalendarData;
import calendarbot.event.Series;
import calendarbot.ics.IcsParser;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FeedGeneratorTest {
  private static final LocalDate BASE = LocalDate.of(2026, 3, 1);
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void sameSeed_sameBytes_otherSeed_otherBytes() {
    byte[] a = new FeedGenerator(7, BASE, BERLIN).generate(300);
    byte[] b = new FeedGenerator(7, BASE, BERLIN).generate(300);
    byte[] c = new FeedGenerator(8, BASE, BERLIN).generate(300);
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void tenThousandEvents_parseCleanly_sizeAndShapeRealistic() {
    byte[] feed = new FeedGenerator(42, BASE, BERLIN).generate(10_000);
    assertThat(feed.length).isBetween(8_000_000, 9_500_000);
    CalendarData data = new IcsParser().parse(new ByteArrayInputStream(feed), "source 'gen'");
    assertThat(data.warnings()).isEmpty();
    assertThat(data.componentCount()).isEqualTo(10_000);
    long recurring = data.series().stream().filter(Series::recurring).count();
    assertThat(recurring).isBetween(700L, 1_300L);
    assertThat(data.series().stream().mapToInt(s -> s.overrides().size()).sum()).isPositive();
    assertThat(data.series().stream().filter(s -> !s.exdates().isEmpty()).count()).isPositive();
    assertThat(data.zones().custom()).containsKey(FeedGenerator.OUTLOOK_TZID);
  }

  @Test
  void zoneWithoutDst_fixedVtimezone_parses() {
    byte[] feed = new FeedGenerator(1, BASE, ZoneId.of("Asia/Tokyo")).generate(200);
    CalendarData data = new IcsParser().parse(new ByteArrayInputStream(feed), "source 'gen'");
    assertThat(data.warnings()).isEmpty();
    assertThat(data.componentCount()).isEqualTo(200);
  }
}
