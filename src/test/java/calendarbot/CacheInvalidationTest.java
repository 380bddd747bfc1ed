package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.PipelineConfig;
import calendarbot.event.TimeWindow;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import calendarbot.source.RefreshListener;
import calendarbot.status.Freshness;
import calendarbot.testing.FakeClock;
import calendarbot.web.KioskWarmer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CacheInvalidationTest {
  private static final Freshness FRESH = new Freshness(true, List.of(), List.of(), List.of());
  private static final Freshness STALE = new Freshness(true, List.of("work"), List.of(), List.of());

  private static final RequestKey WHATS_NEXT =
      RequestKey.builder(RequestType.WHATS_NEXT).put("t", 1000L).put("v", 1L).build();
  private static final RequestKey IMAGE =
      RequestKey.builder(RequestType.IMAGE).put("t", 1000L).put("w", 400L).build();
  private static final RequestKey SETTINGS =
      RequestKey.builder(RequestType.SETTINGS).put("what", "all").put("v", 1L).build();
  private static final RequestKey MARCH = events("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
  private static final RequestKey MAY = events("2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z");
  private static final RequestKey JUNE_FIRST =
      events("2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z");

  private final FakeClock clock = FakeClock.at("2026-03-10T08:00:00Z");
  private final AtomicReference<Freshness> freshness = new AtomicReference<>(FRESH);
  private final List<String> changedSources = new ArrayList<>();
  private RequestPipeline pipeline;
  private CacheInvalidation invalidation;

  @BeforeEach
  void setUp() {
    pipeline = RequestPipeline.create(PipelineConfig.defaults(), clock);
    invalidation =
        new CacheInvalidation(pipeline, changedSources::add, Runnable::run, clock, () -> false);
  }

  @Test
  void write_freshnessUnchangedAndNoDataChange_removesNothing() {
    bind();
    write(Optional.empty()); // the first write notes the freshness
    fill();

    write(Optional.empty());

    assertThat(cached()).containsExactly(WHATS_NEXT, IMAGE, SETTINGS, MARCH, MAY, JUNE_FIRST);
  }

  @Test
  void write_dataChanged_removesWhatsNextImageAndTheEventsWindowsMeetingTheSpan() {
    bind();
    write(Optional.empty());
    fill();

    // Ends exactly where JUNE_FIRST starts: an event at a window's edge counts.
    write(span("2026-05-20T00:00:00Z", "2026-06-01T00:00:00Z"));

    assertThat(cached()).containsExactly(SETTINGS, MARCH);
  }

  @Test
  void write_unboundedSpan_removesEveryEventsWindowFromItsStart() {
    bind();
    write(Optional.empty());
    fill();

    write(Optional.of(new TimeWindow(Instant.parse("2026-04-15T00:00:00Z"), Instant.MAX)));

    assertThat(cached()).containsExactly(SETTINGS, MARCH);
  }

  @Test
  void write_freshnessChanged_removesEveryDataAnswer() {
    bind();
    write(Optional.empty());
    fill();
    freshness.set(STALE);

    write(Optional.empty());

    assertThat(cached()).containsExactly(SETTINGS);
  }

  @Test
  void write_freshnessMovedSinceTheLastWriteAndBack_removesEveryDataAnswer() {
    // Regression: a source turns stale as time passes, answers cached then say so; a 304 makes it
    // fresh again, as it was after the previous write. Those answers must go.
    bind();
    write(Optional.empty());
    freshness.set(STALE);
    fill();

    RefreshListener.Written written = invalidation.beforeWrite("work");
    freshness.set(FRESH);
    written.after(Optional.empty());

    assertThat(cached()).containsExactly(SETTINGS);
  }

  @Test
  void write_beforeBind_removesEveryDataAnswer() {
    fill();

    write(Optional.empty());

    assertThat(cached()).containsExactly(SETTINGS);
  }

  @Test
  void settingsChanged_removesSettingsWhatsNextImagesAndFilteredEventsOnly() {
    bind();
    fill();
    RequestKey filtered =
        RequestKey.builder(RequestType.EVENTS_BY_RANGE)
            .window(MAY.window())
            .put("filtered", "true")
            .put("v", 1L)
            .build();
    compute(filtered);

    invalidation.settingsChanged();

    assertThat(isCached(filtered)).isFalse();
    assertThat(cached()).containsExactly(MARCH, MAY, JUNE_FIRST);
  }

  @Test
  void onSourceChanged_passesTheSourceOn() {
    invalidation.onSourceChanged("work");

    assertThat(changedSources).containsExactly("work");
  }

  private void bind() {
    invalidation.bind(
        freshness::get,
        new KioskWarmer() {
          @Override
          public void warm(Instant minute) {}

          @Override
          public Instant lastPoll() {
            return null;
          }
        });
  }

  private void write(Optional<TimeWindow> changed) {
    invalidation.beforeWrite("work").after(changed);
  }

  private void fill() {
    for (RequestKey k : List.of(WHATS_NEXT, IMAGE, SETTINGS, MARCH, MAY, JUNE_FIRST)) {
      compute(k);
    }
    assertThat(cached()).hasSize(6);
  }

  private void compute(RequestKey k) {
    pipeline.handle(k, () -> answer(k));
  }

  /** The keys of {@link #fill} still answered from the cache (each checked once). */
  private List<RequestKey> cached() {
    List<RequestKey> out = new ArrayList<>();
    for (RequestKey k : List.of(WHATS_NEXT, IMAGE, SETTINGS, MARCH, MAY, JUNE_FIRST)) {
      if (isCached(k)) {
        out.add(k);
      }
    }
    return out;
  }

  /** Whether {@code k} is answered without computing (it is stored again if it was not). */
  private boolean isCached(RequestKey k) {
    boolean[] computed = {false};
    pipeline.handle(
        k,
        () -> {
          computed[0] = true;
          return answer(k);
        });
    return !computed[0];
  }

  private static CachedResponse answer(RequestKey k) {
    return CachedResponse.of(200, "text/plain", k.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static RequestKey events(String start, String end) {
    return RequestKey.builder(RequestType.EVENTS_BY_RANGE)
        .window(new TimeWindow(Instant.parse(start), Instant.parse(end)))
        .put("zone", ZoneId.of("Europe/Berlin"))
        .build();
  }

  private static Optional<TimeWindow> span(String start, String end) {
    return Optional.of(new TimeWindow(Instant.parse(start), Instant.parse(end)));
  }
}
