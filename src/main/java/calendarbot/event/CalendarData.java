package calendarbot.event;

import java.util.List;
import java.util.Objects;

/**
 * Everything CalendarBot keeps of one parsed feed: its series and the zones it defines.
 *
 * @param name X-WR-CALNAME, or {@code null}
 * @param warnings non-fatal problems found while parsing (a skipped component and why), for the
 *     source's status
 */
public record CalendarData(
    String name, List<Series> series, ZoneTable zones, List<String> warnings) {
  public CalendarData {
    series = List.copyOf(Objects.requireNonNull(series, "series"));
    zones = Objects.requireNonNull(zones, "zones");
    warnings = List.copyOf(Objects.requireNonNullElse(warnings, List.of()));
  }

  /** The number of VEVENT components kept (masters plus overrides). */
  public int componentCount() {
    int n = 0;
    for (Series s : series) {
      n += (s.start() == null ? 0 : 1) + s.overrides().size();
    }
    return n;
  }
}
