package calendarbot.pipeline;

/**
 * The kinds of request the pipeline knows. Codes are stable: they appear in keys, stats, metrics
 * and the admin API.
 */
public enum RequestType {
  WHATS_NEXT("whats_next", true),
  EVENTS_BY_RANGE("events_by_range", true),
  SETTINGS("settings", true),
  IMAGE("image", true),
  /**
   * Answers about the present moment (status with uptime, health, a settings export with its time):
   * they pass the pipeline for its stats but are never cached.
   */
  STATUS("status", false);

  private final String code;
  private final boolean cacheable;

  RequestType(String code, boolean cacheable) {
    this.code = code;
    this.cacheable = cacheable;
  }

  public String code() {
    return code;
  }

  /** Whether answers of this type may be cached at all. */
  public boolean cacheable() {
    return cacheable;
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
