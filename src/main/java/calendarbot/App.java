package calendarbot;

import calendarbot.config.AppConfig;
import calendarbot.config.ConfigLayers;
import calendarbot.config.ConfigService;
import calendarbot.config.ConfigWatcher;
import calendarbot.config.PipelineConfig;
import calendarbot.config.SourceConfig;
import calendarbot.connection.BackgroundExecutor;
import calendarbot.connection.FeedConnections;
import calendarbot.event.Instance;
import calendarbot.flags.OpenFeatureFlags;
import calendarbot.ics.Expander;
import calendarbot.metrics.MetricNames;
import calendarbot.metrics.MetricsRegistry;
import calendarbot.pipeline.RangeBatcher;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.ResponseCache;
import calendarbot.query.EventQuery;
import calendarbot.resilience.MemoryPressure;
import calendarbot.resilience.Resilience;
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
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
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
  private final WebServer web;
  private final Closer closer;

  private App(ConfigService configs, WebServer web, Closer closer) {
    this.configs = configs;
    this.web = web;
    this.closer = closer;
  }

  /**
   * The batched way {@code /api/events} reads, for clients with the {@code batching} flag on: a
   * batcher that merges concurrent reads of one zone arriving within the batching window.
   */
  private static InstanceReader batched(PipelineConfig pc, EventQuery query) {
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
    return start(layers, clock, Hooks.NONE);
  }

  /**
   * What a fault-injection test may put between the app's parts: a wrapper around the response
   * cache (one that throws on demand) and the heap readings memory pressure acts on. Production
   * uses {@link #NONE}.
   *
   * @param heap used-after-GC and max bytes, or {@code null} for the JVM's own heap
   * @param checkPeriod how often memory pressure and the feed pool's saturation are checked, or
   *     {@code null} for the production periods: a fault-injection run shortens it so that a
   *     changed reading acts within a poll, not 30 s later
   */
  record Hooks(UnaryOperator<ResponseCache> cache, HeapReadings heap, Duration checkPeriod) {
    static final Hooks NONE = new Hooks(UnaryOperator.identity(), null);

    /** Hooks with the production check periods. */
    Hooks(UnaryOperator<ResponseCache> cache, HeapReadings heap) {
      this(cache, heap, null);
    }
  }

  /** Heap numbers for memory pressure. */
  record HeapReadings(LongSupplier usedAfterGcBytes, LongSupplier maxBytes) {}

  static App start(ConfigLayers layers, Clock clock, Hooks hooks) {
    // data_dir and the database's connection settings come from the layers below the runtime
    // overrides: the overrides live in the database, and data_dir cannot be overridden.
    AppConfig boot = layers.load();
    createDataDir(boot.dataDir());
    Closer closer = new Closer();
    try {
      Database database =
          closer.add(
              Database.open(boot.dataDir().resolve(DATABASE_FILE), boot.connection()),
              Database::close);
      ConfigService configs = ConfigService.open(layers, new ConfigStore(database), clock);
      AppConfig config = configs.config();
      MetricsRegistry metrics = closer.add(new MetricsRegistry(), MetricsRegistry::close);
      OpenFeatureFlags flags = closer.add(OpenFeatureFlags.over(configs), OpenFeatureFlags::close);
      Resilience resilience =
          Resilience.create(config.resilience(), flags, config.dataDir(), clock, metrics);
      // Both feed connection twins exist from the start, so the connection_pool flag and the
      // pool's breaker can choose per fetch, live.
      FeedConnections feedConnections =
          resilience.guard(
              FeedConnections.pooled(config.connection(), config.fetch(), Clock.systemUTC()),
              FeedConnections.plain(config.connection(), config.fetch()));
      FeedFetcher fetcher =
          closer.add(new FeedFetcher(config.fetch(), feedConnections), FeedFetcher::close);
      ScheduledExecutorService executor =
          closer.add(BackgroundExecutor.create(BACKGROUND_THREADS), App::stop);
      SeriesStore series = new SeriesStore(database);
      SourceStateStore states = new SourceStateStore(database);
      PipelineConfig pc = config.pipeline();
      // The caching pipeline is built even when pipeline.enabled is false at start: the flags turn
      // its parts on and off per request, live. Outermost is the fallback chain.
      StalenessExpiry staleness =
          new StalenessExpiry(
              RequestPipeline.caching(
                  pc,
                  hooks.cache().apply(ResponseCache.create(pc, clock)),
                  resilience.cacheOutcomes()),
              clock);
      RequestPipeline pipeline = resilience.guard(staleness);
      MemoryPressure memory =
          closer.add(
              hooks.heap() == null
                  ? resilience.watchHeap(pipeline)
                  : resilience.memoryPressure(
                      pipeline, hooks.heap().usedAfterGcBytes(), hooks.heap().maxBytes()),
              MemoryPressure::close);
      // A first reading, so /api/status has numbers before the first scheduled check.
      memory.check();
      WarmingSwitch warmingOn = new WarmingSwitch(flags);
      CacheInvalidation invalidation =
          new CacheInvalidation(
              pipeline, id -> returnHeapAfterRefresh(memory), executor, clock, warmingOn::on);
      RefreshService refresh =
          closer.add(
              RefreshService.create(
                  config,
                  fetcher,
                  series,
                  states,
                  executor,
                  clock,
                  new SecureRandom(),
                  invalidation,
                  metrics,
                  resilience.sourceGuard()),
              RefreshService::close);
      metrics.gauge(
          MetricNames.EXECUTOR_QUEUE, null, () -> BackgroundExecutor.queueDepth(executor));
      AppMetrics.registerHttpMetrics(metrics, fetcher);
      AppMetrics.registerDatabaseMetrics(metrics, database);
      AppMetrics.registerPipelineMetrics(metrics, pipeline);
      List<SourceConfig> sources = refresh.sources();
      List<String> sourceIds = sources.stream().map(SourceConfig::id).toList();
      AppMetrics.registerResilienceMetrics(metrics, resilience, sourceIds);
      AppMetrics.registerFlagMetrics(metrics, flags);
      EventQuery query =
          new EventQuery(
              series,
              new Expander(config.expansion()),
              config.expansion(),
              () -> sources.stream().map(SourceConfig::id).toList());
      StatusService status = status(configs, clock, database, states, refresh, fetcher, executor);
      AppMetrics.registerSourceMetrics(metrics, status, sourceIds);
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
          closer.add(
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
                      batched(pc, query),
                      configs,
                      flags,
                      resilience::status,
                      config.admin(),
                      metrics,
                      AppAlerts.over(status, resilience)::get),
                  clock,
                  config.displayZone(),
                  version()),
              WebServer::close);
      warmingOn.bind(web.warmer());
      invalidation.bind(status::freshness, web.warmer());
      staleness.bind(status::freshUntil);
      closer
          .add(new MinuteWarming(web.warmer(), executor, clock, warmingOn::on), w -> w.close())
          .start();
      configs.addListener(new LiveConfig(pipeline, feedConnections, database, refresh));
      if (layers.file() != null) {
        closer.add(ConfigWatcher.start(layers.file(), configs), ConfigWatcher::close);
      }
      refresh.start();
      HealthMonitor monitor = closer.add(new HealthMonitor(status), HealthMonitor::close);
      monitor.start(executor, HEALTH_CHECK_PERIOD);
      Duration memoryCheck =
          hooks.checkPeriod() == null ? MEMORY_CHECK_PERIOD : hooks.checkPeriod();
      Duration poolCheck = hooks.checkPeriod() == null ? POOL_CHECK_PERIOD : hooks.checkPeriod();
      executor.scheduleWithFixedDelay(
          quietly("memory check", memory::check),
          memoryCheck.toMillis(),
          memoryCheck.toMillis(),
          TimeUnit.MILLISECONDS);
      executor.scheduleWithFixedDelay(
          quietly("pool saturation check", resilience::checkPoolSaturation),
          poolCheck.toMillis(),
          poolCheck.toMillis(),
          TimeUnit.MILLISECONDS);
      LOG.info(
          "app: CalendarBot {} serving {} source(s) from {} in zone {}",
          version(),
          sources.size(),
          database.file(),
          config.displayZone());
      return new App(configs, web, closer);
    } catch (RuntimeException e) {
      closer.close();
      throw e;
    }
  }

  /** How often memory pressure is checked besides the JVM's threshold notifications. */
  static final Duration MEMORY_CHECK_PERIOD = Duration.ofSeconds(30);

  /** How often the feed pool's utilisation is sampled for its breaker. */
  static final Duration POOL_CHECK_PERIOD = Duration.ofSeconds(5);

  private static StatusService status(
      ConfigService configs,
      Clock clock,
      Database database,
      SourceStateStore states,
      RefreshService refresh,
      FeedFetcher feeds,
      ScheduledExecutorService executor) {
    List<SourceConfig> sources = refresh.sources();
    return new StatusService(
        () -> sources,
        states::load,
        refresh::nextRefreshAt,
        s -> s.effectiveInterval(configs.config().refresh()),
        clock,
        database::schemaVersion,
        List.of(
            HealthMonitor.backlog(
                "the background executor",
                () -> BackgroundExecutor.queueDepth(executor),
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
  }

  /** A periodic task that logs its failure instead of ending its schedule. */
  private static Runnable quietly(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("app: {} failed: {}", what, e.toString());
      }
    };
  }

  /**
   * Runs after a refresh committed new data, on the refresh thread. The parsed feed it held is
   * garbage now, often tens of MB of a small heap; a young collection frees it but only a full
   * collection lets Serial GC shrink the committed heap and give the memory back to the OS (with
   * the launcher's {@code -XX:MaxHeapFreeRatio}), which on a 512 MB Pi is the difference between
   * the refresh's peak and the idle size. One full GC per refresh interval costs tens of
   * milliseconds off the request path; {@code -XX:+DisableExplicitGC} turns it off.
   *
   * <p>Then memory pressure is read again: a refresh's parse is what fills the old generation of a
   * 64 MB heap (HARD: cache cleared, the pipeline's breaker held open), and reading right after the
   * collection that frees it ends that level now instead of at the next periodic check, up to 30 s
   * of plain-path answers later (measured in bench/soak).
   */
  static void returnHeapAfterRefresh(MemoryPressure memory) {
    System.gc();
    memory.check();
  }

  /** The live configuration (runtime overrides, reload, history). */
  public ConfigService configService() {
    return configs;
  }

  /** The bound HTTP port. */
  public int port() {
    return web.port();
  }

  /**
   * Stops accepting requests (in-flight ones finish), then warming, refreshes, the executor, the
   * feed connections, the flags and the database: the reverse of the order they were built in.
   */
  @Override
  public void close() {
    LOG.info("app: shutting down");
    closer.close();
  }

  /** Stops the background executor, waiting a little for tasks in flight. */
  private static void stop(ScheduledExecutorService executor) {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("app: refresh threads did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
