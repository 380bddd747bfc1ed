package calendarbot.testing;

import calendarbot.App;
import calendarbot.config.AdminConfig;
import calendarbot.config.AppConfig;
import calendarbot.config.ConfigLayers;
import calendarbot.config.FetchConfig;
import calendarbot.config.PipelineConfig;
import calendarbot.config.ServerConfig;
import calendarbot.config.SourceConfig;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The world a real {@link App} runs in for an integration test: a {@link FakeFeedServer} serving
 * one fixture feed at {@link #FEED_PATH} (ETag {@code "v1"}), a {@link FakeClock}, and a data dir
 * of the test's (real SQLite). Starts Apps on 127.0.0.1, port 0, as {@link RunningApp}s; several
 * may run over its life on the same data dir, for restarts.
 *
 * <pre>{@code
 * @TempDir Path dataDir;
 * AppFixture fixture = AppFixture.serving("api-day.ics", "2026-11-23T09:10:00Z", dataDir);
 * RunningApp app = fixture.startReady();
 * app.get("/api/whats-next/data").body();
 * fixture.close(); // in @AfterEach: every App still running, then the feed server
 * }</pre>
 *
 * <p>Not thread-safe for starting; closing is safe while requests run.
 */
public final class AppFixture implements AutoCloseable {
  /** The display zone of {@link #config()}. */
  public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /**
   * The admin token of {@link #config()}; {@link RunningApp} sends it on every request unless told
   * otherwise ({@link RunningApp#anonymous()}, {@link RunningApp#withToken}).
   */
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

  /** Where the feed server serves the feed of source "work". */
  public static final String FEED_PATH = "/work.ics";

  private final Path dataDir;
  private final String feed;
  private final FakeFeedServer feeds;
  private final FakeClock clock;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<RunningApp> started = new CopyOnWriteArrayList<>();

  private AppFixture(Path dataDir, String feed, FakeFeedServer feeds, FakeClock clock) {
    this.dataDir = dataDir;
    this.feed = feed;
    this.feeds = feeds;
    this.clock = clock;
  }

  /**
   * Starts the feed server with {@code /ics/<feedFixture>} at {@link #FEED_PATH} and sets the
   * clock; no App runs yet.
   *
   * @param feedFixture a file in {@code src/test/resources/ics/}, e.g. {@code "kiosk-day.ics"}
   * @param now the clock's instant, ISO-8601 (e.g. {@code "2026-11-23T09:10:00Z"})
   * @param dataDir the Apps' data dir (usually a {@code @TempDir})
   */
  public static AppFixture serving(String feedFixture, String now, Path dataDir) {
    String feed = FeedFixtures.read(feedFixture);
    FakeFeedServer feeds = FakeFeedServer.start();
    feeds.path(FEED_PATH).body(feed).etag("\"v1\"");
    return new AppFixture(dataDir, feed, feeds, FakeClock.at(now));
  }

  /** The feed server; reprogram {@link #FEED_PATH} to change or break the feed. */
  public FakeFeedServer feeds() {
    return feeds;
  }

  /** The clock every App of this fixture reads. */
  public FakeClock clock() {
    return clock;
  }

  /** The fixture feed's text as first served. */
  public String feed() {
    return feed;
  }

  /**
   * One source "work" named "Work" at {@link #FEED_PATH}, display zone {@link #BERLIN}, the data
   * dir, server on 127.0.0.1 port 0, and fetches that fail fast (connect 2 s, read 500 ms, 3
   * redirects, 64 KiB), admin token {@link #ADMIN_TOKEN}. Tweak it with the {@code AppConfig.with*}
   * methods before {@link #start(AppConfig)}.
   */
  public AppConfig config() {
    return config(dataDir);
  }

  /**
   * {@link #config()} with another data dir: for several Apps side by side on the same feed and
   * clock, each with its own database.
   */
  public AppConfig config(Path dataDir) {
    SourceConfig work =
        new SourceConfig("work", "Work", feeds.uri(FEED_PATH), null, Map.of(), null);
    return AppConfig.defaults(dataDir, BERLIN)
        .withServer(new ServerConfig("127.0.0.1", 0))
        .withSources(List.of(work))
        .withFetch(new FetchConfig(Duration.ofSeconds(2), Duration.ofMillis(500), 3, 64 * 1024))
        // A high write limit: tests that write in loops must not meet the rate limit by accident.
        .withAdmin(new AdminConfig(ADMIN_TOKEN, null, 100_000));
  }

  /**
   * The default pipeline without warming: then the only cache operations are the test's own
   * requests, so a test can count them ({@code /api/pipeline/stats}).
   */
  public static PipelineConfig pipelineWithoutWarming() {
    PipelineConfig d = PipelineConfig.defaults();
    return new PipelineConfig(
        d.enabled(),
        d.cacheEnabled(),
        d.singleFlightEnabled(),
        d.batchingEnabled(),
        false,
        d.whatsNextTtl(),
        d.eventsTtl(),
        d.settingsTtl(),
        d.otherTtl(),
        d.maxEntries(),
        d.maxWeightBytes(),
        d.batchWindow(),
        d.batchMaxSize());
  }

  /** Starts an App with {@code config} and this fixture's clock; does not wait for any refresh. */
  public RunningApp start(AppConfig config) {
    RunningApp app = new RunningApp(App.start(config, clock), http);
    started.add(app);
    return app;
  }

  /**
   * Starts an App from configuration {@code layers} (a YAML file, an environment map, flags) and
   * this fixture's clock; does not wait for any refresh. {@link #yaml()} is a file equivalent to
   * {@link #config()}.
   */
  public RunningApp start(ConfigLayers layers) {
    RunningApp app = new RunningApp(App.start(layers, clock), http);
    started.add(app);
    return app;
  }

  /**
   * {@link #config()} as the text of a YAML config file: source "work", display zone, data dir,
   * server on 127.0.0.1 port 0, the fast-failing fetches and the admin token. Append more settings
   * as further top-level YAML keys.
   */
  public String yaml() {
    return String.join(
        "\n",
        "server: {host: 127.0.0.1, port: 0}",
        "data_dir: '" + dataDir + "'",
        "timezone: " + BERLIN.getId(),
        "sources:",
        "  - id: work",
        "    name: Work",
        "    url: '" + feeds.uri(FEED_PATH) + "'",
        "fetch: {connect_timeout: 2s, read_timeout: 500ms, max_redirects: 3, max_bytes: 64KB}",
        "admin: {token: " + ADMIN_TOKEN + ", write_limit: 100000}",
        "");
  }

  /**
   * Layers of {@code file} (usually holding {@link #yaml()} plus more) and {@code env} (entries
   * named {@code CALENDARBOT_*}), no flags.
   */
  public ConfigLayers layers(Path file, Map<String, String> env) {
    return ConfigLayers.of(file, env, Map.of(), List.of(), BERLIN, dataDir);
  }

  /** Starts an App with {@link #config()}; does not wait for any refresh. */
  public RunningApp start() {
    return start(config());
  }

  /** Starts an App with {@link #config()} and waits until every source has been read once. */
  public RunningApp startReady() {
    return start().awaitReady();
  }

  /** Closes every App not closed yet, then the feed server (which releases hung requests). */
  @Override
  public void close() {
    try {
      started.forEach(RunningApp::close);
    } finally {
      feeds.close();
    }
  }
}
