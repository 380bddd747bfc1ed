package calendarbot.whatsnext;

import calendarbot.error.CalendarBotException;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled DejaVu Sans faces. Each is read from the classpath once, on first use; sizes are
 * derived from it. There is deliberately no fallback to a system font: a different font would
 * change every layout decision, so a missing file is an error.
 */
final class Fonts {
  static final String REGULAR = "/calendarbot/whatsnext/fonts/DejaVuSans.ttf";
  static final String BOLD = "/calendarbot/whatsnext/fonts/DejaVuSans-Bold.ttf";

  // Process-wide on purpose: a parsed face is immutable and costs ~1 MB; computeIfAbsent loads each
  // exactly once even when the first requests race, and stores nothing when loading fails.
  private static final Map<String, Font> LOADED = new ConcurrentHashMap<>();

  private Fonts() {}

  static Font regular(float size) {
    return face(REGULAR).deriveFont(Font.PLAIN, size);
  }

  static Font bold(float size) {
    return face(BOLD).deriveFont(Font.PLAIN, size);
  }

  static Font face(String resource) {
    return LOADED.computeIfAbsent(resource, Fonts::load);
  }

  /**
   * Reads a TrueType font from the classpath.
   *
   * @throws CalendarBotException when the resource is missing or unreadable
   */
  static Font load(String resource) {
    try (InputStream in = Fonts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new CalendarBotException(
            "eink: font "
                + resource
                + " is not on the classpath; it is unpacked from"
                + " net.sf.jasperreports:jasperreports-fonts at build time: rebuild with mvn package");
      }
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException | FontFormatException e) {
      throw new CalendarBotException("eink: font " + resource + " cannot be read: " + e, e);
    }
  }
}
