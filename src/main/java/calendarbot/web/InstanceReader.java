package calendarbot.web;

import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import java.time.ZoneId;
import java.util.List;

/**
 * How {@code /api/events} reads instances: the event query itself, or the pipeline's batcher in
 * front of it. Same contract as {@link calendarbot.query.EventQuery#instances}.
 */
@FunctionalInterface
public interface InstanceReader {
  List<Instance> instances(TimeWindow window, ZoneId zone);
}
