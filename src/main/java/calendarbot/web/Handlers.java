package calendarbot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * Wraps route bodies: run them off the I/O threads, map every failure to problem JSON, and carry
 * the request's id into every log line written while handling it.
 */
final class Handlers {
  private Handlers() {}

  /** The header that carries a request's id, in and out. */
  static final HttpString REQUEST_ID_HEADER = new HttpString("X-Request-Id");

  /** The MDC key of the request id; JSON log lines carry it under {@code mdc}. */
  static final String REQUEST_ID_MDC = "request_id";

  /** Longest incoming id kept. */
  static final int MAX_REQUEST_ID_LENGTH = 64;

  private static final AttachmentKey<String> REQUEST_ID = AttachmentKey.create(String.class);

  /** A route body that may block (database, expansion) and may throw. */
  @FunctionalInterface
  interface Body {
    void handle(HttpServerExchange ex) throws Exception;
  }

  static HttpHandler blocking(Body body) {
    return new BlockingHandler(ex -> run(body, ex));
  }

  /**
   * Runs {@code body} on this (worker) thread with the request's id in the MDC, sending any failure
   * as problem JSON; the MDC is as before afterwards.
   */
  static void run(Body body, HttpServerExchange ex) {
    // The worker thread is not the I/O thread that took the request: set the MDC again.
    String previous = MDC.get(REQUEST_ID_MDC);
    putRequestId(requestId(ex));
    try {
      body.handle(ex);
    } catch (RuntimeException | java.io.IOException e) {
      Problems.send(ex, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Problems.send(ex, e);
    } catch (Exception e) {
      Problems.send(ex, e);
    } finally {
      putRequestId(previous);
    }
  }

  /**
   * Gives every request an id before {@code next} sees it: a valid incoming {@code X-Request-Id}
   * (see {@link #validRequestId}) is kept, anything else is replaced by a new random one. The id is
   * answered as {@code X-Request-Id} on every response, including errors and 304s, and is in the
   * SLF4J MDC under {@value #REQUEST_ID_MDC} while {@code next} runs on this thread (and while a
   * {@link #blocking} body runs on a worker); it is removed afterwards.
   */
  static HttpHandler withRequestId(HttpHandler next) {
    return ex -> {
      String id = ex.getRequestHeaders().getFirst(REQUEST_ID_HEADER);
      if (!validRequestId(id)) {
        id = newRequestId();
      }
      ex.putAttachment(REQUEST_ID, id);
      // Set before anything is written, so every answer carries it, whoever sends it.
      ex.getResponseHeaders().put(REQUEST_ID_HEADER, id);
      String previous = MDC.get(REQUEST_ID_MDC);
      putRequestId(id);
      try {
        next.handleRequest(ex);
      } finally {
        putRequestId(previous);
      }
    };
  }

  /** The request's id, or {@code null} when it did not pass {@link #withRequestId}. */
  static String requestId(HttpServerExchange ex) {
    return ex.getAttachment(REQUEST_ID);
  }

  /**
   * Whether a client's id is kept: 1 to {@value #MAX_REQUEST_ID_LENGTH} characters of {@code
   * [A-Za-z0-9._:-]}, so it cannot break a log line or a header.
   */
  static boolean validRequestId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_REQUEST_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * A new id: 12 hex digits (48 random bits). It correlates log lines, it is no secret, so a fast
   * non-cryptographic source is enough; a clash within the lines one looks at together is unlikely.
   */
  static String newRequestId() {
    long bits = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
    String hex = Long.toHexString(bits);
    return "0".repeat(12 - hex.length()) + hex;
  }

  private static void putRequestId(String id) {
    if (id == null) {
      MDC.remove(REQUEST_ID_MDC);
    } else {
      MDC.put(REQUEST_ID_MDC, id);
    }
  }

  static String query(HttpServerExchange ex, String name) {
    var values = ex.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }
}
