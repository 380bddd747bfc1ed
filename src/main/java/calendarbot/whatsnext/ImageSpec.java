package calendarbot.whatsnext;

import calendarbot.error.InvalidRequestException;

/**
 * What image to render: its size in pixels and its palette. Validated at construction.
 *
 * @param width pixels, {@link #MIN_WIDTH}..{@link #MAX_WIDTH}
 * @param height pixels, {@link #MIN_HEIGHT}..{@link #MAX_HEIGHT}
 */
public record ImageSpec(int width, int height, Palette palette) {
  public static final int MIN_WIDTH = 200;
  public static final int MAX_WIDTH = 1600;
  public static final int MIN_HEIGHT = 200;
  public static final int MAX_HEIGHT = 1200;
  public static final int DEFAULT_WIDTH = 800;
  public static final int DEFAULT_HEIGHT = 480;
  public static final Palette DEFAULT_PALETTE = Palette.BW;

  private static final String WIDTH_RULE = "an integer between " + MIN_WIDTH + " and " + MAX_WIDTH;
  private static final String HEIGHT_RULE =
      "an integer between " + MIN_HEIGHT + " and " + MAX_HEIGHT;

  /**
   * @throws InvalidRequestException when a size is out of range or the palette is missing
   */
  public ImageSpec {
    if (width < MIN_WIDTH || width > MAX_WIDTH) {
      throw InvalidRequestException.of("width", WIDTH_RULE, width);
    }
    if (height < MIN_HEIGHT || height > MAX_HEIGHT) {
      throw InvalidRequestException.of("height", HEIGHT_RULE, height);
    }
    if (palette == null) {
      throw InvalidRequestException.of("palette", "one of " + Palette.CODES, null);
    }
  }

  /** 800×480 black and white: a 7.5" Waveshare panel. */
  public static ImageSpec defaults() {
    return new ImageSpec(DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_PALETTE);
  }

  /**
   * Parses request parameters; a {@code null} parameter takes its default, an empty one is invalid.
   *
   * @throws InvalidRequestException naming the first invalid parameter
   */
  public static ImageSpec parse(String width, String height, String palette) {
    return new ImageSpec(
        width == null ? DEFAULT_WIDTH : integer("width", width, WIDTH_RULE),
        height == null ? DEFAULT_HEIGHT : integer("height", height, HEIGHT_RULE),
        palette == null ? DEFAULT_PALETTE : Palette.ofCode(palette));
  }

  private static int integer(String name, String text, String rule) {
    String t = text.strip();
    // Four digits at most: anything longer is out of range anyway and must not overflow.
    if (!t.matches("\\d{1,4}")) {
      throw InvalidRequestException.of(name, rule, text);
    }
    return Integer.parseInt(t);
  }
}
