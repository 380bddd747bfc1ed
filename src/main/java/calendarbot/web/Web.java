package calendarbot.web;

import calendarbot.config.ServerConfig;
import calendarbot.query.EventQuery;
import calendarbot.source.RefreshService;
import calendarbot.status.StatusService;
import calendarbot.whatsnext.WhatsNextService;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/** The web layer's front door: builds every route over the given services and starts the server. */
public final class Web {
  private Web() {}

  /** The services routes call. */
  public record Services(
      EventQuery events,
      WhatsNextService whatsNext,
      StatusService status,
      RefreshService refresh) {}

  /** Starts the server with every route; returns once it listens. */
  public static WebServer start(
      ServerConfig config, Services s, Clock clock, ZoneId zone, String version) {
    return WebServer.start(
        config,
        List.of(
            new WhatsNextRoutes(s.whatsNext(), zone),
            new EventRoutes(s.events(), s.status(), zone),
            new StatusRoutes(s.status(), s.refresh(), clock, zone, version)));
  }
}
