package calendarbot.config;

import calendarbot.error.ConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the textual forms config values take in YAML, environment variables and flags. */
final class ConfigValues {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|k|mb|m|gb|g)?");

  private ConfigValues() {}

  /** "500ms", "30s", "5m", "2h", "14d" or ISO-8601 ("PT30S"). */
  static Duration duration(String key, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(t);
    if (m.matches()) {
      try {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      } catch (NumberFormatException | ArithmeticException e) {
        throw new ConfigException(key, "a duration of a sensible size, such as 30s or 14d", text);
      }
    }
    try {
      return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new ConfigException(key, "a duration such as 500ms, 30s, 5m, 2h, 14d or PT30S", text);
    }
  }

  /** "20MB", "512KB", "1048576" (bytes, binary multiples). */
  static long bytes(String key, String text) {
    Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(key, "a size such as 20MB, 512KB or a number of bytes", text);
    }
    String unit = m.group(2) == null ? "b" : m.group(2);
    try {
      long n = Long.parseLong(m.group(1));
      return switch (unit) {
        case "k", "kb" -> Math.multiplyExact(n, 1024L);
        case "m", "mb" -> Math.multiplyExact(n, 1024L * 1024);
        case "g", "gb" -> Math.multiplyExact(n, 1024L * 1024 * 1024);
        default -> n;
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ConfigException(key, "a size of a sensible magnitude, such as 20MB", text);
    }
  }

  static boolean bool(String key, String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(key, "true or false", text);
    };
  }

  static int integer(String key, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "a whole number", text);
    }
  }

  static double decimal(String key, String text) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "a number", text);
    }
  }

  static ZoneId zone(String key, String text) {
    try {
      return ZoneId.of(text.strip());
    } catch (DateTimeException e) {
      throw new ConfigException(
          key, "an IANA time zone such as Europe/Berlin or America/New_York", text);
    }
  }

  static Path path(String key, String text) {
    String t = text.strip();
    if (t.equals("~") || t.startsWith("~/")) {
      t = System.getProperty("user.home") + t.substring(1);
    }
    try {
      return Path.of(t);
    } catch (InvalidPathException e) {
      throw new ConfigException(key, "a file system path", text);
    }
  }
}
