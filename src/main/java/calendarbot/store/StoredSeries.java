package calendarbot.store;

import calendarbot.event.Series;
import calendarbot.event.ZoneTable;
import java.util.List;
import java.util.Objects;

/**
 * Series of one source read together with the source's zone table, from one committed snapshot,
 * ready to expand.
 */
public record StoredSeries(List<Series> series, ZoneTable zones) {
  public StoredSeries {
    series = List.copyOf(Objects.requireNonNull(series, "series"));
    Objects.requireNonNull(zones, "zones");
  }
}
