package calendarbot.web;

import calendarbot.event.Attendee;
import calendarbot.event.EventDetails;
import calendarbot.event.Instance;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.ZoneId;
import java.util.List;

/** The wire form of one instance in {@code /api/events}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record EventJson(
    String id,
    String uid,
    String recurrenceId,
    String summary,
    String location,
    String description,
    String url,
    String start,
    String end,
    boolean allDay,
    String sourceId,
    String status,
    String transparency,
    String classification,
    String organizer,
    List<AttendeeJson> attendees) {

  record AttendeeJson(String email, String name, String partstat) {}

  static EventJson of(Instance i, ZoneId zone) {
    EventDetails d = i.details();
    return new EventJson(
        i.id().value(),
        i.uid(),
        recurrenceId(i.recurrenceId()),
        d.summary(),
        d.location(),
        d.description(),
        d.url(),
        i.start().atZone(zone).toOffsetDateTime().toString(),
        i.end().atZone(zone).toOffsetDateTime().toString(),
        i.allDay(),
        i.sourceId(),
        d.status(),
        d.transparency(),
        d.classification(),
        d.organizer(),
        d.attendees().stream().map(EventJson::attendee).toList());
  }

  /**
   * The original start of a recurring instance in ISO form: a UTC instant, a floating local
   * date-time, or a date. Instance keys carry an {@code F:}/{@code D:} prefix to keep the kinds
   * apart in ids; the API shows the value alone.
   */
  static String recurrenceId(String key) {
    if (key == null) {
      return null;
    }
    return key.startsWith("F:") || key.startsWith("D:") ? key.substring(2) : key;
  }

  private static AttendeeJson attendee(Attendee a) {
    return new AttendeeJson(a.email(), a.name(), a.partstat());
  }
}
