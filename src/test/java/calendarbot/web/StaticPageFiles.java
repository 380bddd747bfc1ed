package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The static files of a page (kiosk, dashboard) as the class path serves them, for budget tests.
 */
final class StaticPageFiles {
  private StaticPageFiles() {}

  /** Each named file of {@link PageRoutes#RESOURCE_DIR} by name; fails when one is missing. */
  static Map<String, String> read(Collection<String> names) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String name : names) {
      try (InputStream in =
          StaticPageFiles.class.getResourceAsStream(PageRoutes.RESOURCE_DIR + name)) {
        assertThat(in).as("%s on the class path", name).isNotNull();
        out.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** The files' size in bytes, uncompressed. */
  static int totalBytes(Map<String, String> files) {
    int total = 0;
    for (String body : files.values()) {
      total += body.getBytes(StandardCharsets.UTF_8).length;
    }
    return total;
  }
}
