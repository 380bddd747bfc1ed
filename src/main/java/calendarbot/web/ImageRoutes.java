package calendarbot.web;

import calendarbot.whatsnext.EinkImages;
import calendarbot.whatsnext.ImageSpec;
import calendarbot.whatsnext.WhatsNextService;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;

/**
 * {@code GET /api/whats-next/image.png?width=&height=&palette=&debug_time=}: the what's-next view
 * as an indexed PNG for an e-paper panel. The answer carries a strong ETag over the PNG bytes; a
 * matching {@code If-None-Match} gets 304 without a body, which a polling panel reads as "do not
 * redraw".
 */
final class ImageRoutes implements Routes {
  static final String PATH = "/api/whats-next/image.png";

  private final EinkImages images;
  private final ZoneId zone;

  ImageRoutes(WhatsNextService whatsNext, ZoneId zone) {
    this.images = new EinkImages(whatsNext);
    this.zone = zone;
  }

  @Override
  public void register(RoutingHandler router) {
    router.get(PATH, Handlers.blocking(this::image));
  }

  private void image(HttpServerExchange ex) {
    ImageSpec spec =
        ImageSpec.parse(
            Handlers.query(ex, "width"),
            Handlers.query(ex, "height"),
            Handlers.query(ex, "palette"));
    String debug = Handlers.query(ex, "debug_time");
    byte[] png =
        debug == null
            ? images.now(spec)
            : images.at(TimeParams.parse("debug_time", debug, zone), spec);
    String etag = etag(png);
    ex.getResponseHeaders().put(Headers.ETAG, etag);
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    if (matches(ex.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH), etag)) {
      ex.setStatusCode(304);
      ex.endExchange();
      return;
    }
    ex.setStatusCode(200);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "image/png");
    ex.setResponseContentLength(png.length);
    ex.getResponseSender().send(ByteBuffer.wrap(png));
  }

  /** A strong validator: the first 128 bits of the PNG's SHA-256, quoted. */
  static String etag(byte[] png) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(png);
      return '"' + HexFormat.of().formatHex(hash, 0, 16) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /**
   * Whether an {@code If-None-Match} value names {@code etag}: {@code *} or a comma-separated list
   * of entity tags; a weak tag ({@code W/"..."}) matches its strong twin, as RFC 9110 13.1.2 asks.
   */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip();
      if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }
}
