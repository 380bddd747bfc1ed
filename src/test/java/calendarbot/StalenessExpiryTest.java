package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.PipelineConfig;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.DataChange;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import calendarbot.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StalenessExpiryTest {
  private static final RequestKey DATA =
      RequestKey.builder(RequestType.EVENTS_BY_RANGE).put("start", 0L).build();
  private static final RequestKey SETTINGS =
      RequestKey.builder(RequestType.SETTINGS).put("v", 1L).build();

  private final FakeClock clock = FakeClock.at("2026-11-23T10:00:00Z");
  private final AtomicReference<Instant> freshUntil =
      new AtomicReference<>(Instant.parse("2026-11-23T10:00:30Z"));
  private final AtomicInteger computed = new AtomicInteger();
  private final StalenessExpiry pipeline =
      new StalenessExpiry(RequestPipeline.create(PipelineConfig.defaults(), clock), clock);

  @Test
  void handle_clockPassesFreshUntil_dropsDataAnswersOnly() {
    pipeline.bind(freshUntil::get);
    get(DATA);
    get(SETTINGS);
    clock.advance(Duration.ofSeconds(30)); // at the deadline: still fresh
    get(DATA);
    assertThat(computed).hasValue(2);

    freshUntil.set(Instant.MAX);
    clock.advance(Duration.ofSeconds(1));
    get(DATA);
    get(SETTINGS);
    get(DATA);

    assertThat(computed).hasValue(3);
  }

  @Test
  void dataChange_closed_readsTheDeadlineAgain() {
    pipeline.bind(freshUntil::get);
    get(DATA);
    freshUntil.set(Instant.parse("2026-11-23T11:00:00Z"));
    DataChange change = pipeline.beginChange(k -> false);
    change.close();
    clock.advance(Duration.ofMinutes(1));

    get(DATA);

    assertThat(computed).hasValue(1);
  }

  @Test
  void handle_beforeBind_neverExpires() {
    get(DATA);
    clock.advance(Duration.ofSeconds(59));

    get(DATA);

    assertThat(computed).hasValue(1);
  }

  private void get(RequestKey key) {
    pipeline.handle(
        key,
        () -> {
          computed.incrementAndGet();
          return CachedResponse.of(200, "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        });
  }
}
