package calendarbot.event;

import java.util.List;
import java.util.Objects;

/**
 * The descriptive properties of a VEVENT that later filters and the kiosk need. Text values are
 * unescaped; absent values are {@code null} (lists are empty).
 *
 * @param status STATUS upper-cased: {@code CONFIRMED} (also when absent), {@code TENTATIVE} or
 *     {@code CANCELLED}
 * @param transparency TRANSP: {@code OPAQUE} (also when absent) or {@code TRANSPARENT}
 * @param classification CLASS: {@code PUBLIC} (also when absent), {@code PRIVATE}, {@code
 *     CONFIDENTIAL} or an x-name
 * @param organizer the ORGANIZER address without {@code mailto:}, or {@code null}
 */
public record EventDetails(
    String summary,
    String location,
    String description,
    String url,
    String status,
    String transparency,
    String classification,
    String organizer,
    List<Attendee> attendees) {
  public EventDetails {
    status = status == null ? "CONFIRMED" : status;
    transparency = transparency == null ? "OPAQUE" : transparency;
    classification = classification == null ? "PUBLIC" : classification;
    attendees = List.copyOf(Objects.requireNonNullElse(attendees, List.of()));
  }

  public boolean cancelled() {
    return "CANCELLED".equals(status);
  }
}
