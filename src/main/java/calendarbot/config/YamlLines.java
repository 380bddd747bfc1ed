package calendarbot.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each setting of a YAML file is written: dotted key → 1-based line of its value, from the
 * streaming parser's token locations. Only mappings are followed; a list (such as {@code sources})
 * is recorded at the line of its key. Best effort: the tree read by {@link ConfigLoader} is the
 * authority on values and errors, so a file this cannot read yields an empty map.
 */
final class YamlLines {
  private YamlLines() {}

  static Map<String, Integer> of(Path file) {
    Map<String, Integer> out = new HashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        object(p, "", out);
      }
    } catch (IOException | RuntimeException e) {
      // The tree reader reports malformed files with the line; here a missing line is harmless.
      return Map.of();
    }
    return out;
  }

  /** Reads one mapping, the parser positioned on its START_OBJECT; ends on its END_OBJECT. */
  private static void object(JsonParser p, String prefix, Map<String, Integer> out)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = prefix + p.currentName();
      JsonToken value = p.nextToken();
      int line = p.currentTokenLocation().getLineNr();
      if (value == JsonToken.START_OBJECT) {
        object(p, key + ".", out);
      } else {
        out.put(key, line);
        p.skipChildren();
      }
    }
  }
}
