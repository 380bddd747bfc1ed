package calendarbot.web;

import calendarbot.error.FieldProblem;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestType;
import calendarbot.settings.HiddenEvent;
import calendarbot.settings.SettingsService;
import calendarbot.settings.SettingsSnapshot;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.io.IOException;
import java.util.List;

/**
 * {@code /api/settings[/filters|/display|/validate|/export|/import|/reset]} and {@code
 * /api/events/hide|unhide|hidden}. GET answers carry the snapshot {@code version}; a PUT answers
 * what it stored, with the new version.
 */
final class SettingsRoutes implements Routes {
  private final SettingsService service;
  private final Answers answers;

  SettingsRoutes(SettingsService service, Answers answers) {
    this.service = service;
    this.answers = answers;
  }

  record ValidateAnswer(boolean valid, List<Problems.FieldError> errors) {}

  record HiddenAnswer(@JsonProperty("hidden_events") List<HiddenEvent> hiddenEvents) {}

  @Override
  public void register(RoutingHandler router) {
    router.get("/api/settings", Handlers.blocking(ex -> cached(ex, "all", SettingsRoutes::all)));
    router.put("/api/settings", Handlers.blocking(this::putAll));
    router.get(
        "/api/settings/filters",
        Handlers.blocking(ex -> cached(ex, "filters", s -> section(s, "filters"))));
    router.put("/api/settings/filters", Handlers.blocking(this::putFilters));
    router.get(
        "/api/settings/display",
        Handlers.blocking(ex -> cached(ex, "display", s -> section(s, "display"))));
    router.put("/api/settings/display", Handlers.blocking(this::putDisplay));
    router.post("/api/settings/validate", Handlers.blocking(this::validate));
    // The export names the moment it was made: a live answer, never cached.
    router.get(
        "/api/settings/export",
        Handlers.blocking(
            ex ->
                answers.json(
                    ex,
                    RequestKey.builder(RequestType.STATUS).put("path", "settings/export").build(),
                    service::export)));
    router.post("/api/settings/import", Handlers.blocking(this::importAll));
    router.post("/api/settings/reset", Handlers.blocking(ex -> sendAll(ex, service.reset())));
    router.post("/api/events/hide", Handlers.blocking(this::hide));
    router.post("/api/events/unhide", Handlers.blocking(this::unhide));
    router.get(
        "/api/events/hidden",
        Handlers.blocking(ex -> cached(ex, "hidden", s -> new HiddenAnswer(s.hidden()))));
  }

  private void putAll(HttpServerExchange ex) throws IOException {
    service.replace(Json.readBody(ex, "PUT /api/settings"));
    sendAll(ex, service.current());
  }

  private void putFilters(HttpServerExchange ex) throws IOException {
    service.replaceFilters(Json.readBody(ex, "PUT /api/settings/filters"));
    sendSection(ex, service.current(), "filters");
  }

  private void putDisplay(HttpServerExchange ex) throws IOException {
    service.replaceDisplay(Json.readBody(ex, "PUT /api/settings/display"));
    sendSection(ex, service.current(), "display");
  }

  private void validate(HttpServerExchange ex) throws IOException {
    List<FieldProblem> problems = service.validate(Json.readBody(ex, "/api/settings/validate"));
    Json.send(
        ex,
        200,
        new ValidateAnswer(
            problems.isEmpty(), problems.stream().map(Problems.FieldError::of).toList()));
  }

  private void importAll(HttpServerExchange ex) throws IOException {
    sendAll(ex, service.importDocument(Json.readBody(ex, "/api/settings/import")));
  }

  private void hide(HttpServerExchange ex) throws IOException {
    Json.send(ex, 200, service.hide(Json.readBody(ex, "/api/events/hide")));
  }

  private void unhide(HttpServerExchange ex) throws IOException {
    Json.send(ex, 200, service.unhide(Json.readBody(ex, "/api/events/unhide")));
  }

  /**
   * A settings read through the pipeline, keyed by what it reads and the settings version: a change
   * publishes a new version, so an answer of the old one can never be found again.
   */
  private void cached(
      HttpServerExchange ex, String what, java.util.function.Function<SettingsSnapshot, ?> body) {
    SettingsSnapshot s = service.current();
    answers.json(
        ex,
        RequestKey.builder(RequestType.SETTINGS).put("what", what).put("v", s.version()).build(),
        () -> body.apply(s));
  }

  private static void sendAll(HttpServerExchange ex, SettingsSnapshot s) {
    Json.send(ex, 200, all(s));
  }

  private static void sendSection(HttpServerExchange ex, SettingsSnapshot s, String section) {
    Json.send(ex, 200, section(s, section));
  }

  /** {@code {"version": n, "filters": {...}, "display": {...}}}. */
  private static ObjectNode all(SettingsSnapshot s) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("version", s.version());
    body.set("filters", Json.MAPPER.valueToTree(s.settings().filters()));
    body.set("display", Json.MAPPER.valueToTree(s.settings().display()));
    return body;
  }

  /** The section's fields with {@code "version"} first. */
  private static ObjectNode section(SettingsSnapshot s, String section) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("version", s.version());
    body.setAll(
        (ObjectNode)
            Json.MAPPER.valueToTree(
                "filters".equals(section) ? s.settings().filters() : s.settings().display()));
    return body;
  }
}
