package calendarbot.web;

import calendarbot.error.InvalidRequestException;
import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import calendarbot.query.EventQuery;
import calendarbot.settings.SettingsService;
import calendarbot.settings.SettingsSnapshot;
import calendarbot.status.Freshness;
import calendarbot.status.StatusService;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code GET /api/events?start=&end=[&filtered=true|false]}: instances overlapping a window, in the
 * settings' display zone. Raw by default; {@code filtered=true} applies the settings' filters and
 * hidden events as the kiosk sees them.
 */
final class EventRoutes implements Routes {
  private final EventQuery query;
  private final StatusService status;
  private final SettingsService settings;

  EventRoutes(EventQuery query, StatusService status, SettingsService settings) {
    this.query = query;
    this.status = status;
    this.settings = settings;
  }

  record EventsAnswer(
      String start,
      String end,
      int count,
      List<EventJson> events,
      @JsonProperty("status_info") Freshness statusInfo) {}

  @Override
  public void register(RoutingHandler router) {
    router.get("/api/events", Handlers.blocking(this::events));
  }

  private void events(HttpServerExchange ex) {
    // One snapshot per answer: zone and filters of the same settings version.
    SettingsSnapshot view = settings.current();
    ZoneId zone = view.zone();
    boolean filtered = filtered(Handlers.query(ex, "filtered"));
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
    Freshness freshness = status.freshness();
    List<Instance> found = query.instances(new TimeWindow(start, end), zone);
    if (filtered) {
      found = view.visibility().apply(found);
    }
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

  private static boolean filtered(String text) {
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw InvalidRequestException.of("filtered", "true or false", text);
  }
}
