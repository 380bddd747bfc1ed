package calendarbot.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A half-open interval {@code [start, end)} of instants.
 *
 * <p>An event overlaps the window when it starts before {@code end} and ends after {@code start}; a
 * zero-length event at instant {@code t} overlaps when {@code start <= t < end}.
 */
public record TimeWindow(Instant start, Instant end) {
  public TimeWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "end must not be before start, but was " + start + " .. " + end);
    }
  }

  /** Whether an event spanning {@code [eventStart, eventEnd)} overlaps this window. */
  public boolean overlaps(Instant eventStart, Instant eventEnd) {
    if (eventStart.equals(eventEnd)) {
      return !eventStart.isBefore(start) && eventStart.isBefore(end);
    }
    return eventStart.isBefore(end) && eventEnd.isAfter(start);
  }

  /** Whether {@code other} lies entirely inside this window. */
  public boolean covers(TimeWindow other) {
    return !other.start.isBefore(start) && !other.end.isAfter(end);
  }
}
