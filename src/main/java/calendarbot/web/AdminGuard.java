package calendarbot.web;

import calendarbot.config.AdminConfig;
import calendarbot.error.AccessDeniedException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Set;

/**
 * Protects the control surface in front of every route: {@code /api/admin/**} (every method) and
 * every write (any method but GET, HEAD and OPTIONS) except the two read-only POSTs ({@code POST
 * /api/settings/validate}, {@code POST /api/whats-next/data}). Writes are denied by default, so a
 * write route added later is protected without being listed here.
 *
 * <p>A guarded request needs {@code Authorization: Bearer <admin token>}. Without a configured
 * token every guarded endpoint answers 403 and says how to enable it; a missing or wrong token
 * answers 401. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so
 * neither the content nor the length of the token leaks through timing; the token itself is never
 * kept, logged or shown. A guarded write then takes one write from the client's {@link
 * WriteLimiter} bucket (429 past it).
 *
 * <p>The token is read once, from the configuration at start ({@code admin.token} or {@code
 * admin.token_file}); changing it needs a restart. Thread-safe.
 */
final class AdminGuard implements HttpHandler {
  static final String ADMIN_PREFIX = "/api/admin";

  /** The writes that change nothing and stay open. */
  static final Set<String> OPEN_POSTS = Set.of("/api/settings/validate", "/api/whats-next/data");

  static final String HOW_TO_ENABLE =
      "set CALENDARBOT_ADMIN_TOKEN (or admin.token_file in the config file) to a secret of at least "
          + AdminConfig.MIN_TOKEN_LENGTH
          + " characters, e.g. from `openssl rand -hex 24`, and restart";

  private static final String BEARER = "bearer ";

  private final HttpHandler next;
  private final byte[] tokenDigest;
  private final WriteLimiter limiter;

  /**
   * @param next what a permitted request reaches (the router)
   * @param admin the token (or none: the control surface is disabled)
   * @param limiter every guarded write passes it
   */
  AdminGuard(HttpHandler next, AdminConfig admin, WriteLimiter limiter) {
    this.next = next;
    this.tokenDigest = admin.configuredToken().map(AdminGuard::sha256).orElse(null);
    this.limiter = limiter;
  }

  /** Whether the control surface is enabled (a token is configured). */
  boolean enabled() {
    return tokenDigest != null;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    HttpString method = ex.getRequestMethod();
    if (!guarded(method.toString(), ex.getRequestPath())) {
      next.handleRequest(ex);
      return;
    }
    try {
      check(ex);
      if (isWrite(method)) {
        limiter.acquire(ClientIds.of(ex));
      }
    } catch (RuntimeException e) {
      Problems.send(ex, e);
      return;
    }
    next.handleRequest(ex);
  }

  /** Throws unless {@code ex} carries the admin token. */
  void check(HttpServerExchange ex) {
    String what = ex.getRequestMethod() + " " + ex.getRequestPath();
    if (tokenDigest == null) {
      throw new AccessDeniedException(
          AccessDeniedException.Reason.DISABLED,
          what
              + " is disabled because no admin token is configured; to enable it, "
              + HOW_TO_ENABLE);
    }
    String auth = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (auth == null
        || auth.length() <= BEARER.length()
        || !auth.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      throw new AccessDeniedException(
          AccessDeniedException.Reason.MISSING_TOKEN,
          what + " needs the admin token: send the header 'Authorization: Bearer <token>'");
    }
    if (!matches(tokenDigest, auth.substring(BEARER.length()).strip())) {
      throw new AccessDeniedException(
          AccessDeniedException.Reason.WRONG_TOKEN,
          what + " was refused: the bearer token is not the admin token");
    }
  }

  /**
   * Whether {@code presented} is the token whose SHA-256 digest is {@code expectedDigest}, in time
   * independent of where they differ and of the presented token's length.
   */
  static boolean matches(byte[] expectedDigest, String presented) {
    return MessageDigest.isEqual(expectedDigest, sha256(presented));
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }

  /** The policy: whether {@code method path} needs the admin token. */
  static boolean guarded(String method, String path) {
    String p = normalize(path);
    if (p.equals(ADMIN_PREFIX) || p.startsWith(ADMIN_PREFIX + "/")) {
      return true;
    }
    return isWrite(HttpString.tryFromString(method)) && !OPEN_POSTS.contains(p);
  }

  private static boolean isWrite(HttpString method) {
    return !(method.equals(Methods.GET)
        || method.equals(Methods.HEAD)
        || method.equals(Methods.OPTIONS));
  }

  /** Lower case, no repeated or trailing slashes: no spelling of a path slips past the policy. */
  private static String normalize(String path) {
    String p = path.toLowerCase(Locale.ROOT).replaceAll("/{2,}", "/");
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
