package calendarbot.web;

import calendarbot.App;
import calendarbot.config.AppConfig;
import calendarbot.config.FetchConfig;
import calendarbot.config.ServerConfig;
import calendarbot.config.SourceConfig;
import calendarbot.testing.FakeClock;
import calendarbot.testing.FakeFeedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The real App on port 0 against a loopback feed ({@code /ics/kiosk-day.ics}, source "Work") and a
 * real SQLite file, with the clock at {@link #NOW}. The web tests' one way to start it.
 */
final class KioskApp implements AutoCloseable {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /**
   * Monday 2026-11-23 10:10 in Berlin: "Architecture review" (10:00–11:00, Teams) is in progress,
   * "Planning" (11:30, Zoom) is next, "1:1 with Sam" (15:00) and "Retro" (16:30) come later, "Team
   * offsite" is all day.
   */
  static final String NOW = "2026-11-23T09:10:00Z";

  static final String FEED_PATH = "/work.ics";

  final FakeFeedServer feeds;
  final FakeClock clock;
  final App app;
  private final HttpClient http = HttpClient.newHttpClient();

  private KioskApp(FakeFeedServer feeds, FakeClock clock, App app) {
    this.feeds = feeds;
    this.clock = clock;
    this.app = app;
  }

  /** Starts feed server and App; returns once every source has been read. */
  static KioskApp start(Path dataDir) {
    FakeFeedServer feeds = FakeFeedServer.start();
    feeds.path(FEED_PATH).body(fixture("/ics/kiosk-day.ics")).etag("\"v1\"");
    FakeClock clock = FakeClock.at(NOW);
    SourceConfig work =
        new SourceConfig("work", "Work", feeds.uri(FEED_PATH), null, Map.of(), null);
    AppConfig config =
        AppConfig.defaults(dataDir, BERLIN)
            .withServer(new ServerConfig("127.0.0.1", 0))
            .withSources(List.of(work))
            .withFetch(
                new FetchConfig(Duration.ofSeconds(2), Duration.ofMillis(500), 1, 64 * 1024));
    App app = App.start(config, clock);
    KioskApp k = new KioskApp(feeds, clock, app);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> k.get("/api/status").body().contains("\"data_ready\":true"));
    return k;
  }

  static String fixture(String resource) {
    try (InputStream in = KioskApp.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String base() {
    return "http://127.0.0.1:" + app.port();
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private boolean appClosed;

  /** Stops the App (the server goes away); the feed server keeps running until {@link #close}. */
  void stopApp() {
    if (!appClosed) {
      appClosed = true;
      app.close();
    }
  }

  @Override
  public void close() {
    try {
      stopApp();
    } finally {
      feeds.close();
    }
  }
}
