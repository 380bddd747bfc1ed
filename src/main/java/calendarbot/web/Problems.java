package calendarbot.web;

import calendarbot.error.AccessDeniedException;
import calendarbot.error.CalendarBotException;
import calendarbot.error.ConfigException;
import calendarbot.error.FeedException;
import calendarbot.error.FieldProblem;
import calendarbot.error.InvalidRequestException;
import calendarbot.error.InvalidSettingsException;
import calendarbot.error.NotFoundException;
import calendarbot.error.RetryLaterException;
import calendarbot.error.StorageException;
import calendarbot.error.TooManyInstancesException;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become RFC 9457 problem details ({@code application/problem+json}).
 * Every route's failure passes through {@link #send}.
 */
final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  /**
   * A problem body.
   *
   * @param type a stable relative URI naming the kind of problem
   * @param parameter the offending parameter, for 400s
   * @param errors every broken rule, for a rejected settings document
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Problem(
      String type,
      String title,
      int status,
      String detail,
      String instance,
      String parameter,
      List<FieldError> errors) {
    Problem(
        String type, String title, int status, String detail, String instance, String parameter) {
      this(type, title, status, detail, instance, parameter, null);
    }
  }

  /** One entry of {@link Problem#errors}. */
  record FieldError(String field, String rule, String value, String message) {
    static FieldError of(FieldProblem p) {
      return new FieldError(p.field(), p.rule(), p.value(), p.message());
    }
  }

  static void send(HttpServerExchange ex, Throwable error) {
    Problem p = of(error, ex.getRequestPath());
    if (error instanceof RetryLaterException r && !ex.isResponseStarted()) {
      ex.getResponseHeaders().put(io.undertow.util.Headers.RETRY_AFTER, r.retryAfterSeconds());
    }
    if (error instanceof RetryLaterException) {
      // Expected under load: one line, no stack trace.
      LOG.warn(
          "web: {} {} -> {} {}",
          ex.getRequestMethod(),
          ex.getRequestPath(),
          p.status(),
          p.detail());
    } else if (p.status() >= 500) {
      LOG.error(
          "web: {} {} failed: {}",
          ex.getRequestMethod(),
          ex.getRequestPath(),
          error.toString(),
          error);
    } else {
      LOG.debug(
          "web: {} {} -> {} {}",
          ex.getRequestMethod(),
          ex.getRequestPath(),
          p.status(),
          p.detail());
    }
    send(ex, p);
  }

  static void send(HttpServerExchange ex, Problem p) {
    if (ex.isResponseStarted()) {
      return;
    }
    if (p.status() == 401) {
      ex.getResponseHeaders().put(io.undertow.util.Headers.WWW_AUTHENTICATE, "Bearer");
    }
    Json.send(ex, p.status(), "application/problem+json", Json.bytes(p));
  }

  static Problem of(Throwable e, String path) {
    if (e instanceof InvalidRequestException ir) {
      return new Problem(
          "/problems/invalid-request",
          "Invalid request",
          400,
          ir.getMessage(),
          path,
          ir.parameter());
    }
    if (e instanceof InvalidSettingsException is) {
      return new Problem(
          "/problems/invalid-settings",
          "Invalid settings",
          400,
          is.getMessage(),
          path,
          null,
          is.problems().stream().map(FieldError::of).toList());
    }
    if (e instanceof AccessDeniedException a) {
      return a.reason() == AccessDeniedException.Reason.DISABLED
          ? new Problem(
              "/problems/admin-disabled", "Admin API disabled", 403, a.getMessage(), path, null)
          : new Problem("/problems/unauthorized", "Unauthorized", 401, a.getMessage(), path, null);
    }
    if (e instanceof RetryLaterException r) {
      return r.kind() == RetryLaterException.Kind.RATE_LIMITED
          ? new Problem(
              "/problems/rate-limited", "Too many requests", 429, r.getMessage(), path, null)
          : new Problem("/problems/overloaded", "Overloaded", 503, r.getMessage(), path, null);
    }
    if (e instanceof TooManyInstancesException t) {
      return new Problem(
          "/problems/too-many-instances", "Too many instances", 422, t.getMessage(), path, null);
    }
    if (e instanceof NotFoundException n) {
      return new Problem("/problems/not-found", "Not found", 404, n.getMessage(), path, null);
    }
    if (e instanceof StorageException s) {
      return new Problem(
          "/problems/storage-unavailable", "Storage unavailable", 503, s.getMessage(), path, null);
    }
    if (e instanceof FeedException f) {
      return new Problem("/problems/feed-failed", "Feed failed", 502, f.getMessage(), path, null);
    }
    if (e instanceof ConfigException c) {
      return new Problem(
          "/problems/invalid-config", "Invalid configuration", 400, c.getMessage(), path, c.key());
    }
    if (e instanceof CalendarBotException c) {
      return new Problem("/problems/error", "Error", 500, c.getMessage(), path, null);
    }
    return new Problem(
        "/problems/internal-error",
        "Internal error",
        500,
        "unexpected " + e.getClass().getSimpleName() + "; see the server log for details",
        path,
        null);
  }

  static Problem notFound(String path) {
    return new Problem(
        "/problems/not-found",
        "Not found",
        404,
        "no resource at " + path + "; see the README for the endpoints",
        path,
        null);
  }

  static Problem methodNotAllowed(String method, String path) {
    return new Problem(
        "/problems/method-not-allowed",
        "Method not allowed",
        405,
        method + " is not supported on " + path,
        path,
        null);
  }
}
