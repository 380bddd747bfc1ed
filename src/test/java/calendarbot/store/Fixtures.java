package calendarbot.store;

import calendarbot.event.Attendee;
import calendarbot.event.CalendarData;
import calendarbot.event.EventDetails;
import calendarbot.event.EventLength;
import calendarbot.event.EventTime;
import calendarbot.event.Instance;
import calendarbot.event.InstanceId;
import calendarbot.event.Series;
import calendarbot.event.TimeWindow;
import calendarbot.event.ZoneTable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Builders for store tests. */
final class Fixtures {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private Fixtures() {}

  static EventDetails details(String summary) {
    return new EventDetails(summary, null, null, null, null, null, null, null, List.of());
  }

  static EventDetails richDetails() {
    return new EventDetails(
        "Planning \u00fc \"quoted\"",
        "",
        "line1\nline2",
        "https://example.org/x",
        "TENTATIVE",
        "TRANSPARENT",
        "PRIVATE",
        "boss@example.org",
        List.of(
            new Attendee("a@example.org", "Ann", "ACCEPTED"),
            new Attendee("b@example.org", null, null)));
  }

  static Series single(String uid, EventTime start, Duration duration) {
    return new Series(
        uid, start, EventLength.exact(duration), null, null, null, details(uid), null);
  }

  static Series utc(String uid, String start, Duration duration) {
    return single(uid, new EventTime.Utc(Instant.parse(start)), duration);
  }

  static CalendarData calendar(List<Series> series) {
    return new CalendarData("test", series, ZoneTable.empty(), List.of());
  }

  static Instance instance(String sourceId, String uid, String start, String end, boolean allDay) {
    return instance(sourceId, uid, Instant.parse(start), Instant.parse(end), allDay, uid);
  }

  static Instance instance(
      String sourceId, String uid, Instant start, Instant end, boolean allDay, String summary) {
    return new Instance(
        InstanceId.of(sourceId, uid, start.toString()),
        sourceId,
        uid,
        start.toString(),
        start,
        end,
        allDay,
        details(summary));
  }

  static Materialization materialization(String from, String to, List<Instance> instances) {
    return new Materialization(
        new TimeWindow(Instant.parse(from), Instant.parse(to)), ZoneId.of("UTC"), instances);
  }

  /** {@code n} hourly one-hour UTC events from {@code from}, each summarised {@code summary}. */
  static List<Series> hourly(int n, Instant from, String summary) {
    List<Series> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new Series(
              "uid-" + i,
              new EventTime.Utc(from.plus(Duration.ofHours(i))),
              EventLength.exact(Duration.ofHours(1)),
              null,
              null,
              null,
              details(summary),
              null));
    }
    return out;
  }
}
