package calendarbot.error;

import java.util.Objects;

/**
 * One broken rule in a submitted document (settings, an import): which field, the rule, and the
 * value that broke it.
 *
 * @param field the JSON path of the field, e.g. {@code filters.title_patterns[2].pattern}
 * @param rule what the field must be, e.g. {@code "one of light, dark, eink"}
 * @param value the offending value as text, or {@code null} when it was missing
 */
public record FieldProblem(String field, String rule, String value) {
  public FieldProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
  }

  /** "{@code <field> must be <rule>, but was <value>}". */
  public String message() {
    return field + " must be " + rule + ", but was " + InvalidRequestException.quote(value);
  }
}
