package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static files of a page (kiosk, dashboard) as the class path serves them, for budget tests.
 */
final class StaticPageFiles {
  private static final Pattern SRC_OR_HREF =
      Pattern.compile("(?:src|href)\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.CASE_INSENSITIVE);

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

  /** Every {@code src} and {@code href} value in {@code html}, in order. */
  static List<String> references(String html) {
    List<String> refs = new ArrayList<>();
    Matcher m = SRC_OR_HREF.matcher(html);
    while (m.find()) {
      refs.add(m.group(1));
    }
    return refs;
  }
}
