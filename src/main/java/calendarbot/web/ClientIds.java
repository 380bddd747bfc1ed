package calendarbot.web;

import calendarbot.error.InvalidRequestException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.regex.Pattern;

/**
 * The client id of a request, the subject of per-client feature flags and of the write rate limit:
 * the {@value #HEADER} header, else the {@value #COOKIE} cookie the kiosk page sets once, else the
 * remote address. A client id is 1–64 characters of {@code [A-Za-z0-9._:-]}.
 */
final class ClientIds {
  /** The header a kiosk or script may send to name itself. */
  static final String HEADER = "X-Client-Id";

  /** The cookie the page sets once (a random id). */
  static final String COOKIE = "cb_client";

  static final String RULE = "1-64 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'";

  private static final HttpString HEADER_NAME = HttpString.tryFromString(HEADER);
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private ClientIds() {}

  /**
   * The client id of {@code ex}.
   *
   * @throws InvalidRequestException if the {@value #HEADER} header is present but not a valid id
   *     (an invalid cookie is ignored instead: a browser cannot be told to fix it)
   */
  static String of(HttpServerExchange ex) {
    String header = ex.getRequestHeaders().getFirst(HEADER_NAME);
    if (header != null) {
      if (!valid(header)) {
        throw InvalidRequestException.of(HEADER, RULE, shorten(header));
      }
      return header;
    }
    Cookie cookie = ex.getRequestCookie(COOKIE);
    if (cookie != null && valid(cookie.getValue())) {
      return cookie.getValue();
    }
    return remote(ex);
  }

  static boolean valid(String id) {
    return id != null && VALID.matcher(id).matches();
  }

  private static String remote(HttpServerExchange ex) {
    InetSocketAddress a = ex.getSourceAddress();
    if (a == null) {
      return "unknown";
    }
    return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
  }

  /** An invalid value as a message shows it: at most 80 characters, so a huge header stays out. */
  private static String shorten(String v) {
    return v.length() <= 80
        ? "'" + v + "'"
        : "'" + v.substring(0, 77) + "...' (" + v.length() + " characters)";
  }
}
