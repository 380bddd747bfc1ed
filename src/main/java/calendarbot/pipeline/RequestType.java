package calendarbot.pipeline;

/**
 * The kinds of request the pipeline knows. Codes are stable: they appear in keys, stats, metrics
 * and the admin API.
 */
public enum RequestType {
  WHATS_NEXT("whats_next"),
  EVENTS_BY_RANGE("events_by_range"),
  SETTINGS("settings"),
  STATUS("status"),
  IMAGE("image");

  private final String code;

  RequestType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The type with {@code code}, or {@code null}. */
  public static RequestType ofCode(String code) {
    for (RequestType t : values()) {
      if (t.code.equals(code)) {
        return t;
      }
    }
    return null;
  }
}
