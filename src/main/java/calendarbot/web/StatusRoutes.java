package calendarbot.web;

import calendarbot.source.RefreshResult;
import calendarbot.source.RefreshService;
import calendarbot.status.DataStatus;
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
import java.util.ArrayList;
import java.util.List;

/** {@code GET /health}, {@code GET /api/status}, {@code POST /api/refresh}. */
final class StatusRoutes implements Routes {
  /** Checks that stored data can be read; throws when it cannot. */
  @FunctionalInterface
  interface StorageCheck {
    void check();
  }

  private final StatusService status;
  private final RefreshService refresh;
  private final StorageCheck storage;
  private final Clock clock;
  private final Instant startedAt;
  private final ZoneId zone;
  private final String version;

  StatusRoutes(
      StatusService status,
      RefreshService refresh,
      StorageCheck storage,
      Clock clock,
      ZoneId zone,
      String version) {
    this.status = status;
    this.refresh = refresh;
    this.storage = storage;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.zone = zone;
    this.version = version;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Health(String status, List<String> reasons, String database, List<SourceStatus> sources) {}

  record Status(
      String version,
      @JsonProperty("started_at") String startedAt,
      @JsonProperty("uptime_seconds") long uptimeSeconds,
      @JsonProperty("server_time") String serverTime,
      String timezone,
      @JsonProperty("data_ready") boolean dataReady,
      @JsonProperty("last_successful_refresh") String lastSuccessfulRefresh,
      List<SourceStatus> sources) {}

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
    try {
      storage.check();
    } catch (RuntimeException e) {
      Json.send(
          ex, 503, new Health("DOWN", List.of("database: " + e.getMessage()), "DOWN", List.of()));
      return;
    }
    DataStatus s = status.current();
    List<String> reasons = new ArrayList<>();
    for (SourceStatus src : s.sources()) {
      switch (src.state()) {
        case "LOADING" -> reasons.add("source '" + src.id() + "' has not been read yet");
        case "FAILED" ->
            reasons.add(
                "source '"
                    + src.id()
                    + "' is failing ("
                    + src.lastErrorReason()
                    + ") since its last success at "
                    + src.lastSuccess()
                    + ": "
                    + src.lastError());
        default -> {
          if (src.stale()) {
            reasons.add("source '" + src.id() + "' is stale: last success " + src.lastSuccess());
          }
        }
      }
    }
    Json.send(
        ex,
        200,
        new Health(
            reasons.isEmpty() ? "UP" : "DEGRADED",
            reasons.isEmpty() ? null : reasons,
            "UP",
            s.sources()));
  }

  private void status(HttpServerExchange ex) {
    DataStatus s = status.current();
    Instant now = clock.instant();
    Json.send(
        ex,
        200,
        new Status(
            version,
            startedAt.toString(),
            Duration.between(startedAt, now).toSeconds(),
            now.atZone(zone).toOffsetDateTime().toString(),
            zone.getId(),
            s.dataReady(),
            s.lastSuccessfulRefresh(),
            s.sources()));
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
