package calendarbot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;

/** Wraps route bodies: run them off the I/O threads and map every failure to problem JSON. */
final class Handlers {
  private Handlers() {}

  /** A route body that may block (database, expansion) and may throw. */
  @FunctionalInterface
  interface Body {
    void handle(HttpServerExchange ex) throws Exception;
  }

  static HttpHandler blocking(Body body) {
    return new BlockingHandler(
        ex -> {
          try {
            body.handle(ex);
          } catch (RuntimeException | java.io.IOException e) {
            Problems.send(ex, e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Problems.send(ex, e);
          } catch (Exception e) {
            Problems.send(ex, e);
          }
        });
  }

  static String query(HttpServerExchange ex, String name) {
    var values = ex.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }
}
