package calendarbot.ics;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One unfolded content line (RFC 5545 3.1): {@code NAME;PARAM=value:VALUE}. Names and parameter
 * names are upper-cased; parameter values lose their surrounding quotes; the value is raw (not
 * unescaped).
 *
 * @param line the 1-based physical line on which the content line starts
 */
record ContentLine(String name, Map<String, String> params, String value, int line) {

  /** The parameter value, or {@code null}. */
  String param(String key) {
    return params.get(key);
  }

  /**
   * Splits a logical line into name, parameters and value.
   *
   * @return {@code null} when the line has no {@code :} separating name and value
   */
  static ContentLine parse(String text, int line) {
    int n = text.length();
    int i = 0;
    while (i < n && text.charAt(i) != ';' && text.charAt(i) != ':') {
      i++;
    }
    if (i == n || i == 0) {
      return null;
    }
    String name = text.substring(0, i).trim().toUpperCase(Locale.ROOT);
    if (text.charAt(i) == ':') {
      return new ContentLine(name, Map.of(), text.substring(i + 1), line);
    }
    Map<String, String> params = new HashMap<>(4);
    // i points at ';' here; read NAME=value pairs until the unquoted ':'.
    while (i < n && text.charAt(i) == ';') {
      int keyStart = ++i;
      while (i < n && text.charAt(i) != '=' && text.charAt(i) != ';' && text.charAt(i) != ':') {
        i++;
      }
      if (i == n) {
        return null;
      }
      String key = text.substring(keyStart, i).trim().toUpperCase(Locale.ROOT);
      if (text.charAt(i) != '=') {
        params.put(key, ""); // a bare parameter name, tolerated
        continue;
      }
      i++;
      StringBuilder value = new StringBuilder();
      boolean quoted = false;
      while (i < n) {
        char c = text.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && (c == ';' || c == ':')) {
          break;
        } else {
          value.append(c);
        }
        i++;
      }
      if (i == n) {
        return null;
      }
      params.put(key, value.toString());
    }
    if (i >= n || text.charAt(i) != ':') {
      return null;
    }
    return new ContentLine(name, params, text.substring(i + 1), line);
  }
}
