package calendarbot.error;

/** The database failed. Maps to HTTP 503: the server cannot currently serve stored data. */
public final class StorageException extends CalendarBotException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
