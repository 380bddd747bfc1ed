package calendarbot.ics;

import java.nio.charset.StandardCharsets;

/**
 * Writes iCalendar content lines: TEXT escaping (RFC 5545 3.3.11) and folding at 75 octets (3.1).
 * Used for the bundled demo calendar and by tests and benchmarks that generate feeds; it can also
 * fold the way sloppy producers do (inside a UTF-8 character), to test the parser against them.
 */
public final class IcsWriter {
  private IcsWriter() {}

  /** Escapes TEXT (RFC 5545 3.3.11): backslash, semicolon, comma and newline. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case ';' -> out.append("\\;");
        case ',' -> out.append("\\,");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Folds one content line into physical lines of at most 75 octets joined by CRLF + space, and
   * ends it with CRLF.
   *
   * @param splitCharacters when true, folds at exactly 75 octets even inside a multi-byte UTF-8
   *     character, as some producers do; otherwise only between characters
   * @return the folded line as UTF-8 bytes
   */
  public static byte[] fold(String line, boolean splitCharacters) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length + 16);
    int pos = 0;
    int limit = 75; // the first physical line holds 75 octets, continuations 74 after the space
    while (bytes.length - pos > limit) {
      int cut = pos + limit;
      if (!splitCharacters) {
        while (cut > pos + 1 && (bytes[cut] & 0xC0) == 0x80) {
          cut--; // back up to the start of the character
        }
      }
      out.write(bytes, pos, cut - pos);
      out.write('\r');
      out.write('\n');
      out.write(' ');
      pos = cut;
      limit = 74;
    }
    out.write(bytes, pos, bytes.length - pos);
    out.write('\r');
    out.write('\n');
    return out.toByteArray();
  }

  /** {@link #fold(String, boolean)} without splitting characters, as a string. */
  public static String fold(String line) {
    return new String(fold(line, false), StandardCharsets.UTF_8);
  }
}
