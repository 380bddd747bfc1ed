package calendarbot.web;

import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestType;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;

/**
 * {@code GET /api/dashboard}: the live numbers the operations page ({@code GET /dashboard}, served
 * by {@link PageRoutes}) polls. Open like {@code /api/status}; a {@link RequestType#STATUS} answer,
 * so it passes the pipeline for its counters and is never cached.
 */
final class DashboardRoutes implements Routes {
  private static final RequestKey KEY =
      RequestKey.builder(RequestType.STATUS).put("path", "dashboard").build();

  private final Dashboard dashboard;
  private final Answers answers;

  DashboardRoutes(Dashboard dashboard, Answers answers) {
    this.dashboard = dashboard;
    this.answers = answers;
  }

  @Override
  public void register(RoutingHandler router) {
    router.get("/api/dashboard", Handlers.blocking(this::dashboard));
  }

  private void dashboard(HttpServerExchange ex) {
    answers.json(ex, KEY, dashboard::report);
  }
}
