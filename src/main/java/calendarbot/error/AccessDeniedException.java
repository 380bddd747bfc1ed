package calendarbot.error;

/**
 * A request to the control surface (admin API, settings writes, cache invalidation) without the
 * right to make it. {@link Reason#DISABLED} maps to HTTP 403 (no token is configured, so nobody
 * may); the others to 401 with {@code WWW-Authenticate: Bearer}.
 */
public final class AccessDeniedException extends CalendarBotException {
  private static final long serialVersionUID = 1L;

  /** Why the request was refused. */
  public enum Reason {
    /** No admin token is configured: the endpoint is disabled, not open. */
    DISABLED,
    /** The request carries no bearer token. */
    MISSING_TOKEN,
    /** The request's token is not the configured one. */
    WRONG_TOKEN
  }

  private final Reason reason;

  /**
   * @param message what was refused and how to get access
   */
  public AccessDeniedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
