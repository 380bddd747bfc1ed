package calendarbot.web;

import calendarbot.whatsnext.WhatsNext;
import calendarbot.whatsnext.WhatsNextService;
import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.time.OffsetDateTime;

/**
 * {@code GET|POST /api/whats-next/data[?debug_time=ISO]}: what the kiosk shows. POST also accepts
 * {@code {"debug_time": "..."}} as a JSON body, as the original CalendarBot's clients send it.
 *
 * <p>Caching: the body changes with every call (its time-relative fields), so the validator is a
 * weak ETag over {@link WhatsNext#fingerprint()}; a matching {@code If-None-Match} gets 304 with
 * the same ETag and no body. Every answer, 200 or 304, carries {@value #SERVER_TIME} (epoch millis
 * of the answer's "now", the clock's or {@code debug_time}), the page's clock baseline.
 */
final class WhatsNextRoutes implements Routes {
  /** The header naming the instant an answer was computed for, in epoch milliseconds. */
  static final String SERVER_TIME = "X-Server-Time";

  private static final HttpString SERVER_TIME_HEADER = HttpString.tryFromString(SERVER_TIME);

  private final WhatsNextService service;

  WhatsNextRoutes(WhatsNextService service) {
    this.service = service;
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
    // Local debug times are read in the display zone the answer is computed in.
    WhatsNext answer =
        debug == null
            ? service.now()
            : service.at(TimeParams.parse("debug_time", debug, service.settings().zone()));
    ex.getResponseHeaders()
        .put(
            SERVER_TIME_HEADER,
            OffsetDateTime.parse(answer.currentTime()).toInstant().toEpochMilli());
    if (HttpCaching.notModified(ex, "W/\"" + answer.fingerprint() + "\"")) {
      return;
    }
    Json.send(ex, 200, answer);
  }
}
