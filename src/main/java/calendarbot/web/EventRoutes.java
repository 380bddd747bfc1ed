package calendarbot.web;

import calendarbot.error.InvalidRequestException;
import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import calendarbot.query.EventQuery;
import calendarbot.status.DataStatus;
import calendarbot.status.StatusService;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** {@code GET /api/events?start=&end=}: instances overlapping a window. */
final class EventRoutes implements Routes {
  private final EventQuery query;
  private final StatusService status;
  private final ZoneId zone;

  EventRoutes(EventQuery query, StatusService status, ZoneId zone) {
    this.query = query;
    this.status = status;
    this.zone = zone;
  }

  record EventsAnswer(
      String start,
      String end,
      int count,
      List<EventJson> events,
      @JsonProperty("status_info") DataStatus statusInfo) {}

  @Override
  public void register(RoutingHandler router) {
    router.get("/api/events", Handlers.blocking(this::events));
  }

  private void events(HttpServerExchange ex) {
    Instant start = TimeParams.parse("start", Handlers.query(ex, "start"), zone);
    Instant end = TimeParams.parse("end", Handlers.query(ex, "end"), zone);
    if (!end.isAfter(start)) {
      throw new InvalidRequestException(
          "end",
          "end must be after start, but was "
              + Handlers.query(ex, "end")
              + " (start is "
              + Handlers.query(ex, "start")
              + ")");
    }
    // Status before data: see WhatsNextService#at.
    DataStatus freshness = status.current();
    List<Instance> found = query.instances(new TimeWindow(start, end), zone);
    Json.send(
        ex,
        200,
        new EventsAnswer(
            start.atZone(zone).toOffsetDateTime().toString(),
            end.atZone(zone).toOffsetDateTime().toString(),
            found.size(),
            found.stream().map(i -> EventJson.of(i, zone)).toList(),
            freshness));
  }
}
