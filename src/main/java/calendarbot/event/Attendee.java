package calendarbot.event;

import java.util.Locale;
import java.util.Objects;

/**
 * An ATTENDEE of an event.
 *
 * @param email the calendar address without {@code mailto:}, lower-cased
 * @param name the CN parameter, or {@code null}
 * @param partstat the PARTSTAT parameter upper-cased ({@code NEEDS-ACTION} when absent)
 */
public record Attendee(String email, String name, String partstat) {
  public Attendee {
    Objects.requireNonNull(email, "email");
    email = email.toLowerCase(Locale.ROOT);
    partstat = partstat == null ? "NEEDS-ACTION" : partstat.toUpperCase(Locale.ROOT);
  }
}
