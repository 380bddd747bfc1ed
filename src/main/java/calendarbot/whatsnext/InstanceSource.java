package calendarbot.whatsnext;

import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import java.time.ZoneId;
import java.util.List;

/** Where what's-next reads instances from (the event query). */
@FunctionalInterface
public interface InstanceSource {
  /** Instances overlapping {@code window}, sorted by start. */
  List<Instance> instances(TimeWindow window, ZoneId displayZone);
}
