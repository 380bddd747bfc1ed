package calendarbot.bench;

import calendarbot.config.ExpansionConfig;
import calendarbot.config.PipelineConfig;
import calendarbot.config.SourceConfig;
import calendarbot.event.CalendarData;
import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import calendarbot.ics.Expander;
import calendarbot.ics.IcsParser;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import calendarbot.pipeline.ResponseCache;
import calendarbot.settings.SettingsSnapshot;
import calendarbot.status.StatusService;
import calendarbot.store.SourceState;
import calendarbot.testing.FeedGenerator;
import calendarbot.whatsnext.WhatsNext;
import calendarbot.whatsnext.WhatsNextService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The request pipeline's hit path against computing the answer (issue 5): key generation with the
 * parameters the routes use, lookup in a warmed cache, and writing the cached bytes (the gzip form,
 * as a browser accepts it) into an in-memory sink; against building the answer from instances
 * already in memory (what's-next rules, JSON, and the ETag + gzip a cacheable answer gets), i.e. a
 * miss without its database read.
 *
 * <p>Data: a 10,000-VEVENT generated feed (seed 42, events around 2026-11-23, Europe/Berlin)
 * expanded over 7 days from 2026-11-23 (the window the kiosk's "later" and {@code /api/events}
 * read). The what's-next answer is for 2026-11-23 12:00.
 *
 * <p>Run (not part of the build): {@code JMH_TU=us bench/jmh PipelineHit}, or
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *     -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main \
 *     PipelineHit -f 1 -wi 3 -i 5 -w 2 -r 2 -bm avgt -tu us
 * </pre>
 *
 * The forked JVM runs with JMH's default flags (C2), not the launcher's; ratios between the methods
 * are what this measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dlogback.configurationFile=calendarbot/bench/logback-bench.xml"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineHitBenchmark {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final LocalDate BASE = LocalDate.of(2026, 11, 23);
  private static final Instant NOON = BASE.atTime(12, 0).atZone(ZONE).toInstant();

  /** The app's mapper settings ({@code web.Json}). */
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private WhatsNextService service;
  private SettingsSnapshot view;
  private List<Instance> week;
  private TimeWindow weekWindow;
  private ResponseCache cache;
  private RequestPipeline pipeline;
  private ByteBuffer sink;

  @Setup
  public void setUp() {
    byte[] feed = new FeedGenerator(42, BASE, ZONE).generate(10_000);
    CalendarData parsed = new IcsParser().parse(new ByteArrayInputStream(feed), "source 'bench'");
    weekWindow =
        new TimeWindow(
            BASE.atStartOfDay(ZONE).toInstant(), BASE.plusDays(7).atStartOfDay(ZONE).toInstant());
    week =
        new Expander(ExpansionConfig.defaults())
            .expand("bench", parsed.series(), parsed.zones(), weekWindow, ZONE).stream()
                .sorted(Instance::byStart)
                .toList();
    SourceConfig src =
        new SourceConfig("bench", "Bench", URI.create("http://127.0.0.1/x.ics"), null, null, null);
    SourceState read =
        new SourceState(
            "bench", null, null, NOON, NOON.minusSeconds(60), null, null, null, 0, 10_000);
    Clock clock = Clock.fixed(NOON, ZONE);
    StatusService status =
        new StatusService(
            () -> List.of(src),
            id -> read,
            id -> Optional.empty(),
            s -> Duration.ofMinutes(5),
            clock,
            () -> {});
    view = SettingsSnapshot.defaults(ZONE);
    service =
        new WhatsNextService(
            (w, z) -> week.stream().filter(i -> w.overlaps(i.start(), i.end())).toList(),
            status,
            () -> view,
            clock);

    PipelineConfig config = PipelineConfig.defaults();
    cache = ResponseCache.create(config, Clock.systemUTC());
    pipeline = RequestPipeline.create(config, Clock.systemUTC());
    CachedResponse whatsNext = computeWhatsNext();
    CachedResponse events = computeEvents();
    cache.put(whatsNextKey(), whatsNext);
    cache.put(eventsKey(), events);
    pipeline.handle(whatsNextKey(), () -> whatsNext);
    pipeline.handle(eventsKey(), () -> events);
    sink = ByteBuffer.allocate(events.body().length + 1024);
    System.err.printf(
        "%nwhats-next answer %d B (gzip %s B); 7-day answer %d instances, %d B (gzip %s B)%n",
        whatsNext.body().length,
        whatsNext.gzipped() == null ? "-" : whatsNext.gzipped().length,
        week.size(),
        events.body().length,
        events.gzipped() == null ? "-" : events.gzipped().length);
  }

  /** What {@code WhatsNextRoutes} builds: the minute, the display zone, the settings version. */
  private RequestKey whatsNextKey() {
    return RequestKey.builder(RequestType.WHATS_NEXT)
        .put("t", NOON.truncatedTo(ChronoUnit.MINUTES))
        .put("zone", view.zone())
        .put("v", view.version())
        .build();
  }

  /** What {@code EventRoutes} builds for a raw (unfiltered) window. */
  private RequestKey eventsKey() {
    return RequestKey.builder(RequestType.EVENTS_BY_RANGE)
        .window(weekWindow)
        .put("zone", ZONE)
        .put("filtered", false, false)
        .build();
  }

  private int write(CachedResponse r) {
    byte[] body = r.gzipped() != null ? r.gzipped() : r.body();
    sink.clear();
    sink.put(body);
    return sink.position();
  }

  @Benchmark
  public RequestKey keyWhatsNext() {
    return whatsNextKey();
  }

  @Benchmark
  public RequestKey keyEvents() {
    return eventsKey();
  }

  /** Key + {@code ResponseCache.get} + write of the gzip bytes: the brief's hit path. */
  @Benchmark
  public int hitWhatsNext() {
    return write(cache.get(whatsNextKey()));
  }

  @Benchmark
  public int hitEvents7d() {
    return write(cache.get(eventsKey()));
  }

  /**
   * The same through {@code RequestPipeline.handle} (sequence and active-change checks, latency
   * recording): what the server runs on a hit, minus HTTP.
   */
  @Benchmark
  public int hitWhatsNextPipeline() {
    return write(pipeline.handle(whatsNextKey(), this::computeWhatsNext));
  }

  @Benchmark
  public int hitEvents7dPipeline() {
    return write(pipeline.handle(eventsKey(), this::computeEvents));
  }

  /** A miss without its read: what's-next rules, JSON, ETag and gzip. */
  @Benchmark
  public int computeWhatsNextAnswer() {
    return write(computeWhatsNext());
  }

  /** The same without gzip: JSON only (what the plain path would need at least). */
  @Benchmark
  public int computeWhatsNextJsonOnly() {
    WhatsNext answer = service.at(NOON, view);
    sink.clear();
    sink.put(json(answer));
    return sink.position() + answer.fingerprint().length();
  }

  /** A 7-day answer's JSON + strong ETag + gzip, as {@code Answers.json} makes it. */
  @Benchmark
  public int computeEvents7dAnswer() {
    return write(computeEvents());
  }

  /** A 7-day answer's JSON only (wire records + serialisation). */
  @Benchmark
  public int computeEvents7dJsonOnly() {
    sink.clear();
    sink.put(json(eventsAnswer()));
    return sink.position();
  }

  private CachedResponse computeWhatsNext() {
    WhatsNext answer = service.at(NOON, view);
    return CachedResponse.of(
            200, "application/json", json(answer), "W/\"" + answer.fingerprint() + "\"")
        .compressed();
  }

  private CachedResponse computeEvents() {
    return CachedResponse.of(200, "application/json", json(eventsAnswer())).compressed();
  }

  /** The shape of {@code /api/events}' answer ({@code web.EventJson}, package-private there). */
  private Object eventsAnswer() {
    return java.util.Map.of(
        "start", weekWindow.start().toString(),
        "end", weekWindow.end().toString(),
        "count", week.size(),
        "events", week.stream().map(i -> WireEvent.of(i, ZONE)).toList());
  }

  record WireEvent(
      String id,
      String uid,
      String recurrenceId,
      String summary,
      String location,
      String description,
      String url,
      String start,
      String end,
      boolean allDay,
      String sourceId,
      String status,
      String transparency,
      String classification,
      String organizer,
      List<List<String>> attendees) {
    static WireEvent of(Instance i, ZoneId zone) {
      var d = i.details();
      return new WireEvent(
          i.id().value(),
          i.uid(),
          i.recurrenceId(),
          d.summary(),
          d.location(),
          d.description(),
          d.url(),
          i.start().atZone(zone).toOffsetDateTime().toString(),
          i.end().atZone(zone).toOffsetDateTime().toString(),
          i.allDay(),
          i.sourceId(),
          d.status(),
          d.transparency(),
          d.classification(),
          d.organizer(),
          d.attendees().stream()
              .map(a -> java.util.Arrays.asList(a.email(), a.name(), a.partstat()))
              .toList());
    }
  }

  private static byte[] json(Object o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(PipelineHitBenchmark.class.getSimpleName()).build())
        .run();
  }
}
