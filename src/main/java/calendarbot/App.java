package calendarbot;

import calendarbot.config.AppConfig;
import calendarbot.config.ConfigLayers;
import calendarbot.config.ConfigService;
import calendarbot.config.ConfigWatcher;
import calendarbot.config.PipelineConfig;
import calendarbot.config.SourceConfig;
import calendarbot.connection.BackgroundExecutor;
import calendarbot.event.Instance;
import calendarbot.ics.Expander;
import calendarbot.metrics.InMemoryMetrics;
import calendarbot.metrics.MetricNames;
import calendarbot.pipeline.RangeBatcher;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import calendarbot.query.EventQuery;
import calendarbot.settings.SettingsService;
import calendarbot.source.FeedFetcher;
import calendarbot.source.RefreshService;
import calendarbot.status.HealthMonitor;
import calendarbot.status.StatusService;
import calendarbot.store.ConfigStore;
import calendarbot.store.Database;
import calendarbot.store.SeriesStore;
import calendarbot.store.SourceStateStore;
import calendarbot.web.InstanceReader;
import calendarbot.web.Web;
import calendarbot.web.WebServer;
import calendarbot.whatsnext.WhatsNextService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
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

  /**
   * Threads of the one background executor (refreshes, health checks): two, so one hung source
   * never holds up another; fetches are I/O-bound and a Pi has four slow cores.
   */
  static final int BACKGROUND_THREADS = 2;

  /** How often the health monitor runs its checks and logs changes. */
  static final Duration HEALTH_CHECK_PERIOD = Duration.ofSeconds(30);

  /**
   * Tasks the background executor may hold beyond one scheduled refresh per source before health
   * reports a backlog (the health check itself, a manual refresh or two).
   */
  static final int BACKLOG_SLACK = 8;

  private final ConfigService configs;
  private final ConfigWatcher watcher;
  private final Database database;
  private final FeedFetcher fetcher;
  private final ScheduledExecutorService executor;
  private final RefreshService refresh;
  private final WebServer web;
  private final HealthMonitor monitor;
  private final MinuteWarming warming;

  private App(
      ConfigService configs,
      ConfigWatcher watcher,
      Database database,
      FeedFetcher fetcher,
      ScheduledExecutorService executor,
      RefreshService refresh,
      WebServer web,
      HealthMonitor monitor,
      MinuteWarming warming) {
    this.configs = configs;
    this.watcher = watcher;
    this.database = database;
    this.fetcher = fetcher;
    this.executor = executor;
    this.refresh = refresh;
    this.web = web;
    this.monitor = monitor;
    this.warming = warming;
  }

  /**
   * How {@code /api/events} reads: the query, or with {@code pipeline.batching.enabled} a batcher
   * that merges concurrent reads of one zone arriving within the batching window.
   */
  private static InstanceReader reader(PipelineConfig pc, EventQuery query) {
    if (!pc.enabled() || !pc.batchingEnabled()) {
      return query::instances;
    }
    RangeBatcher<ZoneId, Instance> batcher =
        new RangeBatcher<>(
            pc.batchWindow(),
            pc.batchMaxSize(),
            (zone, window) -> query.instances(window, zone),
            (i, window) -> window.overlaps(i.start(), i.end()));
    return (window, zone) -> batcher.read(zone, window);
  }

  /**
   * Opens the database, starts the HTTP server and schedules the first refresh of every source.
   * Returns once the server listens; data arrives in the background (answers say {@code data_ready:
   * false} until then).
   *
   * @throws calendarbot.error.StorageException if the database cannot be opened
   */
  public static App start(AppConfig config, Clock clock) {
    return start(ConfigLayers.given(config), clock);
  }

  /**
   * Starts as {@link #start(AppConfig, Clock)} does, from configuration layers: the runtime
   * overrides stored in the database apply on top of them, and the config file (if any) is watched
   * for changes.
   *
   * @throws calendarbot.error.ConfigException if the layers are invalid
   * @throws calendarbot.error.StorageException if the database cannot be opened
   */
  public static App start(ConfigLayers layers, Clock clock) {
    // data_dir and the database's connection settings come from the layers below the runtime
    // overrides: the overrides live in the database, and data_dir cannot be overridden.
    AppConfig boot = layers.load();
    createDataDir(boot.dataDir());
    InMemoryMetrics metrics = new InMemoryMetrics();
    Database database = Database.open(boot.dataDir().resolve(DATABASE_FILE), boot.connection());
    FeedFetcher fetcher = null;
    ScheduledExecutorService executor = null;
    RefreshService refresh = null;
    MinuteWarming warming = null;
    ConfigWatcher watcher = null;
    try {
      ConfigService configs = ConfigService.open(layers, new ConfigStore(database), clock);
      AppConfig config = configs.config();
      if (layers.file() != null) {
        watcher = ConfigWatcher.start(layers.file(), configs);
      }
      SeriesStore series = new SeriesStore(database);
      SourceStateStore states = new SourceStateStore(database);
      fetcher = FeedFetcher.create(config.fetch(), config.connection());
      executor = BackgroundExecutor.create(BACKGROUND_THREADS);
      PipelineConfig pc = config.pipeline();
      StalenessExpiry pipeline =
          new StalenessExpiry(RequestPipeline.create(config.pipeline(), clock), clock);
      CacheInvalidation invalidation =
          new CacheInvalidation(
              pipeline,
              App::returnHeapAfterRefresh,
              executor,
              clock,
              pc.enabled() && pc.warmingEnabled());
      refresh =
          RefreshService.create(
              config,
              fetcher,
              series,
              states,
              executor,
              clock,
              new SecureRandom(),
              invalidation,
              metrics);
      RefreshService r = refresh;
      ScheduledExecutorService background = executor;
      metrics.gauge(
          MetricNames.EXECUTOR_QUEUE, null, () -> BackgroundExecutor.queueDepth(background));
      FeedFetcher feeds = fetcher;
      registerHttpMetrics(metrics, feeds);
      registerDatabaseMetrics(metrics, database);
      registerPipelineMetrics(metrics, pipeline);
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
              database::schemaVersion,
              List.of(
                  HealthMonitor.backlog(
                      "the background executor",
                      () -> BackgroundExecutor.queueDepth(background),
                      sources.size() + BACKLOG_SLACK),
                  HealthMonitor.saturation(
                      "the database pool",
                      () -> database.connectionStats().active(),
                      () -> database.connectionStats().waiting(),
                      () -> database.connectionStats().maxSize()),
                  HealthMonitor.saturation(
                      "the feed HTTP pool",
                      () -> feeds.connectionStats().leased(),
                      () -> feeds.connectionStats().pending(),
                      () -> feeds.connectionStats().pooled() ? feeds.connectionStats().max() : 0)));
      SettingsService settings =
          SettingsService.open(
              database,
              clock,
              config.displayZone(),
              () -> sources.stream().map(SourceConfig::id).toList());
      settings.addListener(invalidation::settingsChanged);
      WhatsNextService whatsNext =
          new WhatsNextService(query::instances, status, settings::current, clock);
      WebServer web =
          Web.start(
              config.server(),
              new Web.Services(
                  query::instances,
                  whatsNext,
                  status,
                  refresh,
                  settings,
                  pipeline,
                  metrics::snapshot,
                  reader(pc, query),
                  null,
                  calendarbot.flags.FeatureFlags.allOn(),
                  null,
                  config.admin()),
              clock,
              config.displayZone(),
              version());
      invalidation.bind(status::freshness, web.warmer());
      pipeline.bind(status::freshUntil);
      if (pc.enabled() && pc.warmingEnabled()) {
        warming = new MinuteWarming(web.warmer(), executor, clock);
        warming.start();
      }
      refresh.start();
      HealthMonitor monitor = new HealthMonitor(status);
      monitor.start(executor, HEALTH_CHECK_PERIOD);
      LOG.info(
          "app: CalendarBot {} serving {} source(s) from {} in zone {}",
          version(),
          sources.size(),
          database.file(),
          config.displayZone());
      return new App(configs, watcher, database, fetcher, executor, refresh, web, monitor, warming);
    } catch (RuntimeException e) {
      if (watcher != null) {
        watcher.close();
      }
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

  private static void registerDatabaseMetrics(InMemoryMetrics metrics, Database database) {
    metrics.gauge(MetricNames.DB_POOL_ACTIVE, null, () -> database.connectionStats().active());
    metrics.gauge(MetricNames.DB_POOL_IDLE, null, () -> database.connectionStats().idle());
    metrics.gauge(MetricNames.DB_POOL_PENDING, null, () -> database.connectionStats().waiting());
    metrics.gauge(MetricNames.DB_POOL_MAX, null, () -> database.connectionStats().maxSize());
    metrics.gauge(
        MetricNames.DB_CONNECTIONS_CREATED, null, () -> database.connectionStats().created());
    metrics.gauge(MetricNames.DB_OPERATIONS, null, () -> database.connectionStats().served());
    metrics.gauge(MetricNames.DB_REUSE_RATIO, null, () -> database.connectionStats().reuseRatio());
    metrics.gauge(MetricNames.DB_LEAKS, null, () -> database.connectionStats().leaks());
  }

  private static void registerPipelineMetrics(InMemoryMetrics metrics, RequestPipeline pipeline) {
    for (RequestType t : RequestType.values()) {
      metrics.gauge(
          MetricNames.PIPELINE_HITS,
          t.code(),
          () -> pipeline.stats().cache().byType().get(t.code()).hits());
      metrics.gauge(
          MetricNames.PIPELINE_MISSES,
          t.code(),
          () -> pipeline.stats().cache().byType().get(t.code()).misses());
    }
    metrics.gauge(MetricNames.PIPELINE_ENTRIES, null, () -> pipeline.stats().cache().entries());
    metrics.gauge(
        MetricNames.PIPELINE_WEIGHT_BYTES, null, () -> pipeline.stats().cache().weightBytes());
    for (String cause : List.of("expired", "size", "invalidated")) {
      metrics.gauge(
          MetricNames.PIPELINE_EVICTIONS,
          cause,
          () -> pipeline.stats().cache().evictions().getOrDefault(cause, 0L));
    }
    metrics.gauge(
        MetricNames.PIPELINE_SINGLE_FLIGHT_JOINS, null, () -> pipeline.stats().singleFlightJoins());
  }

  private static void registerHttpMetrics(InMemoryMetrics metrics, FeedFetcher feeds) {
    metrics.gauge(MetricNames.HTTP_POOL_LEASED, null, () -> feeds.connectionStats().leased());
    metrics.gauge(MetricNames.HTTP_POOL_AVAILABLE, null, () -> feeds.connectionStats().available());
    metrics.gauge(MetricNames.HTTP_POOL_PENDING, null, () -> feeds.connectionStats().pending());
    metrics.gauge(MetricNames.HTTP_POOL_MAX, null, () -> feeds.connectionStats().max());
    metrics.gauge(MetricNames.HTTP_FETCHES, null, () -> feeds.connectionStats().fetches());
    metrics.gauge(
        MetricNames.HTTP_CONNECTIONS_CREATED,
        null,
        () -> feeds.connectionStats().connectionsCreated());
    metrics.gauge(MetricNames.HTTP_REUSE_RATIO, null, () -> feeds.connectionStats().reuseRatio());
    metrics.gauge(
        MetricNames.HTTP_NOT_MODIFIED_RATIO,
        null,
        () -> feeds.connectionStats().notModifiedRatio());
    metrics.gauge(MetricNames.HTTP_BYTES, null, () -> feeds.connectionStats().bytes());
    metrics.gauge(
        MetricNames.HTTP_LEASE_WAIT_MS,
        null,
        () -> feeds.connectionStats().leaseWaitNanos() / 1_000_000.0);
  }

  /** The live configuration (runtime overrides, reload, history). */
  public ConfigService configService() {
    return configs;
  }

  /** The bound HTTP port. */
  public int port() {
    return web.port();
  }

  /** Stops accepting requests, stops refreshes, closes the fetcher and the database. */
  @Override
  public void close() {
    LOG.info("app: shutting down");
    if (watcher != null) {
      watcher.close();
    }
    web.close();
    monitor.close();
    if (warming != null) {
      warming.close();
    }
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
