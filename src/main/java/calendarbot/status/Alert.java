package calendarbot.status;

/**
 * One active warning, as {@code /api/status} lists it under {@code alerts}.
 *
 * @param code what kind of problem, a stable code: {@code memory_soft}, {@code memory_hard}, {@code
 *     source_stale}, {@code breaker_open}, {@code pool_saturated}, {@code executor_backlog}
 * @param subject what it is about: {@code memory}, {@code source:<id>}, {@code breaker:<name>}, or
 *     the pool or executor named by the check; one alert per (code, subject)
 * @param message the diagnostic: who, what, the numbers, since when
 * @param since when the condition began (ISO-8601 UTC): from the state behind the rule when it
 *     knows (memory level, breaker state, last success), else when this server first saw it
 */
public record Alert(String code, Severity severity, String subject, String message, String since) {
  /** How urgent an alert is; names are stable codes. */
  public enum Severity {
    /** Degraded, still serving normally. */
    WARNING,
    /** Serving with a feature shed (the cache cleared, a fallback answering). */
    CRITICAL
  }
}
