package calendarbot.error;

/**
 * A feed body is not a usable iCalendar document (HTML, truncated, broken syntax). Carries the line
 * number when one is known ({@code -1} otherwise).
 */
public final class MalformedFeedException extends CalendarBotException {
  private static final long serialVersionUID = 1L;
  private final int line;

  public MalformedFeedException(String message, int line) {
    super(message);
    this.line = line;
  }

  public MalformedFeedException(String message, int line, Throwable cause) {
    super(message, cause);
    this.line = line;
  }

  public int line() {
    return line;
  }
}
