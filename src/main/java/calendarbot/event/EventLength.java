package calendarbot.event;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an event lasts, as iCalendar states it (RFC 5545 3.3.6): a number of nominal days and an
 * exact duration. A nominal day ends at the same local time on the next day, 23 or 25 hours later
 * across a DST change; the exact part is added after the days. A length taken from DTEND − DTSTART
 * is exact (RFC 5545 3.8.5.3); {@code DURATION:P1D} is one nominal day.
 *
 * @param days nominal days (weeks × 7 + days), 0 or more
 * @param exact the exact part, zero or positive
 */
public record EventLength(long days, Duration exact) {
  public static final EventLength ZERO = new EventLength(0, Duration.ZERO);

  private static final Pattern TEXT = Pattern.compile("P(\\d+)D(T.*)?");

  public EventLength {
    Objects.requireNonNull(exact, "exact");
    if (days < 0 || exact.isNegative()) {
      throw new IllegalArgumentException(
          "an event length must not be negative, but was " + days + " days and " + exact);
    }
  }

  /** An exact length (from DTEND − DTSTART, or a DURATION without days). */
  public static EventLength exact(Duration exact) {
    return new EventLength(0, exact);
  }

  /** {@code days} nominal days (an all-day event, or {@code DURATION:P<days>D}). */
  public static EventLength ofDays(long days) {
    return new EventLength(days, Duration.ZERO);
  }

  /**
   * The length with each nominal day taken as 24 hours: exact where no DST change is crossed,
   * otherwise off by the shifts crossed. For bounds and slack, never for an instance's end.
   */
  public Duration approximate() {
    return Duration.ofDays(days).plus(exact);
  }

  /**
   * The stored text form: an ISO-8601 duration ({@code PT1H30M}) when there are no nominal days,
   * else {@code P<days>D} followed by the exact part's time section ({@code P1DT2H}).
   */
  @Override
  public String toString() {
    if (days == 0) {
      return exact.toString();
    }
    return "P" + days + "D" + (exact.isZero() ? "" : exact.toString().substring(1));
  }

  /**
   * Reads {@link #toString()}'s form.
   *
   * @throws IllegalArgumentException if {@code text} is not of that form
   */
  public static EventLength parse(String text) {
    Matcher m = TEXT.matcher(text);
    try {
      if (m.matches()) {
        return new EventLength(
            Long.parseLong(m.group(1)),
            m.group(2) == null ? Duration.ZERO : Duration.parse("P" + m.group(2)));
      }
      return exact(Duration.parse(text));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an event length: '" + text + "'", e);
    }
  }
}
