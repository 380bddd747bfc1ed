package calendarbot.error;

/** The addressed resource does not exist. Maps to HTTP 404. */
public final class NotFoundException extends CalendarBotException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
