package calendarbot.event;

import java.util.Objects;

/**
 * A VEVENT with a RECURRENCE-ID: replaces one instance of its series (moved, retitled) or, when its
 * STATUS is CANCELLED, removes it.
 *
 * @param recurrenceId the original start of the instance it replaces
 * @param start the instance's actual start
 * @param length the instance's actual length
 */
public record InstanceOverride(
    EventTime recurrenceId, EventTime start, EventLength length, EventDetails details) {
  public InstanceOverride {
    Objects.requireNonNull(recurrenceId, "recurrenceId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(details, "details");
  }
}
