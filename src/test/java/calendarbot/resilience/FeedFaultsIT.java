package calendarbot.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import calendarbot.config.AppConfig;
import calendarbot.config.ConnectionConfig;
import calendarbot.config.FetchConfig;
import calendarbot.config.RefreshConfig;
import calendarbot.config.SourceConfig;
import calendarbot.connection.BackgroundExecutor;
import calendarbot.connection.FeedConnections;
import calendarbot.error.FeedException;
import calendarbot.flags.FeatureFlags;
import calendarbot.metrics.Metrics;
import calendarbot.source.FeedFetcher;
import calendarbot.source.FetchResult;
import calendarbot.source.RefreshResult;
import calendarbot.source.RefreshResult.Outcome;
import calendarbot.source.RefreshService;
import calendarbot.source.Validators;
import calendarbot.store.Database;
import calendarbot.store.SeriesStore;
import calendarbot.store.SourceState;
import calendarbot.store.SourceStateStore;
import calendarbot.testing.FakeClock;
import calendarbot.testing.FakeFeedServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feed faults against real parts: a loopback feed server, real pools, real SQLite. */
class FeedFaultsIT {
  static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @TempDir Path dir;
  FakeFeedServer server;
  FakeClock clock;
  Resilience resilience;
  Database db;
  ScheduledExecutorService executor;
  FeedFetcher fetcher;
  RefreshService service;

  @BeforeEach
  void setUp() {
    server = FakeFeedServer.start();
    clock = FakeClock.at(NOW);
    resilience =
        Resilience.create(Configs.small(), FeatureFlags.allOn(), dir, clock, Metrics.noop());
    executor = BackgroundExecutor.create(4);
  }

  @AfterEach
  void tearDown() throws IOException {
    if (service != null) {
      service.close();
    }
    server.releaseHangs();
    server.close();
    executor.shutdownNow();
    if (fetcher != null) {
      fetcher.close();
    }
    if (db != null) {
      db.close();
    }
  }

  static byte[] workIcs() throws IOException {
    try (InputStream in = FeedFaultsIT.class.getResourceAsStream("/ics/work.ics")) {
      return in.readAllBytes();
    }
  }

  private FeedFetcher fetcher(Duration readTimeout, ConnectionConfig connection) {
    FetchConfig fetch = new FetchConfig(Duration.ofSeconds(2), readTimeout, 3, 1024 * 1024);
    FeedConnections guarded =
        resilience.guard(
            FeedConnections.pooled(connection, fetch, clock),
            FeedConnections.plain(connection, fetch));
    return new FeedFetcher(fetch, guarded);
  }

  private RefreshService refreshService(SourceConfig source) {
    db = Database.open(dir.resolve("calendarbot.db"));
    AppConfig config =
        AppConfig.defaults(dir, BERLIN)
            .withSources(List.of(source))
            .withRefresh(
                new RefreshConfig(
                    Duration.ofMinutes(5), 0.1, Duration.ofSeconds(30), Duration.ofMinutes(30)));
    service =
        RefreshService.create(
            config,
            fetcher,
            new SeriesStore(db),
            new SourceStateStore(db),
            executor,
            clock,
            new Random(1),
            id -> {},
            Metrics.noop(),
            resilience.sourceGuard());
    return service;
  }

  private String breaker(String name) {
    return resilience.status().breakers().stream()
        .filter(b -> b.name().equals(name))
        .findFirst()
        .orElseThrow()
        .state();
  }

  @Test
  void refresh_feed500s_openTheSourceBreaker_scheduleSkipsTheFetch_andDataStays()
      throws IOException {
    fetcher = fetcher(Duration.ofSeconds(2), ConnectionConfig.defaults());
    server.path("/work.ics").body(workIcs());
    RefreshService s =
        refreshService(new SourceConfig("work", null, server.uri("/work.ics"), null, null, null));
    assertThat(s.refresh("work").outcome()).isEqualTo(Outcome.UPDATED);
    int events = s.refresh("work").events();

    server.path("/work.ics").status(500);
    for (int i = 0; i < 3; i++) {
      assertThat(s.refresh("work").outcome()).isEqualTo(Outcome.FAILED);
    }
    assertThat(breaker("source:work")).isEqualTo("OPEN");
    // 500s are the source's business, not the pool's.
    assertThat(breaker("feed_pool")).isEqualTo("CLOSED");

    int fetches = server.requestCount("/work.ics");
    s.start();
    SourceStateStore states = new SourceStateStore(db);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "BREAKER_OPEN".equals(states.load("work").lastErrorReason()));

    SourceState state = states.load("work");
    assertThat(server.requestCount("/work.ics")).isEqualTo(fetches);
    assertThat(state.lastError())
        .startsWith("breaker open after 3 failed refreshes in a row; next try at ");
    assertThat(state.eventCount()).isEqualTo(events);
    assertThat(state.consecutiveFailures()).isEqualTo(3);
  }

  @Test
  void refresh_timeouts_openTheSourceBreaker_andAManualRefreshAfterRecoveryClosesIt()
      throws IOException {
    fetcher = fetcher(Duration.ofMillis(300), ConnectionConfig.defaults());
    server.path("/work.ics").body(workIcs());
    RefreshService s =
        refreshService(new SourceConfig("work", null, server.uri("/work.ics"), null, null, null));
    s.refresh("work");

    server.path("/work.ics").hang(true);
    for (int i = 0; i < 3; i++) {
      RefreshResult r = s.refresh("work");
      assertThat(r.reason()).isEqualTo("TIMEOUT");
    }
    assertThat(breaker("source:work")).isEqualTo("OPEN");
    assertThat(new SourceStateStore(db).load("work").eventCount()).isPositive();

    server.path("/work.ics").hang(false);
    server.releaseHangs();
    assertThat(s.refresh("work").outcome()).isIn(Outcome.UPDATED, Outcome.NOT_MODIFIED);

    assertThat(breaker("source:work")).isEqualTo("CLOSED");
  }

  @Test
  void fetch_poolExhaustedByAHungFeed_opensThePoolBreaker_plainConnectionsServe_thenItCloses()
      throws Exception {
    ConnectionConfig onePool =
        new ConnectionConfig(
            true,
            1,
            1,
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            Duration.ofSeconds(2),
            Duration.ofMillis(200),
            Duration.ofMinutes(1),
            2,
            Duration.ofSeconds(30),
            null,
            null);
    fetcher = fetcher(Duration.ofSeconds(20), onePool);
    server.path("/hung.ics").hang(true);
    server.path("/ok.ics").body(workIcs());
    SourceConfig hung = new SourceConfig("hung", null, server.uri("/hung.ics"), null, null, null);
    SourceConfig ok = new SourceConfig("ok", null, server.uri("/ok.ics"), null, null, null);
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () -> {
              try {
                fetcher.fetch(hung, Validators.NONE, InputStream::readAllBytes);
              } catch (FeedException e) {
                // Released at the end of the test.
              }
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> server.requestCount("/hung.ics") == 1);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> fetcher.fetch(ok, Validators.NONE, InputStream::readAllBytes))
          .isInstanceOfSatisfying(
              FeedException.class, e -> assertThat(e.reason()).isEqualTo("TIMEOUT"));
    }
    assertThat(breaker("feed_pool")).isEqualTo("OPEN");

    FetchResult<byte[]> plain = fetcher.fetch(ok, Validators.NONE, InputStream::readAllBytes);
    assertThat(plain).isInstanceOf(FetchResult.Fetched.class);
    assertThat(((FetchResult.Fetched<byte[]>) plain).value()).isEqualTo(workIcs());

    server.releaseHangs();
    holder.get();
    clock.advance(Configs.OPEN_WAIT.plusSeconds(1));
    assertThat(fetcher.fetch(ok, Validators.NONE, InputStream::readAllBytes))
        .isInstanceOf(FetchResult.Fetched.class);
    assertThat(breaker("feed_pool")).isEqualTo("CLOSED");
  }
}
