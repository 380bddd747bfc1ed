package calendarbot;

import calendarbot.config.AppConfig;
import calendarbot.config.ConfigChange;
import calendarbot.config.ConnectionConfig;
import calendarbot.connection.FeedConnections;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.source.RefreshService;
import calendarbot.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the live keys of a configuration change to the running components: cache TTLs and bounds,
 * pool limits, refresh intervals. Flags and {@code emergency_disable} need nothing here: every
 * request reads them from the current snapshot. Keys that need a restart are left alone (the config
 * service reports them).
 */
final class LiveConfig implements Consumer<ConfigChange> {
  private static final Logger LOG = LoggerFactory.getLogger(LiveConfig.class);

  private final RequestPipeline pipeline;
  private final FeedConnections feeds;
  private final Database database;
  private final RefreshService refresh;

  LiveConfig(
      RequestPipeline pipeline, FeedConnections feeds, Database database, RefreshService refresh) {
    this.pipeline = pipeline;
    this.feeds = feeds;
    this.database = database;
    this.refresh = refresh;
  }

  @Override
  public void accept(ConfigChange change) {
    AppConfig now = change.after().config();
    List<String> applied = new ArrayList<>();
    if (change.touches("pipeline")) {
      pipeline.reconfigure(now.pipeline());
      applied.add("pipeline");
    }
    ConnectionConfig c = now.connection();
    if (change.touches("connection_pool.http_max_total")
        || change.touches("connection_pool.http_max_per_host")) {
      feeds.resize(c.httpMaxTotal(), c.httpMaxPerHost());
      applied.add("feed pool " + c.httpMaxTotal() + "/" + c.httpMaxPerHost());
    }
    if (change.touches("connection_pool.db_pool_size")) {
      database.resizePool(c.dbPoolSize());
      applied.add("database pool " + c.dbPoolSize());
    }
    if (change.touches("refresh")) {
      refresh.reconfigure(now.refresh());
      applied.add("refresh schedule");
    }
    if (!applied.isEmpty()) {
      LOG.info("config: version {} applied live to {}", change.after().version(), applied);
    }
  }
}
