package calendarbot.store;

import calendarbot.event.TimeWindow;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Where and for which display zone a source's instances were materialized.
 *
 * @param horizon the window the instances were expanded over
 * @param zone the display zone floating and all-day times were resolved in
 */
public record MaterializedHorizon(TimeWindow horizon, ZoneId zone) {
  public MaterializedHorizon {
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(zone, "zone");
  }

  /** Whether a query for {@code window} in {@code displayZone} can be answered from it. */
  public boolean answers(TimeWindow window, ZoneId displayZone) {
    return zone.equals(displayZone) && horizon.covers(window);
  }
}
