package calendarbot.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A settings document (or an import) breaks one or more rules. Maps to HTTP 400 listing every
 * problem; nothing of the document was applied.
 */
public final class InvalidSettingsException extends CalendarBotException {
  private static final long serialVersionUID = 1L;
  private final transient List<FieldProblem> problems;

  /**
   * @param problems every broken rule found, in document order; at least one
   */
  public InvalidSettingsException(List<FieldProblem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  private static String summary(List<FieldProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an InvalidSettingsException needs at least one problem");
    }
    return problems.size()
        + " invalid setting"
        + (problems.size() == 1 ? "" : "s")
        + ", nothing was changed: "
        + problems.stream().map(FieldProblem::message).collect(Collectors.joining("; "));
  }
}
