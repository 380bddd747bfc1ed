package calendarbot.whatsnext;

import calendarbot.status.Freshness;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The kiosk's view at one instant.
 *
 * @param currentTime "now" (or {@code debug_time}) as an offset date-time in the display zone
 * @param displayDate the local date spelled out, e.g. "Sunday, 22 November 2026"
 * @param currentEvents timed events in progress now
 * @param nextEvents the timed events with the earliest upcoming start (all that share it), looking
 *     up to {@link WhatsNextService#LOOKAHEAD} ahead
 * @param laterEvents the other timed events starting later today
 * @param allDayEvents all-day events of today
 * @param display how the page should present this answer, from the settings in force
 */
public record WhatsNext(
    @JsonProperty("current_time") String currentTime,
    @JsonProperty("display_date") String displayDate,
    String timezone,
    @JsonProperty("current_events") List<WhatsNextEvent> currentEvents,
    @JsonProperty("next_events") List<WhatsNextEvent> nextEvents,
    @JsonProperty("later_events") List<WhatsNextEvent> laterEvents,
    @JsonProperty("all_day_events") List<WhatsNextEvent> allDayEvents,
    @JsonProperty("status_info") Freshness statusInfo,
    DisplayInfo display) {

  /**
   * A hash of this answer's state without its time-relative fields ({@code current_time}, {@code
   * time_until_minutes}, {@code time_remaining_minutes}, {@code is_current}, {@code is_upcoming}):
   * equal for two answers of the same day, events, {@code status_info} and {@code display}, however
   * far apart in time they were computed. Used as a weak HTTP validator.
   *
   * @return 32 lowercase hex digits
   */
  public String fingerprint() {
    return Fingerprint.of(this);
  }
}
