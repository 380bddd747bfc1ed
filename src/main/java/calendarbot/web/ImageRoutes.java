package calendarbot.web;

import calendarbot.whatsnext.EinkImages;
import calendarbot.whatsnext.ImageSpec;
import calendarbot.whatsnext.WhatsNextService;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/**
 * {@code GET /api/whats-next/image.png?width=&height=&palette=&debug_time=}: the what's-next view
 * as an indexed PNG for an e-paper panel. The answer carries a strong ETag over the PNG bytes; a
 * matching {@code If-None-Match} gets 304 without a body, which a polling panel reads as "do not
 * redraw".
 */
final class ImageRoutes implements Routes {
  static final String PATH = "/api/whats-next/image.png";

  private final WhatsNextService whatsNext;
  private final EinkImages images;

  ImageRoutes(WhatsNextService whatsNext) {
    this.whatsNext = whatsNext;
    this.images = new EinkImages(whatsNext);
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
            : images.at(TimeParams.parse("debug_time", debug, whatsNext.settings().zone()), spec);
    if (HttpCaching.notModified(ex, HttpCaching.strongEtag(png))) {
      return;
    }
    ex.setStatusCode(200);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "image/png");
    ex.setResponseContentLength(png.length);
    ex.getResponseSender().send(ByteBuffer.wrap(png));
  }
}
