package calendarbot.web;

import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestType;
import calendarbot.source.RefreshResult;
import calendarbot.source.RefreshService;
import calendarbot.status.DataStatus;
import calendarbot.status.Health;
import calendarbot.status.SourceStatus;
import calendarbot.status.StatusService;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}, {@code GET /api/status} (the active warnings under {@code "alerts"}, the
 * breakers' state under {@code "resilience"} when the app reports it), {@code POST /api/refresh}.
 */
final class StatusRoutes implements Routes {
  private final StatusService status;
  private final RefreshService refresh;
  private final Supplier<Map<String, Number>> metrics;
  private final Supplier<?> resilience;
  private final Supplier<List<?>> alerts;
  private final Clock clock;
  private final Instant startedAt;
  private final ZoneId zone;
  private final String version;
  private final Answers answers;

  StatusRoutes(
      StatusService status,
      RefreshService refresh,
      Supplier<Map<String, Number>> metrics,
      Supplier<?> resilience,
      Supplier<List<?>> alerts,
      Clock clock,
      ZoneId zone,
      String version,
      Answers answers) {
    this.status = status;
    this.refresh = refresh;
    this.metrics = metrics;
    this.resilience = resilience;
    this.alerts = alerts;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.zone = zone;
    this.version = version;
    this.answers = answers;
  }

  record Status(
      String version,
      @JsonProperty("started_at") String startedAt,
      @JsonProperty("uptime_seconds") long uptimeSeconds,
      @JsonProperty("server_time") String serverTime,
      String timezone,
      @JsonProperty("data_ready") boolean dataReady,
      @JsonProperty("last_successful_refresh") String lastSuccessfulRefresh,
      List<SourceStatus> sources,
      HealthJson health,
      List<?> alerts,
      Map<String, Number> metrics,
      @JsonInclude(JsonInclude.Include.NON_NULL) Object resilience) {}

  /** The health verdict inside {@code /api/status} (sources are listed once, above it). */
  record HealthJson(String status, List<String> reasons) {}

  record RefreshAnswer(List<RefreshJson> results) {}

  record RefreshJson(
      @JsonProperty("source_id") String sourceId,
      String outcome,
      String reason,
      String message,
      @JsonProperty("duration_ms") long durationMs,
      int events,
      @JsonProperty("consecutive_failures") int consecutiveFailures) {}

  @Override
  public void register(RoutingHandler router) {
    router.get("/health", Handlers.blocking(this::health));
    router.get("/api/status", Handlers.blocking(this::status));
    router.post("/api/refresh", Handlers.blocking(this::refresh));
  }

  private void health(HttpServerExchange ex) {
    Health h = status.health();
    Json.send(ex, h.status().equals(Health.DOWN) ? 503 : 200, h);
  }

  private void status(HttpServerExchange ex) {
    // Live (uptime, server time): through the pipeline for its counters, never cached.
    answers.json(
        ex, RequestKey.builder(RequestType.STATUS).put("path", "status").build(), this::report);
  }

  private Status report() {
    DataStatus s = status.current();
    Health health = status.health(s);
    Instant now = clock.instant();
    return new Status(
        version,
        startedAt.toString(),
        Duration.between(startedAt, now).toSeconds(),
        now.atZone(zone).toOffsetDateTime().toString(),
        zone.getId(),
        s.dataReady(),
        s.lastSuccessfulRefresh(),
        s.sources(),
        new HealthJson(health.status(), health.reasons()),
        alerts.get(),
        metrics.get(),
        resilience.get());
  }

  private void refresh(HttpServerExchange ex) {
    List<RefreshResult> results = refresh.refreshAll();
    Json.send(
        ex,
        200,
        new RefreshAnswer(
            results.stream()
                .map(
                    r ->
                        new RefreshJson(
                            r.sourceId(),
                            r.outcome().name(),
                            r.reason(),
                            r.message(),
                            r.duration().toMillis(),
                            r.events(),
                            r.consecutiveFailures()))
                .toList()));
  }
}
