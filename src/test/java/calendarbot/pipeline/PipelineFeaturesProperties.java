package calendarbot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.PipelineConfig;
import calendarbot.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The pipeline with any mix of per-request {@link Features} answers exactly what computing the
 * answer now would: random sequences of requests (each with its own features), data changes, clock
 * moves, live reconfiguration, memory-pressure limits and a cache that starts and stops failing.
 * Single-threaded; the concurrent cases are {@link CachingPipelineTest}'s and {@link
 * SingleFlightTest}'s.
 */
class PipelineFeaturesProperties {
  sealed interface Action permits Request, Change, Advance, Reconfigure, Limit, Fault {}

  record Request(RequestType type, int id, Features features) implements Action {}

  record Change(RequestType type) implements Action {}

  record Advance(int seconds) implements Action {}

  record Reconfigure(int ttlSeconds, int maxEntries) implements Action {}

  record Limit(double fraction) implements Action {}

  record Fault(boolean getFails, boolean putFails) implements Action {}

  private static final List<RequestType> TYPES =
      List.of(RequestType.WHATS_NEXT, RequestType.EVENTS_BY_RANGE, RequestType.SETTINGS);

  @Provide
  Arbitrary<List<Action>> actions() {
    Arbitrary<Features> features =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(Features::new);
    Arbitrary<Action> request =
        Combinators.combine(Arbitraries.of(TYPES), Arbitraries.integers().between(0, 4), features)
            .as(Request::new);
    Arbitrary<Action> change = Arbitraries.of(TYPES).map(Change::new);
    Arbitrary<Action> advance = Arbitraries.integers().between(0, 90).map(Advance::new);
    Arbitrary<Action> reconfigure =
        Combinators.combine(
                Arbitraries.integers().between(1, 120), Arbitraries.integers().between(1, 8))
            .as(Reconfigure::new);
    Arbitrary<Action> limit = Arbitraries.of(0.1, 0.5, 1.0).map(Limit::new);
    Arbitrary<Action> fault =
        Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false))
            .as(Fault::new);
    return Arbitraries.frequencyOf(
            Tuple2s.of(12, request),
            Tuple2s.of(2, change),
            Tuple2s.of(2, advance),
            Tuple2s.of(1, reconfigure),
            Tuple2s.of(1, limit),
            Tuple2s.of(1, fault))
        .list()
        .ofMinSize(1)
        .ofMaxSize(60);
  }

  @Property(tries = 300)
  void anyMixOfFeatures_answersWhatComputingNowWould(@ForAll("actions") List<Action> actions) {
    FakeClock clock = FakeClock.at("2026-11-23T09:00:00Z");
    PipelineConfig start = config(60, 8);
    ThrowingResponseCache cache =
        new ThrowingResponseCache(ResponseCache.create(start, clock), false, false);
    RecordingOutcomes outcomes = new RecordingOutcomes();
    RequestPipeline pipeline = RequestPipeline.caching(start, cache, outcomes);
    Map<RequestType, Integer> data = new EnumMap<>(RequestType.class);
    TYPES.forEach(t -> data.put(t, 0));
    List<String> done = new ArrayList<>();

    for (Action a : actions) {
      done.add(a.toString());
      if (a instanceof Request r) {
        RequestKey key = RequestKey.builder(r.type()).put("id", r.id()).build();
        CachedResponse expected = answer(r, data.get(r.type()));
        CachedResponse actual =
            pipeline.handle(key, r.features(), () -> answer(r, data.get(r.type())));
        assertThat(actual.status()).as("%s", done).isEqualTo(expected.status());
        assertThat(actual.contentType()).as("%s", done).isEqualTo(expected.contentType());
        assertThat(actual.etag()).as("%s", done).isEqualTo(expected.etag());
        assertThat(actual.body()).as("%s", done).isEqualTo(expected.body());
      } else if (a instanceof Change c) {
        try (DataChange change = pipeline.beginChange(k -> k.type() == c.type())) {
          data.merge(c.type(), 1, Integer::sum);
        }
      } else if (a instanceof Advance v) {
        clock.advance(Duration.ofSeconds(v.seconds()));
      } else if (a instanceof Reconfigure rc) {
        pipeline.reconfigure(config(rc.ttlSeconds(), rc.maxEntries()));
      } else if (a instanceof Limit l) {
        pipeline.limitCache(l.fraction());
      } else if (a instanceof Fault f) {
        cache.getFails = f.getFails();
        cache.putFails = f.putFails();
      }
    }
  }

  /**
   * What the handler would answer now: a function of the request and the data version; id 4 is an
   * error (never cached), ids 2 and 3 are large enough to be compressed.
   */
  private static CachedResponse answer(Request r, int version) {
    String text = r.type().code() + "/" + r.id() + "/v" + version;
    if (r.id() == 4) {
      return CachedResponse.of(503, "application/problem+json", bytes(text));
    }
    byte[] body = bytes(text);
    if (r.id() >= 2) {
      body = Arrays.copyOf(body, 4 * CachedResponse.GZIP_MIN_BYTES);
    }
    return CachedResponse.of(200, "application/json", body);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static PipelineConfig config(int ttlSeconds, int maxEntries) {
    PipelineConfig d = PipelineConfig.defaults();
    Duration ttl = Duration.ofSeconds(ttlSeconds);
    return new PipelineConfig(
        true,
        true,
        true,
        false,
        true,
        ttl,
        ttl,
        ttl,
        ttl,
        maxEntries,
        d.maxWeightBytes(),
        d.batchWindow(),
        d.batchMaxSize());
  }

  /** jqwik's frequency pairs, spelled once. */
  private static final class Tuple2s {
    static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Action>> of(
        int weight, Arbitrary<? extends Action> a) {
      return net.jqwik.api.Tuple.of(weight, a);
    }
  }
}
