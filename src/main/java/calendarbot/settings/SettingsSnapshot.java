package calendarbot.settings;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The settings and hidden events in force, as one immutable value. Readers take one snapshot per
 * request so an answer never mixes two versions.
 *
 * @param version increases with every committed change to settings or hidden events (starts at 1
 *     per process); answers and cache keys that depend on settings carry it
 * @param zone the effective display zone ({@link Display#zoneOr} the server zone)
 */
public record SettingsSnapshot(
    long version, Settings settings, List<HiddenEvent> hidden, ZoneId zone, Visibility visibility) {
  public SettingsSnapshot {
    Objects.requireNonNull(settings, "settings");
    hidden = List.copyOf(hidden);
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(visibility, "visibility");
  }

  /** A snapshot of {@code settings} with nothing hidden, compiled for {@code serverZone}. */
  public static SettingsSnapshot of(
      long version, Settings settings, List<HiddenEvent> hidden, ZoneId serverZone) {
    return new SettingsSnapshot(
        version,
        settings,
        hidden,
        settings.display().zoneOr(serverZone),
        Visibility.of(settings.filters(), hidden));
  }

  /** Defaults, nothing hidden: what tests and the plain path use. */
  public static SettingsSnapshot defaults(ZoneId serverZone) {
    return of(0, Settings.defaults(), List.of(), serverZone);
  }

  public Display display() {
    return settings.display();
  }
}
