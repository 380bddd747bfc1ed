package calendarbot.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A pattern matched against an event's title (SUMMARY).
 *
 * @param pattern the text to find, or a Java regular expression when {@code regex}; never blank
 * @param regex whether {@code pattern} is a regular expression ({@code find}, not whole-match)
 * @param caseSensitive whether case matters; by default it does not
 */
public record TitlePattern(
    String pattern, boolean regex, @JsonProperty("case_sensitive") boolean caseSensitive) {
  public TitlePattern {
    Objects.requireNonNull(pattern, "pattern");
  }

  /** A case-insensitive substring pattern. */
  public static TitlePattern substring(String text) {
    return new TitlePattern(text, false, false);
  }
}
