package calendarbot.web;

import calendarbot.config.ServerConfig;
import calendarbot.error.CalendarBotException;
import calendarbot.metrics.MetricsView;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Undertow server. Small fixed thread counts and heap buffers because the target machine has
 * 512 MB and four slow cores: two I/O threads, a bounded worker pool for blocking route bodies.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

  /**
   * Worker threads for blocking route bodies; measured enough for kiosk load (docs/BENCHMARKS.md).
   */
  static final int WORKER_THREADS = 8;

  /** How long {@link #close} waits for requests in flight before stopping anyway. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final Undertow undertow;
  private final GracefulShutdownHandler graceful;
  private final int port;

  private final KioskWarmer warmer;

  private WebServer(
      Undertow undertow, GracefulShutdownHandler graceful, int port, KioskWarmer warmer) {
    this.undertow = undertow;
    this.graceful = graceful;
    this.port = port;
    this.warmer = warmer;
  }

  /** Precomputes the kiosk's answers (see {@link KioskWarmer}). */
  public KioskWarmer warmer() {
    return warmer;
  }

  /**
   * Starts listening without request metrics; returns once bound.
   *
   * @param front wraps the router (the {@link AdminGuard}): every request passes it first
   */
  static WebServer start(
      ServerConfig config,
      List<Routes> routes,
      KioskWarmer warmer,
      UnaryOperator<HttpHandler> front) {
    return start(config, routes, warmer, front, null);
  }

  /**
   * Starts listening; returns once bound.
   *
   * @param front wraps the router (the {@link AdminGuard}): every request passes it first
   * @param metrics records every request, those the front refuses included; {@code null} records
   *     none
   */
  static WebServer start(
      ServerConfig config,
      List<Routes> routes,
      KioskWarmer warmer,
      UnaryOperator<HttpHandler> front,
      MetricsView metrics) {
    RoutingHandler router = new RoutingHandler();
    routes.forEach(r -> r.register(router));
    router.setFallbackHandler(ex -> Problems.send(ex, Problems.notFound(ex.getRequestPath())));
    router.setInvalidMethodHandler(
        ex ->
            Problems.send(
                ex,
                Problems.methodNotAllowed(ex.getRequestMethod().toString(), ex.getRequestPath())));
    // Requests arriving after shutdown began get 503; those in flight may finish (bounded).
    HttpHandler guarded = front.apply(router);
    GracefulShutdownHandler graceful =
        new GracefulShutdownHandler(
            metrics == null ? guarded : MetricsRoutes.timed(guarded, metrics));
    Undertow u =
        Undertow.builder()
            .addHttpListener(config.port(), config.host())
            .setIoThreads(2)
            .setWorkerThreads(WORKER_THREADS)
            .setBufferSize(16 * 1024)
            .setDirectBuffers(false)
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) Json.Limits.MAX_BODY_BYTES)
            .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
            // Outermost, so that every answer carries the request id, even a 503 during shutdown.
            .setHandler(Handlers.withRequestId(graceful))
            .build();
    try {
      u.start();
    } catch (RuntimeException e) {
      // Undertow wraps the BindException; say what to do instead of showing a stack trace.
      throw new CalendarBotException(
          "cannot listen on "
              + config.host()
              + ":"
              + config.port()
              + " ("
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
              + "); is another process using the port? Stop it or choose another --port",
          e);
    }
    int bound = ((InetSocketAddress) u.getListenerInfo().get(0).getAddress()).getPort();
    LOG.info("web: listening on http://{}:{}", config.host(), bound);
    return new WebServer(u, graceful, bound, warmer);
  }

  /** The bound port (useful when the config asked for port 0). */
  public int port() {
    return port;
  }

  /**
   * Stops accepting requests (new ones get 503), waits up to {@link #SHUTDOWN_GRACE} for those in
   * flight, then stops the server.
   */
  @Override
  public void close() {
    graceful.shutdown();
    try {
      if (!graceful.awaitShutdown(SHUTDOWN_GRACE.toMillis())) {
        LOG.warn(
            "web: requests still running after {} s; stopping anyway", SHUTDOWN_GRACE.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    undertow.stop();
  }
}
