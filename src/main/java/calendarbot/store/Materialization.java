package calendarbot.store;

import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Instances of one source pre-expanded over a horizon, stored so near-window queries are an indexed
 * read. Valid only for the display zone it was computed with (floating and all-day instants depend
 * on it).
 */
public record Materialization(TimeWindow horizon, ZoneId zone, List<Instance> instances) {
  public Materialization {
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(zone, "zone");
    instances = List.copyOf(Objects.requireNonNull(instances, "instances"));
  }
}
