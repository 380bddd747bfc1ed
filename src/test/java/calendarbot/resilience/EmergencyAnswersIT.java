package calendarbot.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.PipelineConfig;
import calendarbot.error.StorageException;
import calendarbot.flags.FeatureFlags;
import calendarbot.metrics.Metrics;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import calendarbot.testing.FakeClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emergency answer on disk: written atomically, rarely, and served after a restart. */
class EmergencyAnswersIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;
  private final FakeClock clock = FakeClock.at("2026-11-23T09:00:10Z");

  private Path file() {
    return dir.resolve("emergency").resolve("whats-next.json");
  }

  private RequestPipeline pipeline() {
    Resilience r =
        Resilience.create(Configs.small(), FeatureFlags.allOn(), dir, clock, Metrics.noop());
    return r.guard(RequestPipeline.create(PipelineConfig.defaults(), clock));
  }

  private RequestKey now() {
    return RequestKey.builder(RequestType.WHATS_NEXT)
        .minute(clock.instant().truncatedTo(ChronoUnit.MINUTES))
        .build();
  }

  private static CachedResponse json(String s) {
    return CachedResponse.of(200, "application/json", s.getBytes(StandardCharsets.UTF_8));
  }

  private static CachedResponse failing() {
    throw new StorageException("database is locked (SQLITE_BUSY)", null);
  }

  @Test
  void offer_goodAnswer_isSavedOnDisk_andServedAfterARestart() throws Exception {
    pipeline().handle(now(), () -> json("{\"next\":{\"title\":\"Standup\"}}"));
    assertThat(file()).exists();
    assertThat(dir.resolve("emergency").resolve("whats-next.json.tmp")).doesNotExist();

    clock.advance(Duration.ofMinutes(10));
    CachedResponse r = pipeline().handle(now(), EmergencyAnswersIT::failing);

    JsonNode body = MAPPER.readTree(r.body());
    assertThat(body.get("next").get("title").asText()).isEqualTo("Standup");
    assertThat(body.get("stale").asBoolean()).isTrue();
    assertThat(body.get("emergency").get("age_seconds").asLong()).isEqualTo(600);
    assertThat(body.get("emergency").get("saved_at").asText()).isEqualTo("2026-11-23T09:00:10Z");
    // The kind of failure, not its message: that can name files and stays in the log.
    assertThat(body.get("emergency").get("reason").asText())
        .isEqualTo("the calendar database cannot be read right now");
  }

  @Test
  void offer_sameEtagWithinTenMinutes_isNotWrittenAgain_aChangedOneIs() throws Exception {
    RequestPipeline p = pipeline();
    p.handle(now(), () -> json("{\"v\":1}"));
    clock.advance(Duration.ofMinutes(1));
    p.invalidate(k -> true);
    p.handle(now(), () -> json("{\"v\":1}"));
    assertThat(MAPPER.readTree(file().toFile()).get("saved_at").asText())
        .isEqualTo("2026-11-23T09:00:10Z");

    clock.advance(Duration.ofMinutes(1));
    p.invalidate(k -> true);
    p.handle(now(), () -> json("{\"v\":2}"));
    JsonNode saved = MAPPER.readTree(file().toFile());
    assertThat(saved.get("saved_at").asText()).isEqualTo("2026-11-23T09:02:10Z");
    assertThat(saved.get("answer").get("v").asInt()).isEqualTo(2);

    clock.advance(Duration.ofMinutes(10));
    p.invalidate(k -> true);
    p.handle(now(), () -> json("{\"v\":2}"));
    assertThat(MAPPER.readTree(file().toFile()).get("saved_at").asText())
        .isEqualTo("2026-11-23T09:12:10Z");
  }

  @Test
  void load_corruptFile_startsWithoutAnEmergencyAnswer() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "{not json");

    Resilience r =
        Resilience.create(Configs.small(), FeatureFlags.allOn(), dir, clock, Metrics.noop());

    assertThat(r.status().emergency().savedAt()).isNull();
  }
}
