package calendarbot.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import calendarbot.config.AppConfig;
import calendarbot.config.ConnectionConfig;
import calendarbot.config.ExpansionConfig;
import calendarbot.config.FetchConfig;
import calendarbot.config.RefreshConfig;
import calendarbot.config.SourceConfig;
import calendarbot.connection.BackgroundExecutor;
import calendarbot.error.NotFoundException;
import calendarbot.event.CalendarData;
import calendarbot.event.EventDetails;
import calendarbot.event.EventLength;
import calendarbot.event.EventTime;
import calendarbot.event.Series;
import calendarbot.event.TimeWindow;
import calendarbot.event.ZoneTable;
import calendarbot.ics.Expander;
import calendarbot.ics.IcsParser;
import calendarbot.metrics.Metrics;
import calendarbot.source.RefreshResult.Outcome;
import calendarbot.store.Database;
import calendarbot.store.Materialization;
import calendarbot.store.SeriesStore;
import calendarbot.store.SourceState;
import calendarbot.store.SourceStateStore;
import calendarbot.store.StoreProbe;
import calendarbot.testing.FakeClock;
import calendarbot.testing.FakeFeedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** Every behaviour holds on both paths: pooled connections and a new connection per fetch. */
@ParameterizedClass(name = "pooled={0}")
@ValueSource(booleans = {true, false})
class RefreshServiceIT {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
  static final RefreshConfig REFRESH =
      new RefreshConfig(Duration.ofMinutes(5), 0.1, Duration.ofSeconds(30), Duration.ofMinutes(30));

  @Parameter boolean pooled;

  @TempDir Path dir;
  FakeFeedServer server;
  FakeClock clock;
  Database db;
  SeriesStore series;
  SourceStateStore states;
  ScheduledExecutorService executor;
  FeedFetcher fetcher;
  final List<String> changed = new CopyOnWriteArrayList<>();
  RefreshService service;

  @BeforeEach
  void setUp() {
    server = FakeFeedServer.start();
    clock = FakeClock.at(NOW);
    openDatabase();
    executor = BackgroundExecutor.create(4);
    fetcher = fetcher(Duration.ofMillis(300));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (service != null) {
      service.close();
    }
    server.close();
    executor.shutdownNow();
    fetcher.close();
    db.close();
  }

  void openDatabase() {
    db = Database.open(dir.resolve("calendarbot.db"));
    series = new SeriesStore(db);
    states = new SourceStateStore(db);
  }

  FeedFetcher fetcher(Duration readTimeout) {
    return fetcher(readTimeout, pooled);
  }

  static FeedFetcher fetcher(Duration readTimeout, boolean pooled) {
    return FeedFetcher.create(
        new FetchConfig(Duration.ofSeconds(2), readTimeout, 3, 64 * 1024),
        ConnectionConfig.defaults().withPoolEnabled(pooled));
  }

  /** A Random whose every draw is {@code u}: the jitter becomes predictable. */
  static Random fixed(double u) {
    return new Random() {
      private static final long serialVersionUID = 1L;

      @Override
      public double nextDouble() {
        return u;
      }
    };
  }

  RefreshService service(Random random, SourceConfig... sources) {
    AppConfig config =
        AppConfig.defaults(dir, BERLIN).withSources(List.of(sources)).withRefresh(REFRESH);
    service =
        RefreshService.create(
            config, fetcher, series, states, executor, clock, random, changed::add);
    return service;
  }

  RefreshService service(SourceConfig... sources) {
    return service(fixed(0.5), sources);
  }

  SourceConfig source(String id, String path) {
    return new SourceConfig(id, null, server.uri(path), null, null, null);
  }

  static byte[] workIcs() {
    try (InputStream in = RefreshServiceIT.class.getResourceAsStream("/ics/work.ics")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores one event and a successful state for {@code id}, as if an earlier refresh had. */
  void seedGoodData(String id, String etag) {
    Series one =
        new Series(
            "seed@test",
            new EventTime.Utc(Instant.parse("2026-03-02T09:00:00Z")),
            EventLength.exact(Duration.ofHours(1)),
            null,
            null,
            null,
            new EventDetails("Seeded", null, null, null, null, null, null, null, null),
            null);
    TimeWindow horizon =
        new TimeWindow(NOW.minus(Duration.ofDays(14)), NOW.plus(Duration.ofDays(90)));
    series.replace(
        id,
        new CalendarData("seed", List.of(one), ZoneTable.empty(), null),
        new Materialization(horizon, BERLIN, List.of()),
        null);
    Instant earlier = NOW.minus(Duration.ofHours(1));
    states.save(new SourceState(id, etag, null, earlier, earlier, null, null, null, 0, 1));
  }

  @Test
  void refresh_status500_failsAndKeepsPreviousData() {
    seedGoodData("work", null);
    server.path("/work.ics").status(500);
    service(source("work", "/work.ics"));

    RefreshResult r = service.refresh("work");

    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.reason()).isEqualTo("HTTP_STATUS");
    assertThat(r.message()).startsWith("source 'work' returned HTTP 500");
    assertThat(r.events()).isEqualTo(1);
    SourceState s = states.load("work");
    assertThat(s.lastErrorReason()).isEqualTo("HTTP_STATUS");
    assertThat(s.lastError()).isEqualTo(r.message());
    assertThat(s.consecutiveFailures()).isEqualTo(1);
    assertThat(s.lastAttempt()).isEqualTo(NOW);
    assertThat(s.lastSuccess()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(s.eventCount()).isEqualTo(1);
    assertThat(StoreProbe.seriesCount(series, "work")).isEqualTo(1);
    assertThat(changed).isEmpty();
  }

  @Test
  void refresh_failingTwice_countsConsecutiveFailures() {
    server.path("/work.ics").status(503);
    service(source("work", "/work.ics"));

    service.refresh("work");
    service.refresh("work");

    assertThat(states.load("work").consecutiveFailures()).isEqualTo(2);
  }

  @Test
  void refresh_htmlBody_failsNotIcsAndKeepsData() {
    seedGoodData("work", null);
    server.path("/work.ics").body("<html><body>Please sign in</body></html>");
    service(source("work", "/work.ics"));

    RefreshResult r = service.refresh("work");

    assertThat(r.reason()).isEqualTo("NOT_ICS");
    assertThat(StoreProbe.seriesCount(series, "work")).isEqualTo(1);
  }

  @Test
  void refresh_oversizeBody_failsTooLarge() {
    server.path("/work.ics").body("BEGIN:VCALENDAR\r\n" + "X".repeat(1024 * 1024)).gzip(true);
    service(source("work", "/work.ics"));

    RefreshResult r = service.refresh("work");

    assertThat(r.reason()).isEqualTo("TOO_LARGE");
    assertThat(r.message()).contains("fetch.max_bytes");
  }

  @Test
  void refresh_hungServer_failsTimeout() {
    server.path("/work.ics").body(workIcs()).hang(true);
    service(source("work", "/work.ics"));

    RefreshResult r = service.refresh("work");

    assertThat(r.reason()).isEqualTo("TIMEOUT");
    assertThat(states.load("work").lastErrorReason()).isEqualTo("TIMEOUT");
  }

  @Test
  void refresh_notModified_recordsCheckAndKeepsData() {
    seedGoodData("work", "\"v1\"");
    server.path("/work.ics").body(workIcs()).etag("\"v1\"");
    service(source("work", "/work.ics"));

    RefreshResult r = service.refresh("work");

    assertThat(r.outcome()).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(r.events()).isEqualTo(1);
    assertThat(server.lastRequest("/work.ics").header("If-None-Match")).isEqualTo("\"v1\"");
    SourceState s = states.load("work");
    assertThat(s.lastChecked()).isEqualTo(NOW);
    assertThat(s.lastSuccess()).isEqualTo(NOW);
    assertThat(s.etag()).isEqualTo("\"v1\"");
    assertThat(s.failing()).isFalse();
    assertThat(StoreProbe.seriesCount(series, "work")).isEqualTo(1);
    assertThat(changed).isEmpty();
  }

  @Test
  void refresh_successAfterFailures_resetsFailures() {
    seedGoodData("work", "\"v1\"");
    server.path("/work.ics").status(500);
    service(source("work", "/work.ics"));
    service.refresh("work");
    server.path("/work.ics").status(200).body(workIcs()).etag("\"v1\"");

    RefreshResult r = service.refresh("work");

    assertThat(r.outcome()).isEqualTo(Outcome.NOT_MODIFIED);
    SourceState s = states.load("work");
    assertThat(s.consecutiveFailures()).isZero();
    assertThat(s.lastError()).isNull();
  }

  @Test
  void refreshAll_oneHungSource_othersFinishWithoutWaiting() throws IOException {
    fetcher.close();
    fetcher = fetcher(Duration.ofSeconds(30));
    seedGoodData("fast", "\"v1\"");
    server.path("/slow.ics").body(workIcs()).hang(true);
    server.path("/fast.ics").body(workIcs()).etag("\"v1\"");
    service(source("slow", "/slow.ics"), source("fast", "/fast.ics"));

    CompletableFuture<List<RefreshResult>> all = CompletableFuture.supplyAsync(service::refreshAll);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> NOW.equals(states.load("fast").lastChecked()));
    assertThat(all).isNotDone();
    assertThat(server.requestCount("/slow.ics")).isEqualTo(1);
    server.releaseHangs();
    List<RefreshResult> results = all.join();
    assertThat(results).extracting(RefreshResult::sourceId).containsExactly("slow", "fast");
    assertThat(results.get(1).outcome()).isEqualTo(Outcome.NOT_MODIFIED);
  }

  @Test
  void refreshAll_sourceStillRunningAtMaxWait_reportsItRunningAndTheOthersDone()
      throws IOException {
    fetcher.close();
    fetcher = fetcher(Duration.ofSeconds(30));
    seedGoodData("fast", "\"v1\"");
    server.path("/slow.ics").body(workIcs()).hang(true);
    server.path("/fast.ics").body(workIcs()).etag("\"v1\"");
    service(source("slow", "/slow.ics"), source("fast", "/fast.ics"));

    List<RefreshResult> results = service.refreshAll(Duration.ofSeconds(2));

    assertThat(results).extracting(RefreshResult::sourceId).containsExactly("slow", "fast");
    RefreshResult slow = results.get(0);
    assertThat(slow.outcome()).isEqualTo(Outcome.RUNNING);
    assertThat(slow.message()).isEqualTo("still running; see /api/status");
    assertThat(slow.reason()).isNull();
    assertThat(results.get(1).outcome()).isEqualTo(Outcome.NOT_MODIFIED);
    server.releaseHangs();
  }

  @Test
  void defaultRefreshAllWait_defaultFetchConfig_isTotalFetchDeadlinePlusReadTimeoutAndStoring() {
    assertThat(RefreshService.defaultRefreshAllWait(FetchConfig.defaults()))
        .isEqualTo(Duration.ofSeconds(170));
  }

  @Test
  void refresh_whileSameSourceRunning_joinsTheRunningRefresh() throws IOException {
    fetcher.close();
    fetcher = fetcher(Duration.ofSeconds(30));
    server.path("/slow.ics").status(500).hang(true);
    service(source("slow", "/slow.ics"));

    CompletableFuture<RefreshResult> first = service.refreshAsync("slow");
    await().atMost(Duration.ofSeconds(5)).until(() -> server.requestCount("/slow.ics") == 1);
    CompletableFuture<RefreshResult> second = service.refreshAsync("slow");
    server.releaseHangs();

    assertThat(second).isSameAs(first);
    assertThat(first.join().reason()).isEqualTo("HTTP_STATUS");
    assertThat(server.requestCount("/slow.ics")).isEqualTo(1);
  }

  @Test
  void start_refreshesEverySourceNowThenSchedulesIntervalOrBackoff() {
    seedGoodData("ok", "\"v1\"");
    server.path("/ok.ics").body(workIcs()).etag("\"v1\"");
    server.path("/down.ics").status(500);
    SourceConfig own =
        new SourceConfig("own", null, server.uri("/ok.ics"), null, null, Duration.ofMinutes(1));
    seedGoodData("own", "\"v1\"");
    service(source("ok", "/ok.ics"), source("down", "/down.ics"), own);

    service.start();

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(service.nextRefreshAt("ok")).contains(NOW.plus(Duration.ofMinutes(5)));
              assertThat(service.nextRefreshAt("own")).contains(NOW.plus(Duration.ofMinutes(1)));
              assertThat(service.nextRefreshAt("down")).contains(NOW.plusSeconds(30));
            });
    assertThat(states.load("down").consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void start_failingAgain_doublesBackoffUpToMax() {
    server.path("/down.ics").status(500);
    service(source("down", "/down.ics"));
    service.start();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                service.nextRefreshAt("down").isPresent()
                    && states.load("down").consecutiveFailures() == 1);

    service.refresh("down");
    Instant afterTwo = service.nextRefreshAt("down").orElseThrow();
    service.refresh("down");
    Instant afterThree = service.nextRefreshAt("down").orElseThrow();
    for (int i = 0; i < 10; i++) {
      service.refresh("down");
    }

    assertThat(afterTwo).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(afterThree).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    assertThat(service.nextRefreshAt("down")).contains(NOW.plus(Duration.ofMinutes(30)));
  }

  @Test
  void start_jitter_movesTheIntervalByTheDraw() {
    seedGoodData("ok", "\"v1\"");
    server.path("/ok.ics").body(workIcs()).etag("\"v1\"");
    service(fixed(0.0), source("ok", "/ok.ics"));

    service.start();

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(service.nextRefreshAt("ok"))
                    .contains(NOW.plus(Duration.ofSeconds(270))));
  }

  /** A feed that throws {@code error} on its first fetch and then delegates to {@code fetcher}. */
  Feed failingOnceWith(Error error) {
    java.util.concurrent.atomic.AtomicBoolean thrown =
        new java.util.concurrent.atomic.AtomicBoolean();
    return new Feed() {
      @Override
      public <T> FetchResult<T> fetch(
          SourceConfig source, Validators previous, BodyReader<T> reader) {
        if (thrown.compareAndSet(false, true)) {
          throw error;
        }
        return fetcher.fetch(source, previous, reader);
      }
    };
  }

  RefreshService serviceOver(Feed feed, SourceConfig... sources) {
    for (SourceConfig s : sources) {
      states.register(s.id(), s.name(), s.url());
    }
    service =
        new RefreshService(
            List.of(sources),
            feed,
            new IcsParser(),
            new Expander(ExpansionConfig.defaults()),
            series,
            states,
            REFRESH,
            ExpansionConfig.defaults(),
            BERLIN,
            executor,
            RefreshService.defaultRefreshAllWait(FetchConfig.defaults()),
            clock,
            fixed(0.5),
            changed::add,
            Metrics.noop(),
            RefreshGuard.NONE);
    return service;
  }

  @Test
  void start_refreshThrowsError_reschedulesWithBackoff() {
    seedGoodData("ok", "\"v1\"");
    server.path("/ok.ics").body(workIcs()).etag("\"v1\"");
    serviceOver(
        failingOnceWith(new StackOverflowError("test: deep feed")), source("ok", "/ok.ics"));

    service.start();

    // Before the fix the source stayed due "now" forever and was never fetched again.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(service.nextRefreshAt("ok")).contains(NOW.plus(REFRESH.minBackoff())));
    assertThat(StoreProbe.seriesCount(series, "ok")).isEqualTo(1);
  }

  @Test
  void refreshAsync_refreshThrowsError_completesExceptionallyWithTheErrorAndRefreshesAgain() {
    seedGoodData("ok", "\"v1\"");
    server.path("/ok.ics").body(workIcs()).etag("\"v1\"");
    StackOverflowError error = new StackOverflowError("test: deep feed");
    serviceOver(failingOnceWith(error), source("ok", "/ok.ics"));

    CompletableFuture<RefreshResult> first = service.refreshAsync("ok");

    assertThatThrownBy(first::join)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCause(error)
        .hasMessageContaining("source 'ok' refresh ended abnormally");
    assertThat(service.refresh("ok").outcome()).isEqualTo(Outcome.NOT_MODIFIED);
  }

  @Test
  void nextRefreshAt_beforeStart_isEmpty() {
    service(source("ok", "/ok.ics"));

    assertThat(service.nextRefreshAt("ok")).isEmpty();
  }

  @Test
  void close_afterStart_stopsSchedulingAndRefusesRefreshes() {
    seedGoodData("ok", "\"v1\"");
    server.path("/ok.ics").body(workIcs()).etag("\"v1\"");
    service(source("ok", "/ok.ics"));
    service.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> service.nextRefreshAt("ok").isPresent());

    service.close();

    assertThat(service.nextRefreshAt("ok")).isEmpty();
    assertThatThrownBy(service::refreshAll).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refresh_unknownSource_throwsNotFound() {
    service(source("ok", "/ok.ics"));

    assertThatThrownBy(() -> service.refresh("nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("source 'nope' is not configured; configured sources: [ok]");
  }

  @Test
  void create_noSources_servesTheDemoSource() {
    service();

    assertThat(service.sources()).extracting(SourceConfig::id).containsExactly("demo");
    assertThat(service.sources().get(0).url()).isEqualTo(dir.resolve("demo.ics").toUri());
    assertThat(StoreProbe.registeredUrl(states, "demo"))
        .isEqualTo(dir.resolve("demo.ics").toUri().toString());
  }

  @Test
  void refresh_databaseUnreadable_failsWithStorageReasonAndDoesNotThrow() throws IOException {
    server.path("/work.ics").body(workIcs());
    service(source("work", "/work.ics"));
    // The store opens a connection per operation, so the next one meets the broken file.
    Files.writeString(dir.resolve("calendarbot.db"), "this is not a database ".repeat(100));

    RefreshResult r = service.refresh("work");

    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.reason()).isEqualTo("STORAGE");
    assertThat(r.message()).startsWith("source 'work' state could not be read: store: ");
  }

  // ---- these need the parser and expander from branch 'ics' ----

  @Test
  void refresh_ok_storesSeriesMaterializationAndStateAndNotifies() {
    server
        .path("/work.ics")
        .body(workIcs())
        .etag("\"v1\"")
        .lastModified("Mon, 02 Mar 2026 07:00:00 GMT");
    service(source("work", "/work.ics"));

    RefreshResult r = service.refresh("work");

    assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.UPDATED);
    assertThat(r.events()).isEqualTo(2);
    SourceState s = states.load("work");
    assertThat(s.etag()).isEqualTo("\"v1\"");
    assertThat(s.lastModified()).isEqualTo("Mon, 02 Mar 2026 07:00:00 GMT");
    assertThat(s.lastSuccess()).isEqualTo(NOW);
    assertThat(s.eventCount()).isEqualTo(2);
    assertThat(StoreProbe.seriesCount(series, "work")).isEqualTo(2);
    assertThat(series.materialization("work")).isPresent();
    assertThat(
            series
                .materializedInstances(
                    "work", new TimeWindow(NOW, NOW.plus(Duration.ofDays(1))), BERLIN)
                .orElseThrow())
        .extracting(i -> i.details().summary())
        .containsExactly("Weekly sync", "Design review");
    assertThat(changed).containsExactly("work");
  }

  @Test
  void refresh_listenerThrows_stillUpdated() {
    server.path("/work.ics").body(workIcs());
    AppConfig config =
        AppConfig.defaults(dir, BERLIN).withSources(List.of(source("work", "/work.ics")));
    service =
        RefreshService.create(
            config,
            fetcher,
            series,
            states,
            executor,
            clock,
            new Random(1),
            id -> {
              throw new IllegalStateException("cache is gone");
            });

    RefreshResult r = service.refresh("work");

    assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(states.load("work").failing()).isFalse();
  }

  @Test
  void refresh_secondTime_sendsValidatorsAndGetsNotModified() {
    server.path("/work.ics").body(workIcs()).etag("\"v1\"");
    service(source("work", "/work.ics"));
    service.refresh("work");
    clock.advance(Duration.ofMinutes(5));

    RefreshResult r = service.refresh("work");

    assertThat(r.outcome()).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(server.lastRequest("/work.ics").header("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(states.load("work").lastChecked()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(StoreProbe.seriesCount(series, "work")).isEqualTo(2);
    assertThat(changed).containsExactly("work");
  }

  @Test
  void refresh_unchangedFeedAfterTwoDays_refetchesInFullToSlideTheHorizon() {
    server.path("/work.ics").body(workIcs()).etag("\"v1\"");
    service(source("work", "/work.ics"));
    service.refresh("work");
    clock.advance(Duration.ofHours(23));
    RefreshResult sameDay = service.refresh("work");
    clock.advance(Duration.ofHours(25));

    RefreshResult r = service.refresh("work");

    assertThat(sameDay.outcome()).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(server.lastRequest("/work.ics").header("If-None-Match")).isNull();
    Instant now = NOW.plus(Duration.ofHours(48));
    assertThat(series.materialization("work").orElseThrow().horizon().end())
        .isEqualTo(now.plus(ExpansionConfig.defaults().materializeFuture()));
  }

  @Test
  void refresh_malformedIcs_failsMalformedAndKeepsData() {
    seedGoodData("work", null);
    server.path("/work.ics").body("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n");
    service(source("work", "/work.ics"));

    RefreshResult r = service.refresh("work");

    assertThat(r.reason()).as(r.toString()).isEqualTo("MALFORMED");
    assertThat(r.message())
        .startsWith("source 'work' is truncated")
        .endsWith("(feed at " + server.uri("/work.ics") + ")");
    assertThat(StoreProbe.seriesCount(series, "work")).isEqualTo(1);
  }

  @Test
  void refresh_everyEventSkippedWithWarnings_failsMalformedAndKeepsStoredEvents() {
    seedGoodData("work", null);
    server
        .path("/work.ics")
        .body(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                + "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:No start\r\nEND:VEVENT\r\n"
                + "BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:No start either\r\nEND:VEVENT\r\n"
                + "END:VCALENDAR\r\n");
    service(source("work", "/work.ics"));

    RefreshResult r = service.refresh("work");

    assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.FAILED);
    assertThat(r.reason()).isEqualTo("MALFORMED");
    assertThat(r.message())
        .startsWith(
            "source 'work' parsed to no events (2 parse warnings, the first: source 'work':")
        .contains("skipped: it has no DTSTART")
        .endsWith("); keeping the 1 stored events");
    assertThat(r.events()).isEqualTo(1);
    assertThat(StoreProbe.seriesCount(series, "work")).isEqualTo(1);
    assertThat(states.load("work").eventCount()).isEqualTo(1);
    assertThat(changed).isEmpty();
  }

  @Test
  void refresh_genuinelyEmptyFeed_replacesStoredEvents() {
    seedGoodData("work", null);
    server.path("/work.ics").body("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n");
    service(source("work", "/work.ics"));

    RefreshResult r = service.refresh("work");

    assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.UPDATED);
    assertThat(r.events()).isZero();
    assertThat(StoreProbe.seriesCount(series, "work")).isZero();
    assertThat(changed).containsExactly("work");
  }

  @Test
  void create_sourceUrlChangedKeepingItsId_fetchesTheNewUrlUnconditionally() {
    server.path("/old.ics").body(workIcs()).etag("\"v1\"");
    service(source("work", "/old.ics"));
    assertThat(service.refresh("work").outcome()).isEqualTo(Outcome.UPDATED);
    service.close();
    server.path("/new.ics").body(workIcs()).etag("\"v1\"");

    service(source("work", "/new.ics"));
    RefreshResult r = service.refresh("work");

    assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.UPDATED);
    assertThat(server.lastRequest("/new.ics").header("If-None-Match")).isNull();
    assertThat(states.load("work").etag()).isEqualTo("\"v1\"");
  }

  @Test
  void restart_feedDown_servesLastGoodData() {
    server.path("/work.ics").body(workIcs());
    service(source("work", "/work.ics"));
    assertThat(service.refresh("work").outcome()).isEqualTo(Outcome.UPDATED);
    service.close();
    db.close();

    openDatabase();
    server.path("/work.ics").status(503);
    service(source("work", "/work.ics"));
    RefreshResult r = service.refresh("work");

    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    SourceState s = states.load("work");
    assertThat(s.ready()).isTrue();
    assertThat(s.failing()).isTrue();
    assertThat(
            series
                .materializedInstances(
                    "work", new TimeWindow(NOW, NOW.plus(Duration.ofDays(1))), BERLIN)
                .orElseThrow())
        .hasSize(2);
  }

  @Test
  void refresh_demo_storesACurrentAndANextMeeting() {
    service();

    RefreshResult first = service.refresh("demo");
    RefreshResult second = service.refresh("demo");

    assertThat(first.outcome()).as(first.toString()).isEqualTo(Outcome.UPDATED);
    assertThat(second.outcome()).isEqualTo(Outcome.NOT_MODIFIED);
    var now =
        series
            .materializedInstances("demo", new TimeWindow(NOW, NOW.plusSeconds(1)), BERLIN)
            .orElseThrow();
    assertThat(now).extracting(i -> i.details().summary()).contains("Project sync");
    var soon =
        series
            .materializedInstances(
                "demo",
                new TimeWindow(NOW.plusSeconds(1), NOW.plus(Duration.ofMinutes(31))),
                BERLIN)
            .orElseThrow();
    assertThat(soon).isNotEmpty();
  }
}
