package calendarbot.web;

import calendarbot.whatsnext.WhatsNextService;
import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Methods;
import java.time.ZoneId;

/**
 * {@code GET|POST /api/whats-next/data[?debug_time=ISO]}: what the kiosk shows. POST also accepts
 * {@code {"debug_time": "..."}} as a JSON body, as the original CalendarBot's clients send it.
 */
final class WhatsNextRoutes implements Routes {
  private final WhatsNextService service;
  private final ZoneId zone;

  WhatsNextRoutes(WhatsNextService service, ZoneId zone) {
    this.service = service;
    this.zone = zone;
  }

  @Override
  public void register(RoutingHandler router) {
    router.get("/api/whats-next/data", Handlers.blocking(this::data));
    router.post("/api/whats-next/data", Handlers.blocking(this::data));
  }

  private void data(HttpServerExchange ex) throws java.io.IOException {
    String debug = Handlers.query(ex, "debug_time");
    if (debug == null && ex.getRequestMethod().equals(Methods.POST)) {
      JsonNode body = Json.readBody(ex, "/api/whats-next/data");
      if (body.hasNonNull("debug_time")) {
        debug = body.get("debug_time").asText();
      }
    }
    Json.send(
        ex,
        200,
        debug == null ? service.now() : service.at(TimeParams.parse("debug_time", debug, zone)));
  }
}
