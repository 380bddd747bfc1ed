package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.metrics.MetricNames;
import calendarbot.metrics.MetricsView;
import calendarbot.pipeline.CacheStats;
import calendarbot.pipeline.PipelineStats;
import calendarbot.status.SourceStatus;
import calendarbot.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's assembler: what each number is made of. */
class DashboardTest {
  @TempDir Path dir;

  private static CacheStats cache(Map<String, CacheStats.TypeCounts> byType) {
    return new CacheStats(7, 4096, 1 << 20, Map.of(), byType);
  }

  @Test
  void cache_hitsAndMissesOfEveryType_giveOneRatio() {
    Dashboard.Cache c =
        Dashboard.cache(
            cache(
                Map.of(
                    "whats_next", new CacheStats.TypeCounts(8, 1),
                    "events_by_range", new CacheStats.TypeCounts(1, 2))));

    assertThat(c.hits()).isEqualTo(9);
    assertThat(c.misses()).isEqualTo(3);
    assertThat(c.hitRatio()).isEqualTo(0.75);
    assertThat(c.entries()).isEqualTo(7);
    assertThat(c.maxWeightBytes()).isEqualTo(1 << 20);
  }

  @Test
  void cache_noLookupYet_isZeroNotNaN() {
    assertThat(Dashboard.cache(cache(Map.of())).hitRatio()).isZero();
  }

  @Test
  void pools_gaugesOfTheSnapshot_giveUtilisationOfEachPool() {
    List<Dashboard.Pool> pools =
        Dashboard.pools(
            Map.of(
                MetricNames.HTTP_POOL_LEASED, 3.0,
                MetricNames.HTTP_POOL_AVAILABLE, 1.0,
                MetricNames.HTTP_POOL_PENDING, 2.0,
                MetricNames.HTTP_POOL_MAX, 4.0,
                MetricNames.DB_POOL_ACTIVE, 1.0,
                MetricNames.DB_POOL_IDLE, 3.0,
                MetricNames.DB_POOL_MAX, 4.0));

    assertThat(pools)
        .containsExactly(
            new Dashboard.Pool("feed_http", 3, 1, 2, 4, 0.75),
            new Dashboard.Pool("database", 1, 3, 0, 4, 0.25));
  }

  @Test
  void pools_noMaximum_haveNoUtilisation() {
    assertThat(Dashboard.pools(Map.of()))
        .extracting(Dashboard.Pool::utilisation)
        .containsExactly(null, null);
  }

  @Test
  void breakers_ofAStatusObject_areReadThroughItsJson() {
    record B(String name, String state, String since, String reason, int extra) {}
    record R(List<B> breakers, Object memory) {}

    List<Dashboard.Breaker> breakers =
        Dashboard.breakers(
            new R(
                List.of(
                    new B("pipeline", "CLOSED", "2026-11-23T09:00:00Z", null, 1),
                    new B("source:work", "OPEN", "2026-11-23T09:05:00Z", "5 of 10 failed", 2)),
                null));

    assertThat(breakers)
        .containsExactly(
            new Dashboard.Breaker("pipeline", "CLOSED", "2026-11-23T09:00:00Z", null),
            new Dashboard.Breaker("source:work", "OPEN", "2026-11-23T09:05:00Z", "5 of 10 failed"));
  }

  @Test
  void breakers_noResilienceStatus_isEmpty() {
    assertThat(Dashboard.breakers(null)).isEmpty();
  }

  @Test
  void kibField_procStatusLine_isBytes() {
    String status = "Name:\tjava\nVmHWM:\t  131072 kB\nVmRSS:\t   98304 kB\nThreads:\t20\n";

    assertThat(Dashboard.kibField(status, "VmRSS:")).isEqualTo(98304L * 1024);
    assertThat(Dashboard.kibField(status, "VmHWM:")).isEqualTo(131072L * 1024);
    assertThat(Dashboard.kibField(status, "VmSwap:")).isNull();
    assertThat(Dashboard.kibField("VmRSS:\tlots kB\n", "VmRSS:")).isNull();
  }

  @Test
  void readMemory_procFileMissing_hasHeapButNoRss() {
    Dashboard.Memory m = Dashboard.readMemory(dir.resolve("no-such-status"));

    assertThat(m.heapUsedBytes()).isPositive();
    assertThat(m.heapCommittedBytes()).isGreaterThanOrEqualTo(m.heapUsedBytes());
    assertThat(m.rssBytes()).isNull();
    assertThat(m.rssPeakBytes()).isNull();
  }

  @Test
  void readMemory_procFile_givesRssAndPeak() throws Exception {
    Path status = Files.writeString(dir.resolve("status"), "VmHWM:\t 2048 kB\nVmRSS:\t 1024 kB\n");

    Dashboard.Memory m = Dashboard.readMemory(status);

    assertThat(m.rssBytes()).isEqualTo(1024L * 1024);
    assertThat(m.rssPeakBytes()).isEqualTo(2048L * 1024);
  }

  @Test
  void report_everyInput_isReadIntoOneAnswer() {
    SourceStatus work =
        new SourceStatus(
            "work",
            "Work",
            "http://127.0.0.1/work.ics",
            "OK",
            false,
            "2026-11-23T09:00:00Z",
            "2026-11-23T09:00:00Z",
            "2026-11-23T09:00:00Z",
            null,
            null,
            0,
            12,
            null);
    Dashboard.Memory memory = new Dashboard.Memory(10, 20, 30, 40L, 50L);
    Dashboard d =
        new Dashboard(
            () -> List.of(new MetricsView.RouteLatency("/api/whats-next/data", "GET", 9, 1, 2, 3)),
            () ->
                new PipelineStats(
                    true,
                    cache(Map.of("whats_next", new CacheStats.TypeCounts(1, 1))),
                    0,
                    Map.of()),
            Map::of,
            () -> null,
            () -> List.of(work),
            () -> List.of("source work is stale"),
            () -> memory,
            FakeClock.at("2026-11-23T09:10:00Z"),
            ZoneId.of("Europe/Berlin"));

    Dashboard.Report r = d.report();

    assertThat(r.serverTime()).isEqualTo("2026-11-23T10:10+01:00");
    assertThat(r.latency())
        .containsExactly(new Dashboard.Latency("/api/whats-next/data", "GET", 9, 1, 2, 3));
    assertThat(r.cache().hitRatio()).isEqualTo(0.5);
    assertThat(r.pools()).hasSize(2);
    assertThat(r.memory()).isSameAs(memory);
    assertThat(r.breakers()).isEmpty();
    assertThat(r.sources()).containsExactly(work);
    assertThat(r.alerts()).asList().containsExactly("source work is stale");
  }
}
