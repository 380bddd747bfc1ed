package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.AdminConfig;
import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control surface of a real App: {@code /api/status} reports the resilience parts, and every
 * admin endpoint refuses a request without the token or with a wrong one (401), or every request
 * when no token is configured (403 saying how to enable it), changing nothing; reads stay open.
 */
class ControlSurfaceIT {
  /** Method, path, body of every admin endpoint. */
  private static final List<String[]> ADMIN =
      List.of(
          new String[] {"GET", "/api/admin/config", null},
          new String[] {"PATCH", "/api/admin/config", "{\"pipeline.ttl.whats_next\": \"10s\"}"},
          new String[] {"GET", "/api/admin/config/history", null},
          new String[] {"POST", "/api/admin/config/rollback", "{\"version\": 1}"},
          new String[] {"POST", "/api/admin/config/reload", ""},
          new String[] {"GET", "/api/admin/flags", null},
          new String[] {"PUT", "/api/admin/flags/request_pipeline", "{\"rollout\": 25}"},
          new String[] {"POST", "/api/admin/flags/emergency-disable", "{\"flags\": [\"all\"]}"},
          new String[] {"DELETE", "/api/admin/flags/emergency-disable", null},
          new String[] {"POST", "/api/admin/cache/invalidate", "{}"});

  private static final List<String> READS =
      List.of("/api/status", "/api/whats-next/data", "/api/pipeline/stats", "/api/settings");

  @TempDir Path dir;
  private AppFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("api-day.ics", "2026-11-23T09:10:00Z", dir);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void status_carriesTheResilienceSection() throws Exception {
    RunningApp app = fixture.startReady();

    JsonNode r = app.anonymous().get("/api/status").body().get("resilience");

    assertThat(r.get("breakers"))
        .extracting(b -> b.get("name").asText())
        .containsExactly("pipeline", "feed_pool", "source:work");
    assertThat(r.get("breakers"))
        .allSatisfy(b -> assertThat(b.get("state").asText()).isEqualTo("CLOSED"));
    assertThat(r.at("/memory/level").asText()).isEqualTo("NORMAL");
    assertThat(r.at("/bulkhead/max_concurrent").asInt()).isEqualTo(4);
    assertThat(r.at("/bulkhead/available").asInt()).isEqualTo(4);
    assertThat(r.at("/emergency/served").asLong()).isZero();
  }

  @Test
  void adminEndpoints_noOrWrongToken_answer401AndChangeNothing() throws Exception {
    RunningApp app = fixture.startReady();
    String before = app.get("/api/admin/config").body().toString();

    for (RunningApp caller : List.of(app.anonymous(), app.withToken("wrong-token-0123456789"))) {
      for (String[] e : ADMIN) {
        HttpResponse<String> r =
            caller.exchange(e[0], e[1], e[2], HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s %s: %s", e[0], e[1], r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(r.body()).contains("/problems/unauthorized");
      }
    }

    assertThat(app.get("/api/admin/config").body().toString()).isEqualTo(before);
    assertThat(app.get("/api/admin/flags").body().get("emergency_disable")).isEmpty();
    for (String path : READS) {
      assertThat(app.anonymous().getText(path).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void adminEndpoints_noTokenConfigured_answer403SayingHowToEnable() throws Exception {
    RunningApp app =
        fixture.start(fixture.config().withAdmin(new AdminConfig(null, null, 60))).awaitReady();

    for (String[] e : ADMIN) {
      HttpResponse<String> r = app.exchange(e[0], e[1], e[2], HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("%s %s: %s", e[0], e[1], r.body()).isEqualTo(403);
      assertThat(r.body()).contains("/problems/admin-disabled").contains("CALENDARBOT_ADMIN_TOKEN");
    }

    assertThat(app.app().configService().history()).hasSize(1);
    assertThat(app.app().configService().config().flags().emergencyDisable()).isEmpty();
    for (String path : READS) {
      assertThat(app.anonymous().getText(path).statusCode()).as(path).isEqualTo(200);
    }
  }
}
