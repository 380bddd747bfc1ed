package calendarbot.error;

/**
 * Fetching a source failed. {@link #reason()} is a stable code (e.g. {@code TIMEOUT}, {@code
 * HTTP_STATUS}, {@code NOT_ICS}, {@code TOO_LARGE}, {@code TLS}, {@code MALFORMED}, {@code IO})
 * used in source state, metrics and the API.
 */
public final class FeedException extends CalendarBotException {
  private static final long serialVersionUID = 1L;
  private final String sourceId;
  private final String reason;

  public FeedException(String sourceId, String reason, String message) {
    super(message);
    this.sourceId = sourceId;
    this.reason = reason;
  }

  public FeedException(String sourceId, String reason, String message, Throwable cause) {
    super(message, cause);
    this.sourceId = sourceId;
    this.reason = reason;
  }

  public String sourceId() {
    return sourceId;
  }

  public String reason() {
    return reason;
  }
}
