package calendarbot.whatsnext;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden-image tests: the fixed {@link EinkFixtures#busyDay()} view rendered at the reference sizes
 * and compared with reviewed pictures in {@code src/test/resources/eink/}, pixel by pixel after
 * decoding (never as file bytes, which depend on the encoder).
 *
 * <p><b>Updating</b>: after an intended change of the picture, run {@code mvn -B -o -q verify
 * -Dtest=EinkGoldenTest -Deink.updateGolden=true -Dit.test=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}, look at every
 * rewritten PNG, and commit them with the change.
 *
 * <p><b>Tolerance</b>: every pixel must be one of the palette's colours, exactly (bw 2, bwr 3,
 * gray4 4): that is the renderer's contract and does not depend on the platform. The pixels
 * themselves may differ from the golden in at most {@link #MAX_DIFFERING_SHARE} of the image (0.1%:
 * 120 pixels at 400×300, 384 at 800×480), because glyph rasterisation depends on the JDK build and
 * its FreeType. Measured: the goldens were made with Debian's OpenJDK 17.0.15
 * (17.0.15+6-Debian-1deb12u1, system FreeType 2.12.1, which is also what CI runs); rendered by
 * Temurin 25.0.3 with its bundled FreeType the four pictures differ in 0, 0, 27 (0.007%) and 0
 * pixels, single pixels at glyph edges. The bound is ~14 times that. What it catches, measured on
 * the same view: one word of the next title changed (514 pixels at 400×300, 2,105 at 800×480), the
 * location line dropped (3,057 at 400×300), everything shifted down by one pixel (7,326 / 12,042),
 * a section moved or a status of another colour (thousands). What it does not catch: a digit
 * changed in a short string ("in 14 min" to "in 24 min": 52 / 178 pixels); the text itself is
 * pinned by {@code EinkTextTest} and {@code StatusLineTest}.
 *
 * <p>On a mismatch the actual picture and a diff (differing pixels red over a faded golden) are
 * written to {@code target/eink-diff/}.
 */
class EinkGoldenTest {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  static final double MAX_DIFFERING_SHARE = 0.001;
  private static final boolean UPDATE = Boolean.getBoolean("eink.updateGolden");
  private static final Path GOLDEN_SOURCE = Path.of("src/test/resources/eink");
  private static final Path DIFF_DIR = Path.of("target/eink-diff");

  @ParameterizedTest(name = "{0}x{1} {2}")
  @CsvSource({"400, 300, bw", "400, 300, bwr", "800, 480, bw", "800, 480, gray4"})
  void render_busyDay_matchesGoldenImage(int width, int height, String palette) throws IOException {
    ImageSpec spec = new ImageSpec(width, height, Palette.ofCode(palette));
    byte[] png = EinkRenderer.render(EinkFixtures.busyDay(), spec);
    String name = "busy-day-" + width + "x" + height + "-" + palette + ".png";
    if (UPDATE) {
      Files.createDirectories(GOLDEN_SOURCE);
      Files.write(GOLDEN_SOURCE.resolve(name), png);
      return;
    }
    BufferedImage actual = ImageIO.read(new ByteArrayInputStream(png));
    BufferedImage golden;
    try (InputStream in = EinkGoldenTest.class.getResourceAsStream("/eink/" + name)) {
      assertThat(in)
          .as("golden /eink/%s (make it with -Deink.updateGolden=true)", name)
          .isNotNull();
      golden = ImageIO.read(in);
    }

    assertThat(actual.getWidth()).isEqualTo(width);
    assertThat(actual.getHeight()).isEqualTo(height);
    assertThat(colours(actual)).isSubsetOf(paletteRgb(spec.palette()));
    int differing = differing(actual, golden);
    if (differing > 0) {
      Files.createDirectories(DIFF_DIR);
      Files.write(DIFF_DIR.resolve(name.replace(".png", "-actual.png")), png);
      ImageIO.write(
          diff(actual, golden),
          "png",
          DIFF_DIR.resolve(name.replace(".png", "-diff.png")).toFile());
    }
    int allowed = (int) (width * height * MAX_DIFFERING_SHARE);
    assertThat(differing)
        .as("pixels differing from golden %s (see %s)", name, DIFF_DIR.toAbsolutePath())
        .isLessThanOrEqualTo(allowed);
  }

  static Set<Integer> colours(BufferedImage image) {
    return Stream.iterate(0, i -> i < image.getWidth() * image.getHeight(), i -> i + 1)
        .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth()) & 0xFFFFFF)
        .collect(Collectors.toSet());
  }

  static Set<Integer> paletteRgb(Palette palette) {
    return Stream.of(palette.colors()).map(c -> c.getRGB() & 0xFFFFFF).collect(Collectors.toSet());
  }

  private static int differing(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return a.getWidth() * a.getHeight();
    }
    int n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          n++;
        }
      }
    }
    return n;
  }

  private static BufferedImage diff(BufferedImage actual, BufferedImage golden) {
    int w = Math.min(actual.getWidth(), golden.getWidth());
    int h = Math.min(actual.getHeight(), golden.getHeight());
    BufferedImage d = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int g = golden.getRGB(x, y) & 0xFF;
        int faded = 0xC0 + g / 4;
        d.setRGB(
            x,
            y,
            actual.getRGB(x, y) == golden.getRGB(x, y)
                ? faded << 16 | faded << 8 | faded
                : 0xFF0000);
      }
    }
    return d;
  }
}
