package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calendarbot.FaultInjection.Reply;
import calendarbot.flags.FeatureFlags;
import calendarbot.flags.Flag;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "done when", end to end: a real App degrades and recovers under injected faults while
 * kiosks keep polling, and every answer is either the reference App's answer, the explicitly stale
 * emergency answer, or a 503 with Retry-After from the bulkhead. Never a 500, never a blank or
 * wrong screen. One scenario, phases in order (each ends recovered); with {@code
 * -Dfaults.report=<file>} the per-phase table is written there ({@code bench/faults}).
 */
class FaultInjectionIT {
  private static final Logger LOG = LoggerFactory.getLogger(FaultInjectionIT.class);

  private static final List<String> KIOSKS = List.of("kiosk-1", "kiosk-2", "kiosk-3", "kiosk-4");

  @TempDir Path dir;
  FaultInjection run;

  @AfterEach
  void tearDown() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void faultyApp_underEveryInjectedFault_answersCorrectlyOrExplicitlyStale_andRecovers()
      throws Exception {
    run =
        FaultInjection.start(
            dir,
            "api-day.ics",
            "2026-11-23T09:10:00Z",
            Map.ofEntries(
                Map.entry("resilience.source.failure_threshold", "2"),
                Map.entry("resilience.source.open_wait", "10s"),
                Map.entry("resilience.pipeline.window", "10"),
                Map.entry("resilience.pipeline.failure_rate", "10"),
                Map.entry("resilience.pipeline.open_wait", "10s"),
                Map.entry("resilience.pool.failure_threshold", "2"),
                Map.entry("resilience.pool.open_wait", "10s"),
                // One pooled feed connection: one hung fetch saturates the pool (phase d).
                Map.entry("connection_pool.http_max_total", "1"),
                Map.entry("connection_pool.http_max_per_host", "1"),
                Map.entry("resilience.pool.saturation_for", "1s"),
                // Long enough for the saturation check to see the hung fetch (phase d).
                Map.entry("fetch.read_timeout", "3s"),
                Map.entry("resilience.bulkhead.max_concurrent", "1"),
                // No queueing for a slot: a burst of concurrent computations is refused at once.
                Map.entry("resilience.bulkhead.max_wait", "0ms")));
    await().atMost(Duration.ofSeconds(20)).until(() -> ready(run.faulty) && ready(run.reference));

    try {
      feed500s();
      feedHangs();
      cacheThrows();
      poolExhausted();
      databaseLockedForReads();
      databaseRefusesWrites();
      memoryPressure();
      bulkhead();
      operatorControls();
    } finally {
      String report = run.report();
      LOG.info("fault injection:\n{}", report);
      String file = System.getProperty("faults.report");
      if (file != null && !file.isBlank()) {
        run.writeReport(Path.of(file));
      }
    }
    for (PhaseTally t : run.tallies()) {
      assertThat(t.wrong).as("wrong answers in phase " + t.name + ": " + t.wrongs).isZero();
    }
  }

  private boolean ready(App app) throws Exception {
    Reply s = run.exchange(app, "GET", "/api/status", null, "operator");
    return s.status() == 200 && s.json().path("data_ready").asBoolean();
  }

  private void pollRounds(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      run.poll(KIOSKS);
    }
  }

  /** a. The feed answers 500: the source breaker opens, the stored data stays. */
  private void feed500s() throws Exception {
    PhaseTally t = run.begin("a. feed answers 500");
    pollRounds(1);
    // Without its ETag: FakeFeedServer answers a matching If-None-Match with 304 before the status.
    run.feeds.path(FaultInjection.FEED_PATH).status(500).etag(null);
    for (int i = 0; i < 2; i++) {
      run.refresh();
      pollRounds(1);
    }
    assertThat(run.breaker("source:work")).isEqualTo("OPEN");
    pollRounds(2);

    run.feeds.path(FaultInjection.FEED_PATH).status(200).etag("\"v1\"");
    run.clock.advance(Duration.ofSeconds(11));
    run.refresh();
    assertThat(run.breaker("source:work")).isEqualTo("CLOSED");
    pollRounds(1);
    t.recovery = "manual refresh after the open wait closes it";
  }

  /** b. The feed hangs past the read timeout: as with 500s. */
  private void feedHangs() throws Exception {
    PhaseTally t = run.begin("b. feed hangs (timeouts)");
    pollRounds(1);
    // FakeFeedServer releases hangs for good once released: never release here, the read
    // timeout (500 ms) ends each hung fetch and close() releases the server's threads.
    run.feeds.path(FaultInjection.FEED_PATH).hang(true);
    for (int i = 0; i < 2; i++) {
      run.refresh();
      pollRounds(1);
    }
    assertThat(run.breaker("source:work")).isEqualTo("OPEN");
    pollRounds(2);

    run.feeds.path(FaultInjection.FEED_PATH).hang(false);
    run.clock.advance(Duration.ofSeconds(11));
    run.refresh();
    assertThat(run.breaker("source:work")).isEqualTo("CLOSED");
    pollRounds(1);
    t.recovery = "manual refresh after the open wait closes it";
  }

  /** c. The response cache throws: the pipeline breaker opens, the plain path answers. */
  private void cacheThrows() throws Exception {
    PhaseTally t = run.begin("c. response cache throws");
    pollRounds(1);
    run.cacheThrows.set(true);
    pollRounds(3);
    assertThat(run.breaker("pipeline")).isEqualTo("OPEN");
    pollRounds(2);

    run.cacheThrows.set(false);
    run.clock.advance(Duration.ofSeconds(11));
    pollRounds(3);
    assertThat(run.breaker("pipeline")).isEqualTo("CLOSED");
    t.recovery = "half-open trial calls on the optimised path close it";
  }

  /**
   * d. The feed pool (one connection) held by a hung fetch: the saturation check opens the pool
   * breaker, plain connections serve the next refresh, a pooled trial after the wait closes it.
   */
  private void poolExhausted() throws Exception {
    PhaseTally t = run.begin("d. feed pool exhausted");
    pollRounds(1);
    run.feeds.path(FaultInjection.FEED_PATH).hang(true);
    int before = run.feeds.requestCount(FaultInjection.FEED_PATH);
    ExecutorService operator = Executors.newSingleThreadExecutor();
    try {
      Future<Reply> hung = operator.submit(run::refresh);
      assertThat(
              run.feeds.awaitRequests(FaultInjection.FEED_PATH, before + 1, Duration.ofSeconds(5)))
          .isTrue();
      // The check runs every 50 ms on the real schedule; the saturation must last 1 s of the
      // App's clock: move it on while the one connection is leased.
      await()
          .atMost(Duration.ofMillis(2500))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                run.clock.advance(Duration.ofMillis(500));
                return run.breaker("feed_pool").equals("OPEN");
              });
      pollRounds(1);
      hung.get();
    } finally {
      operator.shutdownNow();
    }
    run.feeds.path(FaultInjection.FEED_PATH).hang(false);
    Reply plain = run.refresh();
    assertThat(plain.json().path("results").path(0).path("outcome").asText())
        .as("a plain connection serves while the pool breaker is open")
        .isIn("UPDATED", "NOT_MODIFIED", "UNCHANGED");
    assertThat(run.breaker("feed_pool")).isEqualTo("OPEN");
    pollRounds(1);

    run.clock.advance(Duration.ofSeconds(11));
    run.refresh();
    assertThat(run.breaker("feed_pool")).isEqualTo("CLOSED");
    pollRounds(1);
    t.recovery = "pooled trial fetch after the open wait closes it";
  }

  /** f. A foreign connection holds a write transaction: refreshes fail, reads do not. */
  private void databaseRefusesWrites() throws Exception {
    PhaseTally t = run.begin("f. database refuses writes");
    pollRounds(1);
    try (Connection foreign = DriverManager.getConnection("jdbc:sqlite:" + run.faultyDb);
        Statement st = foreign.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      for (int i = 0; i < 2; i++) {
        // The failure cannot be recorded in the database either: the refresh's answer says it.
        Reply r = run.refresh();
        assertThat(r.json().path("results").path(0).path("reason").asText()).isEqualTo("STORAGE");
        pollRounds(1);
      }
      assertThat(run.breaker("source:work")).isEqualTo("OPEN");
      pollRounds(1);
      st.execute("ROLLBACK");
    }
    run.clock.advance(Duration.ofSeconds(11));
    run.refresh();
    assertThat(run.breaker("source:work")).isEqualTo("CLOSED");
    pollRounds(1);
    t.recovery = "manual refresh after release closes it";
  }

  /**
   * e. Reads blocked: another process holds the WAL-index lock bytes of the -shm file (what a
   * process does while it recovers the WAL index). A foreign JDBC connection cannot do this: in WAL
   * mode every open connection of the App holds a shared lock on the database file, so {@code
   * PRAGMA locking_mode=EXCLUSIVE} gets SQLITE_BUSY at its first statement, and a foreign write
   * transaction ({@code BEGIN IMMEDIATE}, phase f) never blocks WAL readers. With the lock bytes
   * held, a read waits about 10 s and fails with SQLITE_PROTOCOL.
   */
  private void databaseLockedForReads() throws Exception {
    PhaseTally t = run.begin("e. database locked for reads");
    pollRounds(1);
    String emergencyNote = "";
    Process holder;
    try {
      holder = holdWalIndexLocks(Path.of(run.faultyDb + "-shm"));
    } catch (java.io.IOException e) {
      // TODO(python3): the lock holder is a python3 process; without one the phase is skipped.
      t.recovery = "skipped: python3 could not be started (" + e.getMessage() + ")";
      return;
    }
    try {
      // Same minute: the cached answers keep being served without the database.
      for (String k : KIOSKS) {
        run.check("/api/whats-next/data", k);
      }
      // A minute no answer was computed or warmed for (warming computes the next minute ahead):
      // the answer must be computed, the read fails after ~10 s, the emergency answer comes.
      run.clock.advance(Duration.ofMinutes(5));
      Reply emergency = run.check("/api/whats-next/data", KIOSKS.get(0));
      assertThat(t.stale).isPositive();
      emergencyNote =
          "emergency answer: age "
              + emergency.json().path("emergency").path("age_seconds").asLong()
              + " s, reason: "
              + emergency.json().path("emergency").path("reason").asText()
              + "; ";
    } finally {
      holder.destroy();
      holder.waitFor();
    }
    pollRounds(1);
    assertThat(run.status().path("resilience").path("emergency").path("served").asLong())
        .isEqualTo(t.stale);
    t.recovery = emergencyNote + "lock released: fresh answers again";
  }

  private static Process holdWalIndexLocks(Path shm) throws Exception {
    String script =
        "import fcntl, os, sys\n"
            + "fd = os.open(sys.argv[1], os.O_RDWR)\n"
            + "fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 8, 120)\n"
            + "print('held', flush=True)\n"
            + "sys.stdin.read()\n";
    Process p = new ProcessBuilder("python3", "-c", script, shm.toString()).start();
    String line =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    assertThat(line).as("the lock holder started").isEqualTo("held");
    return p;
  }

  /** g. Memory pressure from injected heap readings. */
  private void memoryPressure() throws Exception {
    PhaseTally t = run.begin("g. memory pressure");
    pollRounds(1);
    long bound = cacheBound();
    run.heapUsed.set(FaultInjection.HEAP_MAX * 85 / 100);
    await().atMost(Duration.ofSeconds(5)).until(() -> run.memoryLevel().equals("SOFT"));
    assertThat(cacheBound()).as("cache capped at half under SOFT").isEqualTo(bound / 2);
    pollRounds(2);
    run.heapUsed.set(FaultInjection.HEAP_MAX * 95 / 100);
    await().atMost(Duration.ofSeconds(5)).until(() -> run.memoryLevel().equals("HARD"));
    assertThat(run.breaker("pipeline")).isEqualTo("FORCED_OPEN");
    assertThat(
            run.exchange(run.faulty, "GET", "/api/pipeline/stats", null, "operator")
                .json()
                .path("cache")
                .path("entries")
                .asLong())
        .as("cache cleared under HARD")
        .isZero();
    long before = run.cacheLookups("whats_next");
    pollRounds(2);
    assertThat(run.cacheLookups("whats_next")).as("no cache use while HARD").isEqualTo(before);

    run.heapUsed.set(FaultInjection.HEAP_MAX / 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> run.memoryLevel().equals("NORMAL"));
    assertThat(run.breaker("pipeline")).isEqualTo("CLOSED");
    assertThat(cacheBound()).as("cache bound restored").isEqualTo(bound);
    pollRounds(1);
    t.recovery = "back below soft: cache bound restored, breaker released";
  }

  private long cacheBound() throws Exception {
    return run.exchange(run.faulty, "GET", "/api/pipeline/stats", null, "operator")
        .json()
        .path("cache")
        .path("max_weight_bytes")
        .asLong();
  }

  /** h. The bulkhead: a burst of distinct uncached range reads. */
  private void bulkhead() throws Exception {
    PhaseTally t = run.begin("h. bulkhead (max_concurrent=1)");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int burst = 0; burst < 5 && t.rejected == 0; burst++) {
        CountDownLatch go = new CountDownLatch(1);
        List<String> paths = new ArrayList<>();
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          String path =
              "/api/events?start=2026-11-%02d&end=2026-12-%02d".formatted(1 + i, 1 + burst);
          paths.add(path);
          String client = "reader-" + i;
          Callable<Reply> call =
              () -> {
                go.await();
                return run.exchange(run.faulty, "GET", path, null, client);
              };
          replies.add(pool.submit(call));
        }
        go.countDown();
        for (int i = 0; i < replies.size(); i++) {
          Reply f = replies.get(i).get();
          Reply r = run.exchange(run.reference, "GET", paths.get(i), null, "reader-" + i);
          run.classify(paths.get(i), "reader-" + i, f, r);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(t.rejected).isPositive();
    pollRounds(1);
    assertThat(run.status().path("resilience").path("bulkhead").path("rejected").asLong())
        .isEqualTo(t.rejected);
    t.recovery = "process alive, next polls correct";
  }

  /** i. Operator controls while kiosks poll. */
  private void operatorControls() throws Exception {
    PhaseTally t = run.begin("i. emergency disable, 25% rollout");
    pollRounds(1);
    Reply off =
        run.exchange(
            run.faulty,
            "POST",
            "/api/admin/flags/emergency-disable",
            "{\"flags\":[\"all\"]}",
            "op");
    assertThat(off.status()).isEqualTo(200);
    long before = run.cacheLookups("whats_next") + run.cacheLookups("events_by_range");
    pollRounds(2);
    assertThat(run.cacheLookups("whats_next") + run.cacheLookups("events_by_range"))
        .as("no pipeline use under emergency disable")
        .isEqualTo(before);

    assertThat(
            run.exchange(run.faulty, "DELETE", "/api/admin/flags/emergency-disable", null, "op")
                .status())
        .isEqualTo(200);
    pollRounds(1);
    assertThat(run.cacheLookups("whats_next") + run.cacheLookups("events_by_range"))
        .as("the pipeline is used again")
        .isGreaterThan(before);

    Reply patch =
        run.exchange(run.faulty, "PATCH", "/api/admin/config", "{\"pipeline.rollout\":25}", "op");
    assertThat(patch.status()).as(patch.body()).isEqualTo(200);
    FeatureFlags flags = FeatureFlags.direct(() -> run.faulty.configService().current());
    List<String> expected = new ArrayList<>();
    List<String> observed = new ArrayList<>();
    List<String> clients = IntStream.range(0, 40).mapToObj(i -> "kiosk-r" + i).toList();
    for (int i = 0; i < clients.size(); i++) {
      String c = clients.get(i);
      if (flags.enabled(Flag.REQUEST_PIPELINE, c)) {
        expected.add(c);
      }
      // A range no one else reads: only this client's request can move the counter.
      long lookups = run.cacheLookups("events_by_range");
      run.check("/api/events?start=2026-10-%02d&end=2026-10-28".formatted(1 + i % 27), c);
      if (run.cacheLookups("events_by_range") > lookups) {
        observed.add(c);
      }
    }
    assertThat(observed).isEqualTo(expected);
    assertThat(expected.size()).isBetween(4, 18);
    t.recovery = observed.size() + "/40 clients on the pipeline, exactly the flag's bucket < 25";
    run.exchange(run.faulty, "PATCH", "/api/admin/config", "{\"pipeline.rollout\":null}", "op");
    pollRounds(1);
  }
}
