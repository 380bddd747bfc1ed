package calendarbot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the feeds in {@code src/test/resources/ics/} as text, for tests that serve or edit them.
 */
public final class FeedFixtures {
  private FeedFixtures() {}

  /**
   * The feed {@code /ics/<name>} from the test class path, decoded as UTF-8.
   *
   * @param name a file name in {@code src/test/resources/ics/}, e.g. {@code "api-day.ics"}
   * @throws IllegalArgumentException if there is no such resource
   * @throws UncheckedIOException if it cannot be read
   */
  public static String read(String name) {
    String resource = "/ics/" + name;
    try (InputStream in = FeedFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading test resource " + resource + " failed", e);
    }
  }
}
