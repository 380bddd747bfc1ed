package calendarbot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.slf4j.LoggerFactory;

/** JSON in and out of exchanges. One shared, thread-safe mapper. */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  static byte[] bytes(Object body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
    }
  }

  /**
   * Sends {@code body} as JSON. On a worker thread in blocking mode (every route) it is written
   * straight to the connection as it is serialised: no copy of a large answer exists in memory, and
   * the worker is busy until the client has it, so the worker pool bounds the answers in flight.
   * Elsewhere (I/O thread) it is buffered, which only small bodies take.
   */
  static void send(HttpServerExchange ex, int status, Object body) {
    if (!ex.isBlocking() || ex.isInIoThread()) {
      send(ex, status, "application/json", bytes(body));
      return;
    }
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    try (OutputStream out = ex.getOutputStream()) {
      MAPPER.writeValue(out, body);
    } catch (IOException e) {
      // The client went away mid-answer: nothing left to tell it.
      LoggerFactory.getLogger(Json.class)
          .debug("web: answer to {} not delivered: {}", ex.getRequestPath(), e.toString());
    }
  }

  static void send(HttpServerExchange ex, int status, String contentType, byte[] body) {
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    ex.setResponseContentLength(body.length);
    ex.getResponseSender().send(ByteBuffer.wrap(body));
  }

  /** Reads a JSON object body; an empty body gives an empty object. */
  static JsonNode readBody(HttpServerExchange ex, String what) throws java.io.IOException {
    byte[] raw = ex.getInputStream().readNBytes(Limits.MAX_BODY_BYTES + 1);
    if (raw.length > Limits.MAX_BODY_BYTES) {
      throw calendarbot.error.InvalidRequestException.of(
          "body", "at most " + Limits.MAX_BODY_BYTES + " bytes", raw.length + "+ bytes");
    }
    if (raw.length == 0) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode n = MAPPER.readTree(raw);
      if (n == null || !n.isObject()) {
        throw calendarbot.error.InvalidRequestException.of(
            "body",
            "a JSON object for " + what,
            new String(raw, java.nio.charset.StandardCharsets.UTF_8));
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new calendarbot.error.InvalidRequestException(
          "body",
          "body must be a JSON object for "
              + what
              + ", but could not be parsed: "
              + e.getOriginalMessage());
    }
  }

  /** Request limits of the HTTP edge. */
  static final class Limits {
    static final int MAX_BODY_BYTES = 64 * 1024;

    private Limits() {}
  }
}
