package calendarbot.error;

/** A request parameter or body is missing or invalid. Maps to HTTP 400. */
public final class InvalidRequestException extends CalendarBotException {
  private static final long serialVersionUID = 1L;
  private final String parameter;

  /**
   * @param parameter the offending parameter or field name
   * @param message full message of the form "{@code <parameter> must be <rule>, but was <value>}"
   */
  public InvalidRequestException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  /** Builds the standard "{@code <key> must be <rule>, but was <value>}" message. */
  public static InvalidRequestException of(String parameter, String rule, Object value) {
    return new InvalidRequestException(
        parameter, parameter + " must be " + rule + ", but was " + quote(value));
  }

  public String parameter() {
    return parameter;
  }

  static String quote(Object value) {
    return value == null ? "missing" : "'" + value + "'";
  }
}
