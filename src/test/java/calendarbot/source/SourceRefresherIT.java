package calendarbot.source;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.ExpansionConfig;
import calendarbot.config.SourceConfig;
import calendarbot.event.TimeWindow;
import calendarbot.ics.Expander;
import calendarbot.ics.IcsParser;
import calendarbot.query.EventQuery;
import calendarbot.source.RefreshResult.Outcome;
import calendarbot.store.Database;
import calendarbot.store.SeriesStore;
import calendarbot.store.SourceStateStore;
import calendarbot.store.StoreProbe;
import calendarbot.testing.FakeClock;
import calendarbot.testing.FakeFeedServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRefresherIT {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");

  @TempDir Path dir;
  private FakeFeedServer server;
  private Database db;
  private FeedFetcher fetcher;

  @BeforeEach
  void setUp() {
    server = FakeFeedServer.start();
    db = Database.open(dir.resolve("calendarbot.db"));
    fetcher = RefreshServiceIT.fetcher(Duration.ofSeconds(2), true);
  }

  @AfterEach
  void tearDown() throws IOException {
    fetcher.close();
    server.close();
    db.close();
  }

  @Test
  void refresh_horizonOverTheMaterializationCap_storesSeriesAndQueriesExpandOnDemand() {
    server.path("/work.ics").body(RefreshServiceIT.workIcs());
    // A weekly series over a 104-day horizon has ~15 instances: past a cap of 5.
    ExpansionConfig tiny =
        new ExpansionConfig(5, 200_000, Duration.ofDays(14), Duration.ofDays(90));
    SeriesStore series = new SeriesStore(db);
    SourceRefresher refresher =
        new SourceRefresher(
            fetcher,
            new IcsParser(),
            new Expander(tiny),
            series,
            new SourceStateStore(db),
            tiny,
            BERLIN,
            FakeClock.at(NOW),
            RefreshListener.NONE);

    RefreshResult result =
        refresher.refresh(
            new SourceConfig("work", null, server.uri("/work.ics"), null, null, null));

    assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(StoreProbe.seriesCount(series, "work")).isPositive();
    assertThat(series.materialization("work")).isEmpty();
    EventQuery query =
        new EventQuery(
            series,
            new Expander(ExpansionConfig.defaults()),
            ExpansionConfig.defaults(),
            () -> List.of("work"));
    TimeWindow week = new TimeWindow(NOW, NOW.plus(Duration.ofDays(7)));
    assertThat(query.instances(week, BERLIN)).isNotEmpty();
  }

  @Test
  void refresh_overTheMaterializationCapAndUnchanged_usesConditionalGetUntilADayPassed() {
    server.path("/work.ics").body(RefreshServiceIT.workIcs()).etag("\"v1\"");
    ExpansionConfig tiny =
        new ExpansionConfig(5, 200_000, Duration.ofDays(14), Duration.ofDays(90));
    FakeClock clock = FakeClock.at(NOW);
    SourceRefresher refresher =
        new SourceRefresher(
            fetcher,
            new IcsParser(),
            new Expander(tiny),
            new SeriesStore(db),
            new SourceStateStore(db),
            tiny,
            BERLIN,
            clock,
            RefreshListener.NONE);
    SourceConfig work = new SourceConfig("work", null, server.uri("/work.ics"), null, null, null);
    assertThat(refresher.refresh(work).outcome()).isEqualTo(Outcome.UPDATED);
    clock.advance(Duration.ofHours(23));

    RefreshResult sameDay = refresher.refresh(work);
    String conditional = server.lastRequest("/work.ics").header("If-None-Match");
    clock.advance(Duration.ofHours(2));
    RefreshResult nextDay = refresher.refresh(work);

    assertThat(sameDay.outcome()).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(conditional).isEqualTo("\"v1\"");
    assertThat(nextDay.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(server.lastRequest("/work.ics").header("If-None-Match")).isNull();
  }
}
