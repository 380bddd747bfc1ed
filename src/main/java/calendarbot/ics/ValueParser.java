package calendarbot.ics;

import calendarbot.event.EventLength;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses iCalendar value types (RFC 5545 3.3): DATE, DATE-TIME, DURATION, UTC-OFFSET and TEXT.
 * Stateless. Parse failures throw {@link IllegalArgumentException} naming the bad value.
 */
final class ValueParser {
  private ValueParser() {}

  /** Whether {@code v} is a DATE value ({@code 20260301}). */
  static boolean isDate(String v) {
    return v.length() == 8 && v.indexOf('T') < 0;
  }

  static LocalDate date(String v) {
    v = v.trim();
    if (v.length() < 8) {
      throw new IllegalArgumentException("'" + v + "' is not a DATE (expected YYYYMMDD)");
    }
    try {
      return LocalDate.of(num(v, 0, 4), num(v, 4, 6), num(v, 6, 8));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + v + "' is not a DATE (expected YYYYMMDD)", e);
    }
  }

  /** A DATE-TIME without its trailing {@code Z}; {@link #isUtc} tells whether it had one. */
  static LocalDateTime localDateTime(String v) {
    v = v.trim();
    // Some writers omit seconds (YYYYMMDDTHHMM); accept that, reject anything else.
    if ((v.length() != 15 && v.length() != 16 && v.length() != 13 && v.length() != 14)
        || v.charAt(8) != 'T') {
      throw new IllegalArgumentException(
          "'" + v + "' is not a DATE-TIME (expected YYYYMMDDTHHMMSS[Z])");
    }
    try {
      int second = v.length() >= 15 ? num(v, 13, 15) : 0;
      // 60 is a leap second, which java.time cannot represent: read it as :59.
      return LocalDateTime.of(
          num(v, 0, 4),
          num(v, 4, 6),
          num(v, 6, 8),
          num(v, 9, 11),
          num(v, 11, 13),
          Math.min(second, 59));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + v + "' is not a DATE-TIME (expected YYYYMMDDTHHMMSS[Z])", e);
    }
  }

  static boolean isUtc(String v) {
    v = v.trim();
    return v.endsWith("Z") || v.endsWith("z");
  }

  static Instant utc(String v) {
    return localDateTime(v).toInstant(ZoneOffset.UTC);
  }

  private static int num(String v, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a digit: '" + c + "'");
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /**
   * An event's DURATION ({@code P1W}, {@code P1DT2H}, {@code PT1H30M}): weeks and days are kept as
   * nominal days, hours, minutes and seconds as the exact part.
   *
   * @throws IllegalArgumentException when malformed, negative ({@code -PT15M}: an event cannot end
   *     before it starts) or too long
   */
  static EventLength duration(String v) {
    String s = v.trim();
    boolean negative = false;
    int i = 0;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    if (i >= s.length() || s.charAt(i) != 'P') {
      throw notDuration(v);
    }
    i++;
    long days = 0;
    long seconds = 0;
    boolean time = false;
    boolean any = false;
    long n = -1;
    try {
      for (; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
          n = Math.addExact(Math.multiplyExact(n < 0 ? 0 : n, 10), c - '0');
          continue;
        }
        if (c == 'T') {
          time = true;
          continue;
        }
        if (n < 0) {
          throw notDuration(v);
        }
        switch (c) {
          case 'W' -> days = Math.addExact(days, Math.multiplyExact(n, 7));
          case 'D' -> days = Math.addExact(days, n);
          case 'H', 'M', 'S' -> {
            if (!time) {
              throw notDuration(v);
            }
            long unit = c == 'H' ? 3600L : c == 'M' ? 60L : 1L;
            seconds = Math.addExact(seconds, Math.multiplyExact(n, unit));
          }
          default -> throw notDuration(v);
        }
        n = -1;
        any = true;
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + v + "' is too long a DURATION", e);
    }
    if (!any || n >= 0) {
      throw notDuration(v);
    }
    if (negative && (days > 0 || seconds > 0)) {
      throw new IllegalArgumentException("DURATION '" + v + "' is negative");
    }
    return new EventLength(days, Duration.ofSeconds(seconds));
  }

  private static IllegalArgumentException notDuration(String v) {
    return new IllegalArgumentException("'" + v + "' is not a DURATION (e.g. PT1H30M, P1D)");
  }

  /** {@code +0100}, {@code -0500}, {@code +053000}. */
  static ZoneOffset utcOffset(String v) {
    String s = v.trim();
    if (s.length() != 5 && s.length() != 7 || (s.charAt(0) != '+' && s.charAt(0) != '-')) {
      throw new IllegalArgumentException("'" + v + "' is not a UTC-OFFSET (e.g. +0100)");
    }
    int sign = s.charAt(0) == '-' ? -1 : 1;
    int h = num(s, 1, 3);
    int m = num(s, 3, 5);
    int sec = s.length() == 7 ? num(s, 5, 7) : 0;
    return ZoneOffset.ofHoursMinutesSeconds(sign * h, sign * m, sign * sec);
  }

  /** Unescapes TEXT: {@code \\}, {@code \;}, {@code \,}, {@code \n} and {@code \N}. */
  static String text(String v) {
    if (v.indexOf('\\') < 0) {
      return v;
    }
    StringBuilder out = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        char e = v.charAt(++i);
        switch (e) {
          case 'n', 'N' -> out.append('\n');
          case '\\', ';', ',' -> out.append(e);
          // An unknown escape is kept as written rather than losing a character.
          default -> out.append(c).append(e);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Splits a multi-valued property on unescaped commas. */
  static String[] list(String v) {
    return v.split(",");
  }
}
