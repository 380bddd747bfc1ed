package calendarbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.event.EventDetails;
import calendarbot.event.Instance;
import calendarbot.event.Series;
import calendarbot.event.TimeWindow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(ConnectionKind.class)
class SeriesStoreConcurrencyIT {
  @Parameter ConnectionKind kind;

  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final TimeWindow HORIZON = new TimeWindow(FROM, FROM.plus(Duration.ofDays(30)));
  private static final int SIZE = 300;
  private static final int GENERATIONS = 25;
  private static final ZoneId UTC = ZoneId.of("UTC");

  @TempDir Path dir;

  @Test
  void readers_whileWritersReplace_seeWholeGenerationsAndNeverFail() throws Exception {
    try (Database db = kind.open(dir.resolve("calendarbot.db"))) {
      SeriesStore store = new SeriesStore(db);
      SettingsStore settings = new SettingsStore(db, Clock.systemUTC());
      store.replace(
          "a", Fixtures.calendar(Fixtures.hourly(SIZE, FROM, "gen-0")), generation("a", 0));
      CountDownLatch start = new CountDownLatch(1);
      CountDownLatch writersDone = new CountDownLatch(2);
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        List<Future<Integer>> tasks = new ArrayList<>();
        tasks.add(
            pool.submit(
                writer(
                    start,
                    writersDone,
                    g ->
                        store.replace(
                            "a",
                            Fixtures.calendar(Fixtures.hourly(SIZE, FROM, "gen-" + g)),
                            generation("a", g)))));
        tasks.add(
            pool.submit(
                writer(
                    start,
                    writersDone,
                    g -> {
                      store.replace(
                          "b",
                          Fixtures.calendar(Fixtures.hourly(SIZE, FROM, "gen-" + g)),
                          generation("b", g));
                      settings.put("generation", Integer.toString(g));
                    })));
        for (int r = 0; r < 4; r++) {
          tasks.add(pool.submit(reader(start, writersDone, store)));
        }
        start.countDown();
        int reads = 0;
        for (Future<Integer> f : tasks) {
          // get() rethrows whatever a thread threw (StorageException, AssertionError) as the cause.
          reads += f.get(2, TimeUnit.MINUTES);
        }
        assertThat(reads).isGreaterThan(2 * GENERATIONS);
      } finally {
        pool.shutdownNow();
      }
      assertThat(settings.get("generation")).contains(Integer.toString(GENERATIONS));
      assertThat(store.seriesOverlapping("a", HORIZON))
          .allSatisfy(s -> assertThat(s.details().summary()).isEqualTo("gen-" + GENERATIONS));
    }
  }

  @Test
  void read_duringUncommittedReplace_seesTheOldDataThenTheNew() throws Exception {
    try (Database db = kind.open(dir.resolve("calendarbot.db"))) {
      SeriesStore store = new SeriesStore(db);
      store.replace("a", Fixtures.calendar(Fixtures.hourly(SIZE, FROM, "old")), generation("a", 0));
      CountDownLatch deleted = new CountDownLatch(1);
      CountDownLatch readDone = new CountDownLatch(1);
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        // A write that has deleted the source's rows and is still open, as in the middle of
        // replace.
        Future<Object> write =
            pool.submit(
                () ->
                    db.write(
                        "half replace",
                        c -> {
                          c.createStatement()
                              .executeUpdate("DELETE FROM series WHERE source_id = 'a'");
                          c.createStatement()
                              .executeUpdate("DELETE FROM instances WHERE source_id = 'a'");
                          deleted.countDown();
                          await(readDone);
                          return null;
                        }));
        deleted.await();

        assertThat(store.seriesCount("a")).isEqualTo(SIZE);
        assertThat(store.materializedInstances("a", HORIZON, UTC).orElseThrow()).hasSize(SIZE);
        readDone.countDown();
        write.get(1, TimeUnit.MINUTES);
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.seriesCount("a")).isZero();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private interface Generation {
    void write(int g);
  }

  private static Callable<Integer> writer(CountDownLatch start, CountDownLatch done, Generation w) {
    return () -> {
      try {
        start.await();
        for (int g = 1; g <= GENERATIONS; g++) {
          w.write(g);
        }
        return GENERATIONS;
      } finally {
        done.countDown();
      }
    };
  }

  private static Callable<Integer> reader(
      CountDownLatch start, CountDownLatch writersDone, SeriesStore store) {
    return () -> {
      start.await();
      int reads = 0;
      // At least one full round after the writers finish, so the last generation is read too.
      boolean last = false;
      while (!last) {
        last = writersDone.getCount() == 0;
        List<Series> series = store.candidates("a", HORIZON).series();
        assertThat(series).hasSize(SIZE);
        assertThat(series.stream().map(s -> s.details().summary()).distinct()).hasSize(1);
        List<Instance> instances = store.materializedInstances("a", HORIZON, UTC).orElseThrow();
        assertThat(instances).hasSize(SIZE);
        assertThat(instances.stream().map(Instance::details).map(EventDetails::summary).distinct())
            .hasSize(1);
        reads++;
      }
      return reads;
    };
  }

  private static Materialization generation(String sourceId, int g) {
    List<Instance> instances = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      Instant s = FROM.plus(Duration.ofHours(i));
      instances.add(
          Fixtures.instance(
              sourceId, "uid-" + i, s, s.plus(Duration.ofHours(1)), false, "gen-" + g));
    }
    return new Materialization(HORIZON, UTC, instances);
  }
}
