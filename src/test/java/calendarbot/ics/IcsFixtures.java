package calendarbot.ics;

import calendarbot.config.ExpansionConfig;
import calendarbot.event.CalendarData;
import calendarbot.event.Instance;
import calendarbot.event.Series;
import calendarbot.event.TimeWindow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** Loads feeds from {@code src/test/resources/ics/} and expands them, for the ics tests. */
final class IcsFixtures {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private IcsFixtures() {}

  static CalendarData parse(String resource) {
    try (InputStream in = IcsFixtures.class.getResourceAsStream("/ics/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource /ics/" + resource);
      }
      return new IcsParser().parse(in, "source 'test'");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CalendarData parseText(String ics) {
    return new IcsParser()
        .parse(new ByteArrayInputStream(ics.getBytes(StandardCharsets.UTF_8)), "source 'test'");
  }

  static Expander expander() {
    return new Expander(
        new ExpansionConfig(20_000, 200_000, Duration.ofDays(14), Duration.ofDays(90)));
  }

  static TimeWindow window(LocalDate from, LocalDate toExclusive, ZoneId zone) {
    return new TimeWindow(
        from.atStartOfDay(zone).toInstant(), toExclusive.atStartOfDay(zone).toInstant());
  }

  static Series series(CalendarData data, String uid) {
    return data.series().stream()
        .filter(s -> s.uid().equals(uid))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no series " + uid));
  }

  static List<Instance> expand(
      CalendarData data, String uid, LocalDate from, LocalDate to, ZoneId zone) {
    return expander()
        .expand("test", List.of(series(data, uid)), data.zones(), window(from, to, zone), zone);
  }

  /** Instance starts as local date-times in {@code zone}, for readable assertions. */
  static List<LocalDateTime> localStarts(List<Instance> instances, ZoneId zone) {
    return instances.stream().map(i -> LocalDateTime.ofInstant(i.start(), zone)).toList();
  }

  static List<LocalDateTime> starts(
      CalendarData data, String uid, LocalDate from, LocalDate to, ZoneId zone) {
    return localStarts(expand(data, uid, from, to, zone), zone);
  }

  static LocalDateTime at(int y, int m, int d, int h, int min) {
    return LocalDateTime.of(y, m, d, h, min);
  }
}
