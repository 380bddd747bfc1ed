package calendarbot.status;

import java.util.List;

/**
 * The answer of {@code /health}.
 *
 * @param status {@link #UP}, {@link #DEGRADED} or {@link #DOWN}
 * @param reasons why the status is not {@code UP}, one line per problem, each naming the source or
 *     the database and what is wrong
 */
public record Health(String status, List<String> reasons, List<SourceStatus> sources) {
  public static final String UP = "UP";
  public static final String DEGRADED = "DEGRADED";

  /** Stored data cannot be read: the only state in which the server cannot serve at all. */
  public static final String DOWN = "DOWN";

  public Health {
    reasons = List.copyOf(reasons);
    sources = List.copyOf(sources);
  }
}
