package calendarbot.metrics;

import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tag strings features pass to {@link Metrics}: {@code null} or empty for none, {@code
 * k=v}, or {@code k=v,k2=v2}. Values may contain {@code =} (only the first splits) but not {@code
 * ,}; keys and values are trimmed.
 */
final class TagParser {
  private TagParser() {}

  /**
   * The tags of {@code tag}, in the order written.
   *
   * @throws IllegalArgumentException when a part is not {@code key=value} with a non-empty key, or
   *     a key repeats
   */
  static List<Tag> parse(String tag) {
    if (tag == null || tag.isBlank()) {
      return List.of();
    }
    List<Tag> tags = new ArrayList<>();
    for (String part : tag.split(",", -1)) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? "" : part.substring(0, eq).strip();
      if (key.isEmpty()) {
        throw new IllegalArgumentException(
            "tag must be key=value[,key=value...], but was '" + tag + "'");
      }
      if (tags.stream().anyMatch(t -> t.getKey().equals(key))) {
        throw new IllegalArgumentException(
            "tag must name each key once, but was '" + tag + "' (key '" + key + "' repeats)");
      }
      tags.add(Tag.of(key, part.substring(eq + 1).strip()));
    }
    return List.copyOf(tags);
  }
}
