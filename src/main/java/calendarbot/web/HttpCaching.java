package calendarbot.web;

import calendarbot.pipeline.CachedResponse;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Entity tags and conditional requests (RFC 9110 8.8.3, 13.1.2), the same for every route. */
final class HttpCaching {
  private HttpCaching() {}

  /** A strong validator for {@code body}: {@link CachedResponse#strongEtag}. */
  static String strongEtag(byte[] body) {
    return CachedResponse.strongEtag(body);
  }

  /**
   * Whether an {@code If-None-Match} value names {@code etag}: {@code *} or a comma-separated list
   * of entity tags compared weakly (a {@code W/} prefix on either side is ignored), as RFC 9110
   * requires for {@code If-None-Match}.
   */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String want = opaque(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*") || opaque(c).equals(want)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sets {@code etag}; when the request's {@code If-None-Match} names it, ends the exchange with
   * 304 (the headers already set, no body) and returns true.
   */
  static boolean notModified(HttpServerExchange ex, String etag) {
    ex.getResponseHeaders().put(Headers.ETAG, etag);
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    if (!matches(ex.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH), etag)) {
      return false;
    }
    ex.setStatusCode(304);
    ex.getResponseHeaders().remove(Headers.CONTENT_TYPE);
    ex.endExchange();
    return true;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
