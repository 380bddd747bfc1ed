package calendarbot.whatsnext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.error.CalendarBotException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EinkRendererTest {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final int WHITE = 0xFFFFFF;
  private static final int RED = 0xFF0000;

  private static BufferedImage decode(byte[] png) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  @ParameterizedTest(name = "{0}x{1} {2}")
  @CsvSource({
    "200, 200, bw",
    "400, 300, bw",
    "800, 480, bwr",
    "1600, 1200, gray4",
    "1600, 200, bw",
    "200, 1200, bwr",
    "640, 384, gray4"
  })
  void render_anySize_hasExactDimensionsAndOnlyPaletteColours(int width, int height, String code)
      throws IOException {
    Palette palette = Palette.ofCode(code);

    BufferedImage image =
        decode(EinkRenderer.render(EinkFixtures.busyDay(), new ImageSpec(width, height, palette)));

    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
    assertThat(EinkGoldenTest.colours(image)).isSubsetOf(EinkGoldenTest.paletteRgb(palette));
  }

  @Test
  void render_bw_hasExactlyBlackAndWhite() throws IOException {
    BufferedImage image =
        decode(EinkRenderer.render(EinkFixtures.busyDay(), new ImageSpec(800, 480, Palette.BW)));

    assertThat(EinkGoldenTest.colours(image)).containsExactlyInAnyOrder(0x000000, WHITE);
    assertThat(image.getColorModel().getPixelSize()).isEqualTo(1);
  }

  @Test
  void render_bwrWithUrgentStatus_drawsTheAccentInRed() throws IOException {
    BufferedImage image =
        decode(EinkRenderer.render(EinkFixtures.busyDay(), new ImageSpec(400, 300, Palette.BWR)));

    assertThat(EinkGoldenTest.colours(image)).containsExactlyInAnyOrder(0x000000, WHITE, RED);
  }

  @Test
  void render_gray4_usesAtMostFourGreys() throws IOException {
    BufferedImage image =
        decode(EinkRenderer.render(EinkFixtures.busyDay(), new ImageSpec(800, 480, Palette.GRAY4)));

    assertThat(EinkGoldenTest.colours(image))
        .isSubsetOf(0x000000, 0x555555, 0xAAAAAA, WHITE)
        .contains(0x000000, WHITE);
    assertThat(image.getColorModel().getPixelSize()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"200, 200", "400, 300", "800, 480", "1600, 1200", "1600, 200", "200, 1200"})
  void render_textsTooLongForAnyWidth_leaveTheMarginBlank(int width, int height)
      throws IOException {
    ImageSpec spec = new ImageSpec(width, height, Palette.BW);
    int margin = EinkLayout.margin(spec);

    BufferedImage image = decode(EinkRenderer.render(EinkFixtures.longTexts(), spec));

    int inked = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean inMargin = x < margin || x >= width - margin || y < margin || y >= height - margin;
        if (inMargin && (image.getRGB(x, y) & 0xFFFFFF) != WHITE) {
          inked++;
        }
      }
    }
    assertThat(inked).as("inked pixels in the %d px margin", margin).isZero();
    // Cut, not dropped: the long title still reaches close to the right margin.
    assertThat(inkedColumnsNear(image, width - margin - 1, margin)).isPositive();
  }

  private static int inkedColumnsNear(BufferedImage image, int column, int span) {
    int n = 0;
    for (int x = Math.max(0, column - 2 * span); x <= column; x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != WHITE) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  @Test
  void render_twice_givesEqualBytes() {
    ImageSpec spec = new ImageSpec(800, 480, Palette.GRAY4);

    byte[] first = EinkRenderer.render(EinkFixtures.busyDay(), spec);
    byte[] second = EinkRenderer.render(EinkFixtures.busyDay(), spec);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void render_differentView_givesDifferentBytes() {
    ImageSpec spec = new ImageSpec(400, 300, Palette.BW);
    WhatsNext quiet =
        EinkFixtures.view(List.of(), List.of(), List.of(), List.of(), EinkFixtures.fresh());

    assertThat(EinkRenderer.render(quiet, spec))
        .isNotEqualTo(EinkRenderer.render(EinkFixtures.busyDay(), spec));
  }

  @Test
  void render_12hClock_drawsADifferentPicture() {
    WhatsNext h24 = EinkFixtures.busyDay();
    WhatsNext h12 =
        new WhatsNext(
            h24.currentTime(),
            h24.displayDate(),
            h24.timezone(),
            h24.currentEvents(),
            h24.nextEvents(),
            h24.laterEvents(),
            h24.allDayEvents(),
            h24.statusInfo(),
            new DisplayInfo("12h", "whats-next", "eink", 5, 60, 2));
    ImageSpec spec = new ImageSpec(400, 300, Palette.BW);

    assertThat(EinkRenderer.render(h12, spec)).isNotEqualTo(EinkRenderer.render(h24, spec));
  }

  @Test
  void render_800x480bw_isAFewKilobytes() {
    byte[] png = EinkRenderer.render(EinkFixtures.busyDay(), ImageSpec.defaults());

    assertThat(png.length).isLessThan(10 * 1024);
  }

  @Test
  void render_emptyAndFreeViews_render() throws IOException {
    WhatsNext empty =
        EinkFixtures.view(List.of(), List.of(), List.of(), List.of(), EinkFixtures.fresh());
    WhatsNext free =
        EinkFixtures.view(
            List.of(),
            List.of(EinkFixtures.event("Planning", "11:10", 30, "Room 1")),
            List.of(EinkFixtures.event("1:1", "15:00", 30, null)),
            List.of(),
            EinkFixtures.fresh());

    for (WhatsNext view : List.of(empty, free)) {
      BufferedImage image = decode(EinkRenderer.render(view, new ImageSpec(200, 200, Palette.BWR)));
      assertThat(image.getWidth()).isEqualTo(200);
    }
  }

  @Test
  void fonts_missingResource_failsWithClearMessage() {
    assertThatThrownBy(() -> Fonts.load("/calendarbot/whatsnext/fonts/Missing.ttf"))
        .isInstanceOf(CalendarBotException.class)
        .hasMessageContaining("/calendarbot/whatsnext/fonts/Missing.ttf is not on the classpath")
        .hasMessageContaining("jasperreports-fonts");
  }

  @Test
  void fonts_bundledFaces_loadOnceAndAreDejaVu() {
    assertThat(Fonts.face(Fonts.REGULAR)).isSameAs(Fonts.face(Fonts.REGULAR));
    assertThat(Fonts.face(Fonts.REGULAR).getFamily()).isEqualTo("DejaVu Sans");
    assertThat(Fonts.face(Fonts.BOLD).getFontName()).isEqualTo("DejaVu Sans Bold");
  }
}
