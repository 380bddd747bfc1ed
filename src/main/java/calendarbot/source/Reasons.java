package calendarbot.source;

/**
 * Stable failure codes of this package, stored in {@code SourceState.lastErrorReason} and shown by
 * the status API (see {@link calendarbot.error.FeedException#reason()}).
 */
final class Reasons {
  static final String TIMEOUT = "TIMEOUT";
  static final String HTTP_STATUS = "HTTP_STATUS";
  static final String NOT_ICS = "NOT_ICS";
  static final String TOO_LARGE = "TOO_LARGE";
  static final String TOO_MANY_REDIRECTS = "TOO_MANY_REDIRECTS";
  static final String TLS = "TLS";
  static final String MALFORMED = "MALFORMED";
  static final String NOT_FOUND = "NOT_FOUND";
  static final String IO = "IO";

  /** The database refused the new data or state. */
  static final String STORAGE = "STORAGE";

  /** A bug: an unexpected runtime exception while refreshing. */
  static final String INTERNAL = "INTERNAL";

  /** The source's circuit breaker is open: not fetched this time, data kept. */
  static final String BREAKER_OPEN = "BREAKER_OPEN";

  private Reasons() {}
}
