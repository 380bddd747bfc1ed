package calendarbot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.event.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RangeBatcherTest {
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

  /** A row: an event from {@code start} to {@code end}. */
  record Row(Instant start, Instant end) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<TimeWindow> reads = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService pool = Executors.newFixedThreadPool(10);

  RangeBatcherTest() {
    // An hour-long event every 3 hours for 60 days, plus zero-length reminders on the hour.
    for (int h = 0; h < 24 * 60; h += 3) {
      rows.add(new Row(T0.plus(Duration.ofHours(h)), T0.plus(Duration.ofHours(h + 1))));
      rows.add(new Row(T0.plus(Duration.ofHours(h + 1)), T0.plus(Duration.ofHours(h + 1))));
    }
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private List<Row> direct(TimeWindow w) {
    return rows.stream().filter(r -> w.overlaps(r.start(), r.end())).toList();
  }

  private RangeBatcher<String, Row> batcher(
      int maxSize, java.util.function.Predicate<TimeWindow> fails) {
    return new RangeBatcher<>(
        Duration.ofMinutes(1),
        maxSize,
        (zone, w) -> {
          reads.add(w);
          if (fails.test(w)) {
            throw new IllegalStateException("too many instances in " + w);
          }
          return direct(w);
        },
        (row, w) -> w.overlaps(row.start(), row.end()));
  }

  private static TimeWindow days(int from, int to) {
    return new TimeWindow(T0.plus(Duration.ofDays(from)), T0.plus(Duration.ofDays(to)));
  }

  private List<Future<List<Row>>> submitAll(RangeBatcher<String, Row> b, List<TimeWindow> ws) {
    List<Future<List<Row>>> out = new ArrayList<>();
    for (TimeWindow w : ws) {
      out.add(pool.submit(() -> b.read("Europe/Berlin", w)));
    }
    return out;
  }

  @Test
  void read_overlappingWindows_oneCoveringRead_splitExactly() throws Exception {
    List<TimeWindow> ws =
        List.of(
            days(0, 7),
            days(1, 2),
            days(3, 10),
            days(6, 8),
            new TimeWindow(T0.plusSeconds(3600), T0.plusSeconds(7200)));
    RangeBatcher<String, Row> b = batcher(ws.size(), w -> false);

    List<Future<List<Row>>> results = submitAll(b, ws);

    for (int i = 0; i < ws.size(); i++) {
      assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(direct(ws.get(i)));
    }
    assertThat(reads).containsExactly(days(0, 10));
    assertThat(b.stats()).isEqualTo(new RangeBatcher.BatchStats(1, 5, 1));
  }

  @Test
  void read_disjointWindows_oneReadPerCluster() throws Exception {
    List<TimeWindow> ws = List.of(days(0, 1), days(1, 2), days(30, 31), days(50, 52));
    RangeBatcher<String, Row> b = batcher(ws.size(), w -> false);

    List<Future<List<Row>>> results = submitAll(b, ws);

    for (int i = 0; i < ws.size(); i++) {
      assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(direct(ws.get(i)));
    }
    assertThat(reads).containsExactlyInAnyOrder(days(0, 2), days(30, 31), days(50, 52));
  }

  @Test
  void read_coveringReadFails_eachRequestIsReadAlone_andOnlyTheGuiltyOneFails() throws Exception {
    List<TimeWindow> ws = List.of(days(0, 1), days(0, 20));
    // The covering read and the long window itself exceed a "cap"; the short one does not.
    RangeBatcher<String, Row> b =
        batcher(ws.size(), w -> Duration.between(w.start(), w.end()).toDays() > 10);

    List<Future<List<Row>>> results = submitAll(b, ws);

    assertThat(results.get(0).get(30, TimeUnit.SECONDS)).isEqualTo(direct(ws.get(0)));
    assertThat(results.get(1))
        .failsWithin(30, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingCause()
        .withMessageStartingWith("too many instances");
  }

  @Test
  void read_alone_afterTheWindow_readsItsOwnWindow() {
    RangeBatcher<String, Row> b =
        new RangeBatcher<>(
            Duration.ofMillis(1),
            10,
            (zone, w) -> {
              reads.add(w);
              return direct(w);
            },
            (row, w) -> w.overlaps(row.start(), row.end()));

    assertThat(b.read("UTC", days(2, 3))).isEqualTo(direct(days(2, 3)));
    assertThat(reads).containsExactly(days(2, 3));
  }

  @Test
  void read_differentGroups_neverMerge() throws Exception {
    RangeBatcher<String, Row> b = batcher(1, w -> false);

    assertThat(b.read("UTC", days(0, 1))).isEqualTo(direct(days(0, 1)));
    assertThat(b.read("Europe/Berlin", days(0, 1))).isEqualTo(direct(days(0, 1)));
    assertThat(reads).hasSize(2);
  }
}
