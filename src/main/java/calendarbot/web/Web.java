package calendarbot.web;

import calendarbot.config.ServerConfig;
import calendarbot.query.EventQuery;
import calendarbot.settings.SettingsService;
import calendarbot.source.RefreshService;
import calendarbot.status.StatusService;
import calendarbot.whatsnext.WhatsNextService;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The web layer's front door: builds every route over the given services and starts the server. */
public final class Web {
  private Web() {}

  /**
   * The services routes call.
   *
   * @param metrics read by {@code /api/status}
   */
  public record Services(
      EventQuery events,
      WhatsNextService whatsNext,
      StatusService status,
      RefreshService refresh,
      SettingsService settings,
      Supplier<Map<String, Number>> metrics) {}

  /** Starts the server with every route; returns once it listens. */
  public static WebServer start(
      ServerConfig config, Services s, Clock clock, ZoneId zone, String version) {
    return WebServer.start(
        config,
        List.of(
            new PageRoutes(),
            new WhatsNextRoutes(s.whatsNext()),
            new ImageRoutes(s.whatsNext()),
            new SettingsRoutes(s.settings()),
            new EventRoutes(s.events(), s.status(), s.settings()),
            new StatusRoutes(s.status(), s.refresh(), s.metrics(), clock, zone, version)));
  }
}
