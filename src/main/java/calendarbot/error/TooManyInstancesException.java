package calendarbot.error;

/**
 * A query would expand to more instances than the configured cap. Maps to HTTP 422: the request is
 * well-formed but must ask for a narrower window.
 */
public final class TooManyInstancesException extends CalendarBotException {
  private static final long serialVersionUID = 1L;
  private final int limit;

  public TooManyInstancesException(String message, int limit) {
    super(message);
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }
}
