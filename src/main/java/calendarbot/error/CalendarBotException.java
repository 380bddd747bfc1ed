package calendarbot.error;

/**
 * Root of CalendarBot's error vocabulary. Every failure that can reach a user is one of these
 * subclasses; the web layer maps each to an RFC 9457 problem body in one place.
 *
 * <p>Messages are diagnostics and part of the API: they say what failed, where, the state, and how
 * to fix it.
 */
public class CalendarBotException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CalendarBotException(String message) {
    super(message);
  }

  public CalendarBotException(String message, Throwable cause) {
    super(message, cause);
  }
}
