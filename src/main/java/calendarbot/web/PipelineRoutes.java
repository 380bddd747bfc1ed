package calendarbot.web;

import calendarbot.pipeline.RequestPipeline;
import io.undertow.server.RoutingHandler;

/** {@code GET /api/pipeline/stats}: what the request pipeline did since start. */
final class PipelineRoutes implements Routes {
  private final RequestPipeline pipeline;

  PipelineRoutes(RequestPipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public void register(RoutingHandler router) {
    router.get(
        "/api/pipeline/stats", Handlers.blocking(ex -> Json.send(ex, 200, pipeline.stats())));
  }
}
