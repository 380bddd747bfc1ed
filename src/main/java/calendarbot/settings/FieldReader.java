package calendarbot.settings;

import calendarbot.error.FieldProblem;
import calendarbot.error.InvalidSettingsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads typed fields out of a JSON document while collecting every broken rule as a {@link
 * FieldProblem} with its JSON path, instead of stopping at the first. A broken field yields its
 * default so a reader can go on (and a lenient caller can use the result).
 *
 * <p>JSON {@code null} counts as absent. Not thread-safe: one reader per document.
 */
final class FieldReader {
  private final List<FieldProblem> problems = new ArrayList<>();

  /** The result of reading a document: a value (defaults for broken parts) and every problem. */
  record Bound<T>(T value, List<FieldProblem> problems) {
    Bound {
      problems = List.copyOf(problems);
    }

    /**
     * The value when nothing was broken.
     *
     * @throws InvalidSettingsException listing every problem otherwise
     */
    T valid() {
      if (!problems.isEmpty()) {
        throw new InvalidSettingsException(problems);
      }
      return value;
    }
  }

  <T> Bound<T> bound(T value) {
    return new Bound<>(value, problems);
  }

  int problemCount() {
    return problems.size();
  }

  void problem(String field, String rule, JsonNode value) {
    problems.add(new FieldProblem(field, rule, text(value)));
  }

  void problem(String field, String rule, String value) {
    problems.add(new FieldProblem(field, rule, value));
  }

  static String path(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  static String text(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return null;
    }
    return n.isTextual() ? n.asText() : n.toString();
  }

  /** The field, or {@code null} when absent or JSON null. */
  static JsonNode field(JsonNode object, String name) {
    JsonNode n = object.get(name);
    return n == null || n.isNull() ? null : n;
  }

  /**
   * Whether {@code node} is an object; records a problem when it is present but not one. Absent
   * ({@code null}) is not an object and not a problem.
   */
  boolean object(JsonNode node, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return false;
    }
    if (!node.isObject()) {
      problem(path.isEmpty() ? "body" : path, "a JSON object", node);
      return false;
    }
    return true;
  }

  /** Records a problem for every field of {@code object} not in {@code known}. */
  void onlyKnown(JsonNode object, String path, List<String> known) {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        problem(path(path, name), "a known field (one of " + String.join(", ", known) + ")", name);
      }
    }
  }

  boolean bool(JsonNode object, String path, String name, boolean fallback) {
    JsonNode n = field(object, name);
    if (n == null) {
      return fallback;
    }
    if (!n.isBoolean()) {
      problem(path(path, name), "a boolean (true or false)", n);
      return fallback;
    }
    return n.booleanValue();
  }

  int integer(JsonNode object, String path, String name, int min, int max, int fallback) {
    JsonNode n = field(object, name);
    if (n == null) {
      return fallback;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
      problem(path(path, name), "an integer from " + min + " to " + max, n);
      return fallback;
    }
    return n.intValue();
  }

  String choice(JsonNode object, String path, String name, List<String> allowed, String fallback) {
    JsonNode n = field(object, name);
    if (n == null) {
      return fallback;
    }
    if (!n.isTextual() || !allowed.contains(n.asText())) {
      problem(path(path, name), "one of " + String.join(", ", allowed), n);
      return fallback;
    }
    return n.asText();
  }

  /** A non-blank text, or {@code null} (with a problem when required or not text). */
  String text(JsonNode object, String path, String name, boolean required) {
    JsonNode n = field(object, name);
    if (n == null) {
      if (required) {
        problem(path(path, name), "a non-blank text", (String) null);
      }
      return null;
    }
    if (!n.isTextual() || n.asText().isBlank()) {
      problem(path(path, name), "a non-blank text", n);
      return null;
    }
    return n.asText();
  }

  /** The elements of an array field; {@code null} when absent or (with a problem) not an array. */
  List<JsonNode> array(JsonNode object, String path, String name, String rule) {
    JsonNode n = field(object, name);
    if (n == null) {
      return null;
    }
    if (!n.isArray()) {
      problem(path(path, name), rule, n);
      return null;
    }
    List<JsonNode> out = new ArrayList<>(n.size());
    n.forEach(out::add);
    return out;
  }
}
