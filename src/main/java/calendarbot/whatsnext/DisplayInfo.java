package calendarbot.whatsnext;

import calendarbot.settings.Display;
import calendarbot.settings.SettingsSnapshot;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code display} block of a what's-next answer: what the page needs to present it, so a
 * settings change reaches a running kiosk with its next poll.
 *
 * @param settingsVersion {@link SettingsSnapshot#version} the answer was computed with
 */
public record DisplayInfo(
    String clock,
    String layout,
    String theme,
    @JsonProperty("later_events") int laterEvents,
    @JsonProperty("poll_interval_seconds") int pollIntervalSeconds,
    @JsonProperty("settings_version") long settingsVersion) {
  static DisplayInfo of(SettingsSnapshot s) {
    Display d = s.display();
    return new DisplayInfo(
        d.clock(), d.layout(), d.theme(), d.laterEvents(), d.pollIntervalSeconds(), s.version());
  }
}
