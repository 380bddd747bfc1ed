package calendarbot.whatsnext;

import calendarbot.error.CalendarBotException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders a what's-next view as an indexed PNG for an e-paper panel. Pure: the picture depends only
 * on the view and the spec (the time shown is the view's), so the same input gives the same bytes.
 * Thread-safe; each call allocates its own image (1 or 2 bits per pixel).
 */
final class EinkRenderer {
  private EinkRenderer() {}

  /**
   * @return the PNG file's bytes
   * @throws CalendarBotException when the bundled font is missing or encoding fails
   */
  static byte[] render(WhatsNext view, ImageSpec spec) {
    return png(draw(view, spec));
  }

  /** The picture before encoding: an indexed image holding only the palette's colours. */
  static BufferedImage draw(WhatsNext view, ImageSpec spec) {
    BufferedImage image =
        new BufferedImage(
            spec.width(),
            spec.height(),
            BufferedImage.TYPE_BYTE_BINARY,
            spec.palette().colorModel());
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING,
          spec.palette().antialiasedText()
              ? RenderingHints.VALUE_TEXT_ANTIALIAS_ON
              : RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
      // No dithering: on a panel a dither pattern reads as noise; nearest palette colour instead.
      g.setRenderingHint(RenderingHints.KEY_DITHERING, RenderingHints.VALUE_DITHER_DISABLE);
      new EinkLayout(g, view, spec).draw();
    } finally {
      g.dispose();
    }
    return image;
  }

  static byte[] png(BufferedImage image) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new CalendarBotException("eink: this JVM has no PNG encoder (javax.imageio)");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 * 1024);
    // In memory: ImageIO's default stream would spill to a temporary file.
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), null);
    } catch (IOException e) {
      throw new CalendarBotException("eink: PNG encoding failed: " + e, e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
