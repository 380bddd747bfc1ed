package calendarbot.error;

/**
 * A configuration value breaks its rule. At startup this ends the process with exit code 2; the
 * message has the form "{@code <key> must be <rule>, but was <value>}".
 */
public final class ConfigException extends CalendarBotException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public ConfigException(String key, String rule, Object value) {
    super(key + " must be " + rule + ", but was " + InvalidRequestException.quote(value));
    this.key = key;
  }

  /**
   * A message that does not fit the key/rule/value form (e.g. an unreadable file); {@code cause}
   * first so a {@code null} value can never select this constructor by accident.
   */
  public ConfigException(String key, Throwable cause, String message) {
    super(message, cause);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
