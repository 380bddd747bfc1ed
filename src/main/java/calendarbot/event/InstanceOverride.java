package calendarbot.event;

import java.time.Duration;
import java.util.Objects;

/**
 * A VEVENT with a RECURRENCE-ID: replaces one instance of its series (moved, retitled) or, when its
 * STATUS is CANCELLED, removes it.
 *
 * @param recurrenceId the original start of the instance it replaces
 * @param start the instance's actual start
 * @param duration the instance's actual length (zero or more)
 */
public record InstanceOverride(
    EventTime recurrenceId, EventTime start, Duration duration, EventDetails details) {
  public InstanceOverride {
    Objects.requireNonNull(recurrenceId, "recurrenceId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(details, "details");
  }
}
