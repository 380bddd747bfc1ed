package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void help_listsTheServeCommand() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString()).contains("serve").contains("--version");
  }

  @Test
  void serveHelp_documentsEveryOption() {
    assertThat(run("serve", "--help")).isZero();

    assertThat(out.toString())
        .contains("--port", "--host", "--data-dir", "--timezone", "--source", "--config")
        .contains("CALENDARBOT_SERVER_PORT")
        .contains("webcal://");
  }

  @Test
  void serve_invalidTimezone_exits2WithKeyRuleAndValue() {
    int code = run("serve", "--timezone", "Moon/Base", "--data-dir", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("timezone must be an IANA time zone")
        .contains("but was 'Moon/Base'")
        .contains("(set by flag --timezone)");
  }

  @Test
  void serve_invalidConfigFile_exits2NamingTheKey() throws Exception {
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, "refresh:\n  jitter: 2\n");

    int code = run("serve", "--config", cfg.toString(), "--data-dir", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("refresh.jitter must be between 0 and 0.5, but was '2.0'");
  }

  @Test
  void serve_badPortFlag_exits2() {
    int code = run("serve", "--port", "-1", "--data-dir", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("server.port must be between 0 and 65535, but was '-1'");
  }

  @Test
  void serve_corruptDatabase_exits1WithTheStoreDiagnostic() throws Exception {
    Files.writeString(dir.resolve(App.DATABASE_FILE), "this is not a SQLite database, just text");

    int code = run("serve", "--port", "0", "--data-dir", dir.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("calendarbot: cannot start: store:")
        .contains(dir.resolve(App.DATABASE_FILE).toString())
        .doesNotContain("\tat ");
  }

  @Test
  void serve_portAlreadyInUse_exits1SayingSo() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int code =
          run(
              "serve",
              "--port",
              String.valueOf(taken.getLocalPort()),
              "--data-dir",
              dir.toString());

      assertThat(code).isEqualTo(1);
      assertThat(err.toString())
          .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .contains("choose another --port");
    }
  }

  @Test
  void configShow_printsEveryKeyWithValueAndOrigin() throws Exception {
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(
        cfg,
        "refresh:\n  interval: 2m\ntls:\n  trust_store_password: tls-secret-pass\n"
            + "admin:\n  token: admin-token-secret-0123456789\n");

    int code =
        run(
            "config",
            "show",
            "--config",
            cfg.toString(),
            "--data-dir",
            dir.toString(),
            "--port",
            "9999");

    assertThat(code).isZero();
    String text = out.toString();
    assertThat(text.lines())
        .anyMatch(
            l ->
                l.matches(
                    "refresh\\.interval +2m +file "
                        + java.util.regex.Pattern.quote(cfg.toString())
                        + ":2"))
        .anyMatch(l -> l.matches("server\\.port +9999 +flag --port +\\[restart\\]"))
        .anyMatch(l -> l.matches("pipeline\\.ttl\\.whats_next +\\S+ +default"))
        .anyMatch(l -> l.matches("admin\\.token +\\*\\*\\* +file .*"));
    assertThat(text).doesNotContain("tls-secret-pass", "admin-token-secret");
    assertThat(text.lines().count()).isEqualTo(calendarbot.config.ConfigKeys.all().size());
    assertThat(Files.exists(dir.resolve(App.DATABASE_FILE))).isFalse();
  }

  @Test
  void configShow_json_listsEntriesWithRuntimeOverridesFromTheDatabase() throws Exception {
    try (calendarbot.store.Database db =
        calendarbot.store.Database.open(dir.resolve(App.DATABASE_FILE))) {
      new calendarbot.store.ConfigStore(db)
          .save(
              java.util.Map.of(
                  "pipeline.rollout",
                  new calendarbot.config.OverrideStore.StoredOverride(
                      "25", "admin api", java.time.Instant.parse("2026-03-01T10:00:00Z"))),
              null);
    }

    int code = run("config", "show", "--json", "--data-dir", dir.toString());

    assertThat(code).isZero();
    com.fasterxml.jackson.databind.JsonNode entries =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    com.fasterxml.jackson.databind.JsonNode rollout = null;
    for (com.fasterxml.jackson.databind.JsonNode e : entries) {
      if (e.get("key").asText().equals("pipeline.rollout")) {
        rollout = e;
      }
    }
    assertThat(rollout).isNotNull();
    assertThat(rollout.get("value").asText()).isEqualTo("25");
    assertThat(rollout.get("origin").asText())
        .isEqualTo("runtime (admin api, 2026-03-01T10:00:00Z)");
    assertThat(rollout.get("live").asBoolean()).isTrue();
  }

  @Test
  void configShow_invalidValue_exits2WithKeyRuleAndValue() {
    int code = run("config", "show", "--timezone", "Moon/Base", "--data-dir", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("timezone must be an IANA time zone")
        .contains("(set by flag --timezone)");
  }
}
