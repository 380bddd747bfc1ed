package calendarbot.web;

import calendarbot.config.ConfigChange;
import calendarbot.config.ConfigService;
import calendarbot.config.ConfigSnapshot;
import calendarbot.config.FlagsConfig;
import calendarbot.config.SourceAuth;
import calendarbot.config.SourceConfig;
import calendarbot.error.CalendarBotException;
import calendarbot.error.InvalidRequestException;
import calendarbot.error.NotFoundException;
import calendarbot.flags.FeatureFlags;
import calendarbot.flags.Flag;
import calendarbot.flags.FlagState;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The admin API, {@code /api/admin/**}: the effective configuration with origins, runtime
 * overrides, history and rollback, file reload, feature flags and the emergency kill switch, and
 * cache invalidation. Every route sits behind {@link AdminGuard}; each translates HTTP to one call
 * of the {@link ConfigService} (or the pipeline) and answers what changed.
 */
final class AdminRoutes implements Routes {
  static final String EMERGENCY_KEY = "emergency_disable";

  private final ConfigService config;
  private final FeatureFlags flags;
  private final RequestPipeline pipeline;

  /**
   * @param config the live configuration; {@code null} until it is wired, when the configuration
   *     and flag routes answer 500 saying so
   */
  AdminRoutes(ConfigService config, FeatureFlags flags, RequestPipeline pipeline) {
    this.config = config;
    this.flags = flags;
    this.pipeline = pipeline;
  }

  record Entry(
      String key,
      String value,
      String origin,
      boolean live,
      @JsonProperty("pending_restart") boolean pendingRestart) {}

  record Source(String id, String name, String url, String auth) {}

  record ConfigAnswer(long version, List<Entry> entries, List<Source> sources) {}

  record ChangeAnswer(
      long version,
      List<ConfigChange.KeyChange> changes,
      @JsonProperty("restart_required") List<String> restartRequired) {
    static ChangeAnswer of(ConfigChange c) {
      return new ChangeAnswer(c.after().version(), c.changes(), c.restartRequired());
    }
  }

  record VersionJson(
      long version, String at, String actor, String source, List<ConfigChange.KeyChange> changes) {}

  record HistoryAnswer(List<VersionJson> versions) {}

  record FlagsAnswer(
      List<FlagState> flags, @JsonProperty("emergency_disable") List<String> emergencyDisable) {}

  record FlagChangeAnswer(
      long version,
      List<ConfigChange.KeyChange> changes,
      @JsonProperty("restart_required") List<String> restartRequired,
      FlagState flag) {}

  record InvalidateAnswer(int removed) {}

  @Override
  public void register(RoutingHandler router) {
    router.get("/api/admin/config", Handlers.blocking(this::showConfig));
    router.add("PATCH", "/api/admin/config", Handlers.blocking(this::patchConfig));
    router.get("/api/admin/config/history", Handlers.blocking(this::history));
    router.post("/api/admin/config/rollback", Handlers.blocking(this::rollback));
    router.post(
        "/api/admin/config/reload",
        Handlers.blocking(ex -> Json.send(ex, 200, ChangeAnswer.of(config().reloadFile()))));
    router.get("/api/admin/flags", Handlers.blocking(this::showFlags));
    router.put("/api/admin/flags/{name}", Handlers.blocking(this::putFlag));
    router.post("/api/admin/flags/emergency-disable", Handlers.blocking(this::emergencyDisable));
    router.delete(
        "/api/admin/flags/emergency-disable",
        Handlers.blocking(
            ex ->
                Json.send(
                    ex,
                    200,
                    ChangeAnswer.of(
                        config().override(singleton(EMERGENCY_KEY, "none"), actor(ex))))));
    router.post("/api/admin/cache/invalidate", Handlers.blocking(this::invalidate));
  }

  private ConfigService config() {
    if (config == null) {
      throw new CalendarBotException(
          "the admin API has no configuration service in this build; configuration and flag"
              + " changes are unavailable");
    }
    return config;
  }

  private static String actor(HttpServerExchange ex) {
    return "admin api from " + ClientIds.of(ex);
  }

  private void showConfig(HttpServerExchange ex) {
    ConfigSnapshot s = config().current();
    Json.send(
        ex,
        200,
        new ConfigAnswer(
            s.version(),
            s.entries().stream()
                .map(e -> new Entry(e.key(), e.value(), e.origin(), e.live(), e.pendingRestart()))
                .toList(),
            s.config().sources().stream().map(AdminRoutes::source).toList()));
  }

  /** A source as the admin may see it: the URL without its secret parts, the kind of auth only. */
  static Source source(SourceConfig s) {
    String auth =
        s.auth() instanceof SourceAuth.Basic
            ? "basic"
            : s.auth() instanceof SourceAuth.Bearer ? "bearer" : "none";
    return new Source(s.id(), s.name(), SourceConfig.redact(s.url()), auth);
  }

  private void patchConfig(HttpServerExchange ex) throws IOException {
    JsonNode body = Json.readBody(ex, "PATCH /api/admin/config");
    if (body.isEmpty()) {
      throw InvalidRequestException.of(
          "body", "a JSON object of at least one key → value (or null)", "{}");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      values.put(f.getKey(), text(f.getKey(), f.getValue()));
    }
    Json.send(ex, 200, ChangeAnswer.of(config().override(values, actor(ex))));
  }

  /** A value as the file would hold it; {@code null} removes the override. */
  private static String text(String key, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isTextual() || v.isNumber() || v.isBoolean()) {
      return v.asText();
    }
    throw InvalidRequestException.of(key, "a string, number, boolean or null", v.toString());
  }

  private void history(HttpServerExchange ex) {
    Json.send(
        ex,
        200,
        new HistoryAnswer(
            config().history().stream()
                .map(
                    v ->
                        new VersionJson(
                            v.version(), v.at().toString(), v.actor(), v.source(), v.changes()))
                .toList()));
  }

  private void rollback(HttpServerExchange ex) throws IOException {
    JsonNode body = Json.readBody(ex, "POST /api/admin/config/rollback");
    onlyFields(body, Set.of("version"));
    JsonNode v = body.get("version");
    if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 1) {
      throw InvalidRequestException.of(
          "version", "a version number from the history (1 or more)", v);
    }
    Json.send(ex, 200, ChangeAnswer.of(config().rollback(v.asLong(), actor(ex))));
  }

  private void showFlags(HttpServerExchange ex) {
    List<FlagState> states = flags.states();
    Set<String> emergency = new TreeSet<>();
    if (config != null) {
      emergency.addAll(config.config().flags().emergencyDisable());
    } else {
      states.stream().filter(FlagState::emergencyDisabled).forEach(f -> emergency.add(f.name()));
    }
    Json.send(ex, 200, new FlagsAnswer(states, List.copyOf(emergency)));
  }

  private void putFlag(HttpServerExchange ex) throws IOException {
    String name = Handlers.query(ex, "name");
    Flag flag;
    try {
      flag = Flag.of(name);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(e.getMessage());
    }
    JsonNode body = Json.readBody(ex, "PUT /api/admin/flags/" + name);
    onlyFields(body, Set.of("enabled", "rollout"));
    Map<String, String> values = new LinkedHashMap<>();
    JsonNode enabled = body.get("enabled");
    if (enabled != null) {
      if (!enabled.isBoolean()) {
        throw InvalidRequestException.of("enabled", "true or false", enabled);
      }
      values.put(flag.enabledKey(), enabled.asText());
    }
    JsonNode rollout = body.get("rollout");
    if (rollout != null) {
      if (!rollout.isIntegralNumber() || rollout.asInt() < 0 || rollout.asInt() > 100) {
        throw InvalidRequestException.of("rollout", "a whole percentage from 0 to 100", rollout);
      }
      values.put(flag.rolloutKey(), String.valueOf(rollout.asInt()));
    }
    if (values.isEmpty()) {
      throw InvalidRequestException.of(
          "body", "an object with \"enabled\" (true/false) and/or \"rollout\" (0-100)", "{}");
    }
    ConfigChange c = config().override(values, actor(ex));
    FlagState state =
        flags.states().stream().filter(f -> f.name().equals(flag.code())).findFirst().orElse(null);
    Json.send(
        ex,
        200,
        new FlagChangeAnswer(c.after().version(), c.changes(), c.restartRequired(), state));
  }

  private void emergencyDisable(HttpServerExchange ex) throws IOException {
    JsonNode body = Json.readBody(ex, "POST /api/admin/flags/emergency-disable");
    onlyFields(body, Set.of("flags"));
    JsonNode list = body.get("flags");
    String rule = "a non-empty list of \"all\" or flag names from " + FlagsConfig.FLAG_NAMES;
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw InvalidRequestException.of("flags", rule, list);
    }
    Set<String> names = new TreeSet<>();
    for (JsonNode n : list) {
      if (!n.isTextual()
          || !(n.asText().equals(FlagsConfig.ALL) || FlagsConfig.FLAG_NAMES.contains(n.asText()))) {
        throw InvalidRequestException.of("flags", rule, n);
      }
      names.add(n.asText());
    }
    String value = names.contains(FlagsConfig.ALL) ? FlagsConfig.ALL : String.join(",", names);
    Json.send(
        ex, 200, ChangeAnswer.of(config().override(singleton(EMERGENCY_KEY, value), actor(ex))));
  }

  private void invalidate(HttpServerExchange ex) throws IOException {
    JsonNode body = Json.readBody(ex, "POST /api/admin/cache/invalidate");
    onlyFields(body, Set.of("type"));
    JsonNode type = body.get("type");
    if (type == null) {
      Json.send(ex, 200, new InvalidateAnswer(pipeline.invalidate(k -> true)));
      return;
    }
    RequestType t = type.isTextual() ? RequestType.ofCode(type.asText()) : null;
    if (t == null) {
      throw InvalidRequestException.of(
          "type",
          "a request type from "
              + Arrays.stream(RequestType.values()).map(RequestType::code).toList()
              + " (or no \"type\" for every answer)",
          type);
    }
    Json.send(ex, 200, new InvalidateAnswer(pipeline.invalidate(k -> k.type() == t)));
  }

  /** Rejects a field the endpoint does not know, naming it: a typo must not be ignored. */
  private static void onlyFields(JsonNode body, Set<String> known) {
    List<String> unknown = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            n -> {
              if (!known.contains(n)) {
                unknown.add(n);
              }
            });
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException(
          unknown.get(0),
          "body must hold only the fields "
              + new TreeSet<>(known)
              + ", but had the unknown field '"
              + unknown.get(0)
              + "'");
    }
  }

  private static Map<String, String> singleton(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }
}
