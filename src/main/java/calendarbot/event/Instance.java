package calendarbot.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One occurrence of a series, resolved to instants for a display zone.
 *
 * @param recurrenceId {@link EventTime#key} of the original start for instances of a recurring
 *     series, {@code null} for a single event
 * @param end exclusive; equal to {@code start} for a zero-length event. For all-day instances,
 *     local midnight after the last day.
 */
public record Instance(
    InstanceId id,
    String sourceId,
    String uid,
    String recurrenceId,
    Instant start,
    Instant end,
    boolean allDay,
    EventDetails details) {
  public Instance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(details, "details");
  }

  /** Orders by start, then end, then id: the order of every API answer. */
  public static int byStart(Instance a, Instance b) {
    int c = a.start.compareTo(b.start);
    if (c == 0) {
      c = a.end.compareTo(b.end);
    }
    return c != 0 ? c : a.id.value().compareTo(b.id.value());
  }
}
