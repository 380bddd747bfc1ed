package calendarbot.whatsnext;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One event as the kiosk shows it. Field names follow the original CalendarBot's {@code
 * /api/whats-next/data} so its kiosk clients keep working.
 *
 * @param timeUntilMinutes whole minutes until the start, rounded up (0 once started)
 * @param timeRemainingMinutes for an event in progress, whole minutes until its end rounded up;
 *     otherwise {@code null}
 * @param meetingUrl a recognised online-meeting link (Teams, Zoom, Meet) found in the url, location
 *     or description, or {@code null}
 * @param meetingProvider {@code "teams"}, {@code "zoom"} or {@code "meet"} with {@code meetingUrl}
 */
public record WhatsNextEvent(
    String id,
    @JsonProperty("source_id") String sourceId,
    String uid,
    String subject,
    @JsonProperty("start_time") String startTime,
    @JsonProperty("end_time") String endTime,
    String location,
    String description,
    String url,
    @JsonProperty("time_until_minutes") long timeUntilMinutes,
    @JsonProperty("time_remaining_minutes") Long timeRemainingMinutes,
    @JsonProperty("duration_minutes") long durationMinutes,
    @JsonProperty("is_current") boolean isCurrent,
    @JsonProperty("is_upcoming") boolean isUpcoming,
    @JsonProperty("all_day") boolean allDay,
    String status,
    String transparency,
    @JsonProperty("meeting_url") String meetingUrl,
    @JsonProperty("meeting_provider") String meetingProvider) {}
