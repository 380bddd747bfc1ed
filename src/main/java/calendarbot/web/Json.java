package calendarbot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

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

  static void send(HttpServerExchange ex, int status, Object body) {
    send(ex, status, "application/json", bytes(body));
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
