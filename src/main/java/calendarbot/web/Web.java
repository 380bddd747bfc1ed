package calendarbot.web;

import calendarbot.config.AdminConfig;
import calendarbot.config.ConfigService;
import calendarbot.config.ServerConfig;
import calendarbot.flags.FeatureFlags;
import calendarbot.metrics.MetricsView;
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
import org.slf4j.LoggerFactory;

/** The web layer's front door: builds every route over the given services and starts the server. */
public final class Web {
  private Web() {}

  /**
   * The services routes call.
   *
   * @param events reads each {@code /api/events} window alone
   * @param metrics read by {@code /api/status}
   * @param batchedEvents merges concurrent reads, for clients with the {@code batching} flag on;
   *     {@code null} reads alone ({@code events})
   * @param config the live configuration behind the admin API; {@code null} when not wired (the
   *     admin configuration and flag routes then answer 500 saying so)
   * @param flags decides per client what of the pipeline a request uses; {@code null} is {@link
   *     FeatureFlags#allOn()}
   * @param resilience what {@code /api/status} shows under {@code "resilience"} (breaker states);
   *     {@code null} or a supplier of {@code null} leaves it out
   * @param admin the admin token and write limit, read once at start; {@code null} is {@link
   *     AdminConfig#defaults()} (no token: the control surface is disabled)
   * @param metricsView the registry behind {@code GET /metrics} and the dashboard; {@code null}
   *     records no request metrics and serves no {@code /metrics}
   * @param alerts the active warnings {@code /api/status} lists; {@code null} is none
   */
  public record Services(
      InstanceReader events,
      WhatsNextService whatsNext,
      StatusService status,
      RefreshService refresh,
      SettingsService settings,
      RequestPipeline pipeline,
      Supplier<Map<String, Number>> metrics,
      InstanceReader batchedEvents,
      ConfigService config,
      FeatureFlags flags,
      Supplier<?> resilience,
      AdminConfig admin,
      MetricsView metricsView,
      Supplier<List<?>> alerts) {
    public Services {
      batchedEvents = batchedEvents == null ? events : batchedEvents;
      flags = flags == null ? FeatureFlags.allOn() : flags;
      resilience = resilience == null ? () -> null : resilience;
      admin = admin == null ? AdminConfig.defaults() : admin;
      alerts = alerts == null ? List::of : alerts;
    }
  }

  /** The dashboard's assembler over the services; latencies stay empty until metrics are wired. */
  private static Dashboard dashboard(Services s, Clock clock, ZoneId zone) {
    MetricsView view = s.metricsView();
    return new Dashboard(
        view == null ? List::of : view::latencies,
        s.pipeline()::stats,
        s.metrics() == null ? Map::of : s.metrics(),
        s.resilience(),
        () -> s.status().current().sources(),
        s.alerts(),
        () -> Dashboard.readMemory(Dashboard.PROC_STATUS),
        clock,
        zone);
  }

  /** Starts the server with every route; returns once it listens. */
  public static WebServer start(
      ServerConfig config, Services s, Clock clock, ZoneId zone, String version) {
    Answers answers = new Answers(s.pipeline(), s.flags());
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

          @Override
          public String lastPollClient() {
            return whatsNext.lastPollClient();
          }
        };
    WriteLimiter limiter = new WriteLimiter(s.admin().writesPerMinute(), clock);
    if (s.admin().configuredToken().isEmpty()) {
      LoggerFactory.getLogger(Web.class)
          .info(
              "web: admin API and writes are disabled (403); to enable: {}",
              AdminGuard.HOW_TO_ENABLE);
    }
    return WebServer.start(
        config,
        List.of(
            new PageRoutes(),
            whatsNext,
            new ImageRoutes(s.whatsNext(), answers, clock),
            new SettingsRoutes(s.settings(), answers),
            new EventRoutes(s.events(), s.batchedEvents(), s.status(), s.settings(), answers),
            new StatusRoutes(
                s.status(),
                s.refresh(),
                s.metrics(),
                s.resilience(),
                s.alerts(),
                clock,
                zone,
                version,
                answers),
            new PipelineRoutes(s.pipeline()),
            new DashboardRoutes(dashboard(s, clock, zone), answers),
            new AdminRoutes(s.config(), s.flags(), s.pipeline()),
            new MetricsRoutes(s.metricsView())),
        warmer,
        router -> new AdminGuard(router, s.admin(), limiter),
        s.metricsView());
  }
}
