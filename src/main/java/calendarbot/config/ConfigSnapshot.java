package calendarbot.config;

import java.util.List;

/**
 * One version of the effective configuration.
 *
 * @param version increases by one with every applied change; 1 at the first start
 * @param config the typed, validated values
 * @param entries every key's effective value and where it came from, in {@link ConfigKeys} order
 */
public record ConfigSnapshot(long version, AppConfig config, List<ConfigEntry> entries) {
  public ConfigSnapshot {
    entries = List.copyOf(entries);
  }
}
