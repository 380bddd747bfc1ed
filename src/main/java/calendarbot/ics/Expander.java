package calendarbot.ics;

import calendarbot.config.ExpansionConfig;
import calendarbot.event.Instance;
import calendarbot.event.Series;
import calendarbot.event.TimeWindow;
import calendarbot.event.ZoneTable;
import java.time.ZoneId;
import java.util.List;

/**
 * Expands series into the instances that overlap a window (RFC 5545 3.8.5: RRULE, RDATE, EXDATE,
 * RECURRENCE-ID overrides; cancelled instances and cancelled events removed). Thread-safe.
 *
 * <p>Recurrence is computed in the series' local time and then converted with the series' zone, so
 * a 09:00 weekly meeting stays at 09:00 across DST changes. WKST defaults to Monday as RFC 5545
 * says, never to the JVM locale.
 */
public final class Expander {
  private final ExpansionConfig limits;

  public Expander(ExpansionConfig limits) {
    this.limits = limits;
  }

  /**
   * @param sourceId source of the series, baked into each instance id
   * @param zones the feed's zone table
   * @param displayZone zone for floating times and dates
   * @return instances overlapping {@code window} (see {@link TimeWindow#overlaps}), sorted by
   *     {@link Instance#byStart}
   * @throws calendarbot.error.TooManyInstancesException when more than {@code maxInstancesPerQuery}
   *     instances overlap the window
   */
  public List<Instance> expand(
      String sourceId,
      List<Series> series,
      ZoneTable zones,
      TimeWindow window,
      ZoneId displayZone) {
    throw new UnsupportedOperationException("Expander.expand not implemented yet");
  }

  ExpansionConfig limits() {
    return limits;
  }
}
