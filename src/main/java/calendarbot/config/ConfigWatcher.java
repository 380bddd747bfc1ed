package calendarbot.config;

import calendarbot.error.CalendarBotException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config file and calls {@link ConfigService#reloadFile()} when it changes. The file's
 * directory is watched, not the file, because editors and deployment tools replace a file by
 * renaming a new one over it. Events are debounced: the reload runs once no further event for the
 * file arrived for {@link #DEBOUNCE}, so a save in several writes is read once, whole.
 *
 * <p>Applied changes are logged at INFO (by the service), restart-required keys and rejected files
 * at WARN; a rejected file leaves the running configuration as it was.
 *
 * <p>One daemon thread, stopped by {@link #close()}.
 */
public final class ConfigWatcher implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

  /** Quiet time after the last event before the file is read. */
  public static final Duration DEBOUNCE = Duration.ofMillis(250);

  private final Path file;
  private final ConfigService service;
  private final WatchService watch;
  private final Thread thread;

  private ConfigWatcher(Path file, ConfigService service, WatchService watch) {
    this.file = file;
    this.service = service;
    this.watch = watch;
    this.thread = new Thread(this::run, "calendarbot-config-watcher");
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching {@code file}.
   *
   * @throws calendarbot.error.ConfigException when the file's directory cannot be watched
   */
  public static ConfigWatcher start(Path file, ConfigService service) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    try {
      WatchService watch = FileSystems.getDefault().newWatchService();
      try {
        dir.register(
            watch,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
      } catch (IOException | RuntimeException e) {
        watch.close();
        throw e;
      }
      ConfigWatcher w = new ConfigWatcher(absolute, service, watch);
      w.thread.start();
      LOG.info("config: watching {} for changes", absolute);
      return w;
    } catch (IOException e) {
      throw new calendarbot.error.ConfigException(
          "--config",
          e,
          "--config must be in a directory that can be watched for changes, but "
              + dir
              + " cannot: "
              + e);
    }
  }

  private void run() {
    try {
      while (true) {
        WatchKey key = watch.take();
        boolean relevant = relevant(key);
        // Debounce: keep draining events until the directory has been quiet for DEBOUNCE.
        while (true) {
          WatchKey more = watch.poll(DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
          if (more == null) {
            break;
          }
          relevant |= relevant(more);
        }
        if (relevant) {
          reload();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // close() was called: stop quietly.
    }
  }

  /** Whether {@code key} holds an event for the file (or lost events); resets the key. */
  private boolean relevant(WatchKey key) {
    boolean relevant = false;
    for (WatchEvent<?> e : key.pollEvents()) {
      if (e.kind() == StandardWatchEventKinds.OVERFLOW || file.getFileName().equals(e.context())) {
        relevant = true;
      }
    }
    key.reset();
    return relevant;
  }

  private void reload() {
    try {
      ConfigChange change = service.reloadFile();
      if (!change.changed()) {
        LOG.debug("config: {} changed on disk but no effective value did", file);
      }
    } catch (CalendarBotException e) {
      LOG.warn(
          "config: rejected the changed {}; version {} stays in effect: {}",
          file,
          service.current().version(),
          e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("config: reloading {} failed; the running configuration stays", file, e);
    }
  }

  /** Stops watching; waits briefly for the thread. Idempotent. */
  @Override
  public void close() {
    try {
      watch.close();
    } catch (IOException e) {
      LOG.warn("config: closing the watch on {} failed: {}", file, e.toString());
    }
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(2).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
