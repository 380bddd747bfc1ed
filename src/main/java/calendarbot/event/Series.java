package calendarbot.event;

import java.util.List;
import java.util.Objects;

/**
 * One UID of a feed: the master VEVENT with its recurrence rule, dates and overrides. A
 * non-recurring event is a series with no rule and no RDATEs. A feed may contain only overrides for
 * a UID (an invitation to one instance); then {@code start} is {@code null} and only the overrides
 * produce instances.
 *
 * @param start DTSTART of the master, or {@code null} when the feed has only overrides
 * @param length DTEND − DTSTART (exact), or DURATION (nominal days plus exact time); for dates a
 *     whole number of days
 * @param rrule the RRULE value exactly as written (e.g. {@code FREQ=WEEKLY;BYDAY=MO}), or {@code
 *     null}
 */
public record Series(
    String uid,
    EventTime start,
    EventLength length,
    String rrule,
    List<EventTime> rdates,
    List<EventTime> exdates,
    EventDetails details,
    List<InstanceOverride> overrides) {
  public Series {
    Objects.requireNonNull(uid, "uid");
    rdates = List.copyOf(Objects.requireNonNullElse(rdates, List.of()));
    exdates = List.copyOf(Objects.requireNonNullElse(exdates, List.of()));
    overrides = List.copyOf(Objects.requireNonNullElse(overrides, List.of()));
  }

  /** Whether the master recurs (RRULE or RDATE). */
  public boolean recurring() {
    return rrule != null || !rdates.isEmpty();
  }
}
