package calendarbot.web;

import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestType;
import calendarbot.settings.SettingsSnapshot;
import calendarbot.whatsnext.EinkImages;
import calendarbot.whatsnext.ImageSpec;
import calendarbot.whatsnext.WhatsNextService;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
  private final Answers answers;
  private final Clock clock;

  ImageRoutes(WhatsNextService whatsNext, Answers answers, Clock clock) {
    this.whatsNext = whatsNext;
    this.images = new EinkImages(whatsNext);
    this.answers = answers;
    this.clock = clock;
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
    SettingsSnapshot view = whatsNext.settings();
    Instant now =
        debug == null ? clock.instant() : TimeParams.parse("debug_time", debug, view.zone());
    // The picture shows minutes: one per minute serves every panel of the same size and palette.
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    RequestKey key =
        RequestKey.builder(RequestType.IMAGE)
            .minute(minute)
            .put("w", spec.width())
            .put("h", spec.height())
            .put("palette", spec.palette().name())
            .put("zone", view.zone())
            .put("v", view.version())
            .build();
    answers.send(ex, key, () -> CachedResponse.of(200, "image/png", images.at(minute, spec, view)));
  }
}
