package calendarbot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's key table is the operator's reference: every key must be in it. */
class ReadmeKeysTest {
  @Test
  void readme_documentsEveryConfigKeyWithItsEnvironmentVariable() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);

    for (String key : ConfigLoader.KEYS) {
      assertThat(readme)
          .as("README row for %s", key)
          .contains("| `" + key + "` | `" + ConfigLoader.envName(key) + "` |");
    }
  }
}
