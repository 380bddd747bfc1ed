package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.AppConfig;
import calendarbot.config.PipelineConfig;
import calendarbot.config.SourceAuth;
import calendarbot.config.SourceConfig;
import calendarbot.flags.FeatureFlags;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import calendarbot.testing.FakeClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin API over an in-test {@link FakeConfigService}, behind the real guard, over HTTP. */
class AdminRoutesIT {
  private final FakeClock clock = FakeClock.at("2026-11-23T09:10:00Z");
  private FakeConfigService config;
  private RequestPipeline pipeline;
  private WebHarness web;

  @BeforeEach
  void setUp() {
    SourceConfig work =
        new SourceConfig(
            "work",
            "Work",
            URI.create("https://cal.example.com/calendar/private-s3cr3t/basic.ics?key=k3y"),
            new SourceAuth.Basic("me", "hunter2-password"),
            Map.of(),
            null);
    config =
        new FakeConfigService(
            AppConfig.defaults(Path.of("unused"), ZoneId.of("UTC")).withSources(List.of(work)),
            clock);
    pipeline = RequestPipeline.create(PipelineConfig.defaults(), clock);
    web =
        WebHarness.start(
            WebHarness.admin(1000), clock, new AdminRoutes(config, FeatureFlags.allOn(), pipeline));
  }

  @AfterEach
  void tearDown() {
    web.close();
  }

  private JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return WebHarness.json(r);
  }

  private JsonNode bad(HttpResponse<String> r, String parameter) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = WebHarness.json(r);
    assertThat(p.get("parameter").asText()).isEqualTo(parameter);
    assertThat(p.get("detail").asText()).contains(parameter);
    return p;
  }

  @Test
  void getConfig_withToken_answersEntriesWithOriginsAndSourcesWithoutSecrets() throws Exception {
    HttpResponse<String> r = web.admin("GET", "/api/admin/config", null);
    JsonNode body = ok(r);

    assertThat(body.get("version").asLong()).isEqualTo(1);
    JsonNode port = body.get("entries").get(0);
    assertThat(port.get("key").asText()).isEqualTo("server.port");
    assertThat(port.get("origin").asText()).isEqualTo("default");
    assertThat(port.get("live").asBoolean()).isFalse();
    assertThat(port.has("pending_restart")).isTrue();
    JsonNode source = body.get("sources").get(0);
    assertThat(source.get("id").asText()).isEqualTo("work");
    assertThat(source.get("auth").asText()).isEqualTo("basic");
    assertThat(source.get("url").asText()).startsWith("https://cal.example.com/");
    assertThat(r.body()).doesNotContain("s3cr3t", "k3y", "hunter2", "\"me\"");
  }

  @Test
  void patchConfig_values_overridesWithTheClientAsActorAndReportsRestarts() throws Exception {
    JsonNode body =
        ok(
            web.admin(
                "PATCH",
                "/api/admin/config",
                "{\"pipeline.cache.rollout\": 25, \"server.port\": \"9090\","
                    + " \"pipeline.cache.enabled\": false}",
                "X-Client-Id",
                "ops-laptop"));

    assertThat(body.get("version").asLong()).isEqualTo(2);
    assertThat(body.get("changes").findValuesAsText("key"))
        .containsExactly("server.port", "pipeline.cache.rollout", "pipeline.cache.enabled");
    assertThat(body.get("restart_required").get(0).asText()).isEqualTo("server.port");
    JsonNode latest =
        ok(web.admin("GET", "/api/admin/config/history", null)).get("versions").get(0);
    assertThat(latest.get("actor").asText()).isEqualTo("admin api from ops-laptop");
    assertThat(latest.get("at").asText()).isEqualTo("2026-11-23T09:10:00Z");
    assertThat(config.current().entries())
        .anySatisfy(
            e -> assertThat(e.key() + "=" + e.value()).isEqualTo("pipeline.cache.enabled=false"));
  }

  @Test
  void patchConfig_null_removesTheOverride() throws Exception {
    ok(web.admin("PATCH", "/api/admin/config", "{\"pipeline.cache.rollout\": 25}"));

    JsonNode body =
        ok(web.admin("PATCH", "/api/admin/config", "{\"pipeline.cache.rollout\": null}"));

    assertThat(body.get("changes").get(0).get("to").asText()).isEqualTo("default");
  }

  @Test
  void patchConfig_badBodies_answer400NamingTheField() throws Exception {
    bad(
        web.admin("PATCH", "/api/admin/config", "{\"pipeline.cache.rollout\": {\"x\": 1}}"),
        "pipeline.cache.rollout");
    bad(
        web.admin("PATCH", "/api/admin/config", "{\"pipeline.cache.rollout\": [1]}"),
        "pipeline.cache.rollout");
    bad(web.admin("PATCH", "/api/admin/config", "{}"), "body");
    bad(web.admin("PATCH", "/api/admin/config", "not json"), "body");
    bad(web.admin("PATCH", "/api/admin/config", "[1, 2]"), "body");
    // The service's own rejection (ConfigException) names the key too.
    bad(web.admin("PATCH", "/api/admin/config", "{\"no.such.key\": 1}"), "no.such.key");
    bad(
        web.admin("PATCH", "/api/admin/config", "{\"pipeline.cache.rollout\": 101}"),
        "pipeline.cache.rollout");

    assertThat(config.current().version()).isEqualTo(1);
  }

  @Test
  void rollback_toAnEarlierVersion_restoresItsValues() throws Exception {
    ok(web.admin("PATCH", "/api/admin/config", "{\"pipeline.cache.rollout\": 25}"));

    JsonNode body = ok(web.admin("POST", "/api/admin/config/rollback", "{\"version\": 1}"));

    assertThat(body.get("version").asLong()).isEqualTo(3);
    assertThat(body.get("changes").get(0).get("to").asText()).isEqualTo("100");
    assertThat(
            ok(web.admin("GET", "/api/admin/config/history", null))
                .get("versions")
                .get(0)
                .get("source")
                .asText())
        .isEqualTo("rollback");
  }

  @Test
  void rollback_badOrUnknownVersion_answers400Or404() throws Exception {
    bad(web.admin("POST", "/api/admin/config/rollback", "{\"version\": \"one\"}"), "version");
    bad(web.admin("POST", "/api/admin/config/rollback", "{\"version\": 0}"), "version");
    bad(web.admin("POST", "/api/admin/config/rollback", "{}"), "version");
    bad(web.admin("POST", "/api/admin/config/rollback", "{\"version\": 1, \"to\": 2}"), "to");

    assertThat(web.admin("POST", "/api/admin/config/rollback", "{\"version\": 99}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void reload_readsTheFileAgain() throws Exception {
    JsonNode body = ok(web.admin("POST", "/api/admin/config/reload", null));

    assertThat(config.reloads).isEqualTo(1);
    assertThat(body.get("changes")).isEmpty();
  }

  @Test
  void flags_get_listsEveryFlagAndTheEmergencySet() throws Exception {
    JsonNode body = ok(web.admin("GET", "/api/admin/flags", null));

    assertThat(body.get("flags").findValuesAsText("name"))
        .containsExactly(
            "connection_pool",
            "request_pipeline",
            "response_cache",
            "single_flight",
            "batching",
            "warming");
    assertThat(body.get("flags").get(2).get("rollout_key").asText())
        .isEqualTo("pipeline.cache.rollout");
    assertThat(body.get("emergency_disable")).isEmpty();
  }

  @Test
  void putFlag_rolloutAndSwitch_overrideTheFlagsKeys() throws Exception {
    JsonNode body =
        ok(
            web.admin(
                "PUT", "/api/admin/flags/response_cache", "{\"rollout\": 25, \"enabled\": true}"));

    assertThat(body.get("changes").findValuesAsText("key"))
        .containsExactly("pipeline.cache.rollout", "pipeline.cache.enabled");
    assertThat(body.get("flag").get("name").asText()).isEqualTo("response_cache");
    assertThat(config.current().entries())
        .anySatisfy(
            e -> assertThat(e.key() + "=" + e.value()).isEqualTo("pipeline.cache.rollout=25"));
  }

  @Test
  void putFlag_badBodies_answer400NamingTheFieldAndUnknownFlag404() throws Exception {
    bad(web.admin("PUT", "/api/admin/flags/response_cache", "{\"enabled\": \"yes\"}"), "enabled");
    bad(web.admin("PUT", "/api/admin/flags/response_cache", "{\"rollout\": 101}"), "rollout");
    bad(web.admin("PUT", "/api/admin/flags/response_cache", "{\"rollout\": 2.5}"), "rollout");
    bad(web.admin("PUT", "/api/admin/flags/response_cache", "{\"colour\": 1}"), "colour");
    bad(web.admin("PUT", "/api/admin/flags/response_cache", "{}"), "body");

    HttpResponse<String> unknown = web.admin("PUT", "/api/admin/flags/turbo", "{\"rollout\": 5}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(WebHarness.json(unknown).get("detail").asText()).contains("turbo", "response_cache");
    assertThat(config.current().version()).isEqualTo(1);
  }

  @Test
  void emergencyDisable_postThenDelete_setsAndClearsTheKillSwitch() throws Exception {
    ok(
        web.admin(
            "POST",
            "/api/admin/flags/emergency-disable",
            "{\"flags\": [\"batching\", \"response_cache\"]}"));
    assertThat(ok(web.admin("GET", "/api/admin/flags", null)).get("emergency_disable").toString())
        .isEqualTo("[\"batching\",\"response_cache\"]");

    ok(
        web.admin(
            "POST", "/api/admin/flags/emergency-disable", "{\"flags\": [\"all\", \"batching\"]}"));
    assertThat(ok(web.admin("GET", "/api/admin/flags", null)).get("emergency_disable").toString())
        .isEqualTo("[\"all\"]");

    JsonNode cleared = ok(web.admin("DELETE", "/api/admin/flags/emergency-disable", null));
    assertThat(cleared.get("changes").get(0).get("to").asText()).isEqualTo("none");
    assertThat(ok(web.admin("GET", "/api/admin/flags", null)).get("emergency_disable")).isEmpty();
  }

  @Test
  void emergencyDisable_badBodies_answer400NamingFlags() throws Exception {
    bad(
        web.admin("POST", "/api/admin/flags/emergency-disable", "{\"flags\": [\"turbo\"]}"),
        "flags");
    bad(web.admin("POST", "/api/admin/flags/emergency-disable", "{\"flags\": []}"), "flags");
    bad(web.admin("POST", "/api/admin/flags/emergency-disable", "{\"flags\": \"all\"}"), "flags");
    bad(web.admin("POST", "/api/admin/flags/emergency-disable", "{\"flags\": [1]}"), "flags");
    bad(web.admin("POST", "/api/admin/flags/emergency-disable", "{}"), "flags");
  }

  private void cache(RequestType type, String name) {
    pipeline.handle(
        RequestKey.builder(type).put("n", name).build(),
        () -> CachedResponse.of(200, "application/json", "{}".getBytes()));
  }

  @Test
  void invalidate_byTypeThenAll_removesThoseAnswers() throws Exception {
    cache(RequestType.WHATS_NEXT, "a");
    cache(RequestType.WHATS_NEXT, "b");
    cache(RequestType.SETTINGS, "c");

    assertThat(
            ok(web.admin("POST", "/api/admin/cache/invalidate", "{\"type\": \"whats_next\"}"))
                .get("removed")
                .asInt())
        .isEqualTo(2);
    assertThat(ok(web.admin("POST", "/api/admin/cache/invalidate", "{}")).get("removed").asInt())
        .isEqualTo(1);
    bad(web.admin("POST", "/api/admin/cache/invalidate", "{\"type\": \"everything\"}"), "type");
    bad(web.admin("POST", "/api/admin/cache/invalidate", "{\"kind\": \"whats_next\"}"), "kind");
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /api/admin/config",
    "PATCH, /api/admin/config",
    "GET, /api/admin/config/history",
    "POST, /api/admin/config/rollback",
    "POST, /api/admin/config/reload",
    "GET, /api/admin/flags",
    "PUT, /api/admin/flags/batching",
    "POST, /api/admin/flags/emergency-disable",
    "DELETE, /api/admin/flags/emergency-disable",
    "POST, /api/admin/cache/invalidate",
    "GET, /api/admin/no-such-thing",
    "GET, /api/admin/",
    "GET, //api/admin/config"
  })
  void anyAdminEndpoint_withoutOrWithAWrongToken_answers401(String method, String path)
      throws Exception {
    HttpResponse<String> none = web.send(method, path, "{}");
    HttpResponse<String> wrong =
        web.send(method, path, "{}", "Authorization", "Bearer not-the-token-0123456789");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(WebHarness.json(none).get("detail").asText()).contains("Authorization: Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain(WebHarness.TOKEN);
    assertThat(config.current().version()).isEqualTo(1);
    assertThat(config.reloads).isZero();
  }
}
