package calendarbot;

import calendarbot.config.AppConfig;
import calendarbot.config.SourceConfig;
import calendarbot.ics.Expander;
import calendarbot.query.EventQuery;
import calendarbot.source.FeedFetcher;
import calendarbot.source.RefreshService;
import calendarbot.status.StatusService;
import calendarbot.store.Database;
import calendarbot.store.SeriesStore;
import calendarbot.store.SourceStateStore;
import calendarbot.web.Web;
import calendarbot.web.WebServer;
import calendarbot.whatsnext.WhatsNextService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running CalendarBot: every component built with {@code new}, in one place, from one {@link
 * AppConfig} and one {@link Clock}. Tests build the same {@code App} on port 0.
 */
public final class App implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  /** Name of the SQLite file inside the data dir. */
  public static final String DATABASE_FILE = "calendarbot.db";

  /** Refresh threads: two so one hung source never holds up another (fetches are I/O-bound). */
  static final int REFRESH_THREADS = 2;

  private final Database database;
  private final FeedFetcher fetcher;
  private final ScheduledExecutorService executor;
  private final RefreshService refresh;
  private final WebServer web;

  private App(
      Database database,
      FeedFetcher fetcher,
      ScheduledExecutorService executor,
      RefreshService refresh,
      WebServer web) {
    this.database = database;
    this.fetcher = fetcher;
    this.executor = executor;
    this.refresh = refresh;
    this.web = web;
  }

  /**
   * Opens the database, starts the HTTP server and schedules the first refresh of every source.
   * Returns once the server listens; data arrives in the background (answers say {@code data_ready:
   * false} until then).
   *
   * @throws calendarbot.error.StorageException if the database cannot be opened
   */
  public static App start(AppConfig config, Clock clock) {
    createDataDir(config.dataDir());
    Database database = Database.open(config.dataDir().resolve(DATABASE_FILE), config.connection());
    FeedFetcher fetcher = null;
    ScheduledExecutorService executor = null;
    RefreshService refresh = null;
    try {
      SeriesStore series = new SeriesStore(database);
      SourceStateStore states = new SourceStateStore(database);
      fetcher = FeedFetcher.create(config.fetch());
      executor = RefreshService.newExecutor(REFRESH_THREADS);
      refresh =
          RefreshService.create(
              config,
              fetcher,
              series,
              states,
              executor,
              clock,
              new SecureRandom(),
              App::returnHeapAfterRefresh);
      RefreshService r = refresh;
      List<SourceConfig> sources = r.sources();
      EventQuery query =
          new EventQuery(
              series,
              new Expander(config.expansion()),
              config.expansion(),
              () -> sources.stream().map(SourceConfig::id).toList());
      StatusService status =
          new StatusService(
              () -> sources,
              states::load,
              r::nextRefreshAt,
              s -> s.effectiveInterval(config.refresh()),
              clock,
              database::schemaVersion);
      WhatsNextService whatsNext =
          new WhatsNextService(query::instances, status, clock, config.displayZone());
      WebServer web =
          Web.start(
              config.server(),
              new Web.Services(query, whatsNext, status, refresh),
              clock,
              config.displayZone(),
              version());
      refresh.start();
      LOG.info(
          "app: CalendarBot {} serving {} source(s) from {} in zone {}",
          version(),
          sources.size(),
          database.file(),
          config.displayZone());
      return new App(database, fetcher, executor, refresh, web);
    } catch (RuntimeException e) {
      closeQuietly(refresh, executor, fetcher, database);
      throw e;
    }
  }

  /**
   * Runs after a refresh committed new data, on the refresh thread. The parsed feed it held is
   * garbage now, often tens of MB of a small heap; a young collection frees it but only a full
   * collection lets Serial GC shrink the committed heap and give the memory back to the OS (with
   * the launcher's {@code -XX:MaxHeapFreeRatio}), which on a 512 MB Pi is the difference between
   * the refresh's peak and the idle size. One full GC per refresh interval costs tens of
   * milliseconds off the request path; {@code -XX:+DisableExplicitGC} turns it off.
   */
  static void returnHeapAfterRefresh(String sourceId) {
    System.gc();
  }

  /** The bound HTTP port. */
  public int port() {
    return web.port();
  }

  /** Stops accepting requests, stops refreshes, closes the fetcher and the database. */
  @Override
  public void close() {
    LOG.info("app: shutting down");
    web.close();
    closeQuietly(refresh, executor, fetcher, database);
  }

  private static void closeQuietly(
      RefreshService refresh, ScheduledExecutorService executor, FeedFetcher fetcher, Database db) {
    if (refresh != null) {
      refresh.close();
    }
    if (executor != null) {
      executor.shutdownNow();
      try {
        if (!executor.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("app: refresh threads did not stop within 5 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (fetcher != null) {
      try {
        fetcher.close();
      } catch (IOException e) {
        LOG.warn("app: closing the feed client failed: {}", e.toString());
      }
    }
    db.close();
  }

  private static void createDataDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new calendarbot.error.ConfigException(
          "data_dir",
          e,
          "data_dir must be a writable directory, but " + dir + " could not be created: " + e);
    }
  }

  /** The version from the jar manifest, or "dev" when run from classes. */
  public static String version() {
    String v = App.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
