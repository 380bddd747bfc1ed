package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.AdminConfig;
import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control surface of a real App: disabled without a token, 401 without the right one. */
class AdminGuardIT {
  @TempDir Path dataDir;
  private AppFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("api-day.ics", "2026-11-23T09:10:00Z", dataDir);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void writes_noTokenConfigured_answer403SayingHowToEnable() throws Exception {
    RunningApp app = fixture.start(fixture.config().withAdmin(AdminConfig.defaults()));

    for (String[] call :
        new String[][] {
          {"POST", "/api/refresh"},
          {"PUT", "/api/settings"},
          {"POST", "/api/events/hide"},
          {"GET", "/api/admin/flags"}
        }) {
      HttpResponse<String> r =
          app.exchange(call[0], call[1], "{}", HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(call[1]).isEqualTo(403);
      assertThat(r.body())
          .contains(
              "/problems/admin-disabled", "CALENDARBOT_ADMIN_TOKEN", "admin.token_file", "restart");
    }
    // Reads stay open.
    assertThat(app.anonymous().get("/api/settings").status()).isEqualTo(200);
    assertThat(app.anonymous().post("/api/settings/validate", "{}").status()).isEqualTo(200);
  }

  @Test
  void writes_missingOrWrongToken_answer401AndTheRightOne200() throws Exception {
    RunningApp app = fixture.start();

    HttpResponse<String> missing = app.anonymous().postText("/api/refresh", "");
    HttpResponse<String> wrong =
        app.withToken("not-the-admin-token-xyz").postText("/api/refresh", "");
    HttpResponse<String> basic =
        app.anonymous()
            .exchange(
                "POST",
                "/api/refresh",
                "",
                HttpResponse.BodyHandlers.ofString(),
                "Authorization",
                "Basic eDp5");
    HttpResponse<String> right = app.postText("/api/refresh", "");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(missing.body()).contains("Authorization: Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("not the admin token").doesNotContain(AppFixture.ADMIN_TOKEN);
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
    assertThat(app.anonymous().get("/api/status").status()).isEqualTo(200);
  }

  @Test
  void writes_pastTheLimit_answer429WithRetryAfterAndRefill() throws Exception {
    RunningApp app =
        fixture.start(fixture.config().withAdmin(new AdminConfig(AppFixture.ADMIN_TOKEN, null, 2)));
    String[] me = {"X-Client-Id", "kiosk-7"};

    assertThat(
            app.exchange(
                    "POST", "/api/settings/reset", null, HttpResponse.BodyHandlers.ofString(), me)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            app.exchange(
                    "POST", "/api/settings/reset", null, HttpResponse.BodyHandlers.ofString(), me)
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> third =
        app.exchange("POST", "/api/settings/reset", null, HttpResponse.BodyHandlers.ofString(), me);
    HttpResponse<String> other =
        app.exchange(
            "POST",
            "/api/settings/reset",
            null,
            HttpResponse.BodyHandlers.ofString(),
            "X-Client-Id",
            "kiosk-8");

    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(third.body()).contains("/problems/rate-limited", "kiosk-7", "admin.write_limit=2");
    assertThat(other.statusCode()).isEqualTo(200);
    // Reads are never limited.
    assertThat(app.get("/api/settings").status()).isEqualTo(200);

    fixture.clock().advance(Duration.ofSeconds(30));
    assertThat(
            app.exchange(
                    "POST", "/api/settings/reset", null, HttpResponse.BodyHandlers.ofString(), me)
                .statusCode())
        .isEqualTo(200);
  }
}
