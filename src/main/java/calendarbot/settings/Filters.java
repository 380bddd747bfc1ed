package calendarbot.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Which instances a person sees. Every filter applies to {@code /api/whats-next/data}, the kiosk
 * page and the e-ink image, and to {@code /api/events?filtered=true}.
 *
 * @param titlePatterns instances whose title matches any of these are hidden
 * @param hideAllDay hide all-day instances
 * @param hideDeclined hide instances where one of {@code myAddresses} has PARTSTAT=DECLINED
 * @param myAddresses the calendar owner's addresses (lower-cased, without {@code mailto:}); used by
 *     {@code hideDeclined}
 * @param hideTransparent hide free instances (TRANSP:TRANSPARENT)
 * @param hideCancelled hide STATUS:CANCELLED instances and Outlook's "Canceled: " / "Cancelled: "
 *     title prefixes
 * @param hideFocusTime hide instances whose title matches any of {@code focusTimePatterns}
 * @param focusTimePatterns what counts as focus time (Outlook and Google name it "Focus time")
 * @param disabledSources ids of sources whose instances are not shown (their data is still kept and
 *     refreshed)
 * @param privateAsBusy show CLASS:PRIVATE and CONFIDENTIAL instances as "Busy", without location,
 *     description or link
 */
public record Filters(
    @JsonProperty("title_patterns") List<TitlePattern> titlePatterns,
    @JsonProperty("hide_all_day") boolean hideAllDay,
    @JsonProperty("hide_declined") boolean hideDeclined,
    @JsonProperty("my_addresses") List<String> myAddresses,
    @JsonProperty("hide_transparent") boolean hideTransparent,
    @JsonProperty("hide_cancelled") boolean hideCancelled,
    @JsonProperty("hide_focus_time") boolean hideFocusTime,
    @JsonProperty("focus_time_patterns") List<TitlePattern> focusTimePatterns,
    @JsonProperty("disabled_sources") List<String> disabledSources,
    @JsonProperty("private_as_busy") boolean privateAsBusy) {
  public Filters {
    titlePatterns = List.copyOf(Objects.requireNonNull(titlePatterns, "titlePatterns"));
    myAddresses = List.copyOf(Objects.requireNonNull(myAddresses, "myAddresses"));
    focusTimePatterns = List.copyOf(Objects.requireNonNull(focusTimePatterns, "focusTimePatterns"));
    disabledSources = List.copyOf(Objects.requireNonNull(disabledSources, "disabledSources"));
  }

  /** Nothing hidden but cancelled and declined instances; private ones shown as busy. */
  public static Filters defaults() {
    return new Filters(
        List.of(),
        false,
        true,
        List.of(),
        false,
        true,
        false,
        List.of(TitlePattern.substring("Focus time")),
        List.of(),
        true);
  }
}
