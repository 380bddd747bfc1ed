package calendarbot.web;

import calendarbot.config.ServerConfig;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.settings.SettingsService;
import calendarbot.source.RefreshService;
import calendarbot.status.StatusService;
import calendarbot.whatsnext.WhatsNextService;
import java.time.Clock;
import java.time.Instant;
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
      InstanceReader events,
      WhatsNextService whatsNext,
      StatusService status,
      RefreshService refresh,
      SettingsService settings,
      RequestPipeline pipeline,
      Supplier<Map<String, Number>> metrics) {}

  /** Starts the server with every route; returns once it listens. */
  public static WebServer start(
      ServerConfig config, Services s, Clock clock, ZoneId zone, String version) {
    Answers answers = new Answers(s.pipeline());
    WhatsNextRoutes whatsNext = new WhatsNextRoutes(s.whatsNext(), answers, clock);
    KioskWarmer warmer =
        new KioskWarmer() {
          @Override
          public void warm(Instant minute) {
            whatsNext.warm(minute);
          }

          @Override
          public Instant lastPoll() {
            return whatsNext.lastPoll();
          }
        };
    return WebServer.start(
        config,
        List.of(
            new PageRoutes(),
            whatsNext,
            new ImageRoutes(s.whatsNext(), answers, clock),
            new SettingsRoutes(s.settings(), answers),
            new EventRoutes(s.events(), s.status(), s.settings(), answers),
            new StatusRoutes(s.status(), s.refresh(), s.metrics(), clock, zone, version, answers),
            new PipelineRoutes(s.pipeline())),
        warmer);
  }
}
