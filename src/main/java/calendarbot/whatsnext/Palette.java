package calendarbot.whatsnext;

import calendarbot.error.InvalidRequestException;
import java.awt.Color;
import java.awt.image.IndexColorModel;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The colours an e-paper panel can show; the image holds exactly these and no others. */
public enum Palette {
  /** Black and white, 1 bit per pixel; no anti-aliasing, so no greys. */
  BW("bw", new Color[] {Color.BLACK, Color.WHITE}, Color.BLACK, Color.BLACK),
  /** Black, white and red (2 bits per pixel); red marks what is urgent or in progress. */
  BWR("bwr", new Color[] {Color.BLACK, Color.WHITE, Color.RED}, Color.RED, Color.BLACK),
  /** Four grey levels, 2 bits per pixel; anti-aliased text quantised to the four levels. */
  GRAY4(
      "gray4",
      new Color[] {Color.BLACK, new Color(85, 85, 85), new Color(170, 170, 170), Color.WHITE},
      Color.BLACK,
      new Color(85, 85, 85));

  /** Every palette's code, as the {@code palette} parameter takes them. */
  public static final String CODES =
      Arrays.stream(values()).map(Palette::code).collect(Collectors.joining(", "));

  private final String code;
  private final Color[] colors;
  private final Color accent;
  private final Color muted;

  Palette(String code, Color[] colors, Color accent, Color muted) {
    this.code = code;
    this.colors = colors;
    this.accent = accent;
    this.muted = muted;
  }

  /** The stable code used in URLs, e.g. {@code "bwr"}. */
  public String code() {
    return code;
  }

  /**
   * The palette named {@code code} (case-insensitive).
   *
   * @throws InvalidRequestException naming {@code palette} and the codes when unknown
   */
  public static Palette ofCode(String code) {
    if (code != null) {
      String c = code.strip().toLowerCase(Locale.ROOT);
      for (Palette p : values()) {
        if (p.code.equals(c)) {
          return p;
        }
      }
    }
    throw InvalidRequestException.of("palette", "one of " + CODES, code);
  }

  /** The colours, in index order. */
  Color[] colors() {
    return colors.clone();
  }

  Color background() {
    return Color.WHITE;
  }

  Color ink() {
    return Color.BLACK;
  }

  /** Urgent status, the countdown and the in-progress marker. */
  Color accent() {
    return accent;
  }

  /** Labels and secondary text. */
  Color muted() {
    return muted;
  }

  /** Whether text is anti-aliased (then quantised to the palette). */
  boolean antialiasedText() {
    return this == GRAY4;
  }

  IndexColorModel colorModel() {
    int n = colors.length;
    byte[] r = new byte[n];
    byte[] g = new byte[n];
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      r[i] = (byte) colors[i].getRed();
      g[i] = (byte) colors[i].getGreen();
      b[i] = (byte) colors[i].getBlue();
    }
    return new IndexColorModel(n <= 2 ? 1 : 2, n, r, g, b);
  }
}
