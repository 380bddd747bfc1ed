package calendarbot.whatsnext;

import calendarbot.error.CalendarBotException;
import calendarbot.settings.SettingsSnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * The what's-next view as a PNG for e-paper panels (black/white, black/white/red or four greys).
 * Thread-safe. Nothing is cached: each call computes the view and renders it.
 */
public final class EinkImages {
  private final WhatsNextService whatsNext;

  public EinkImages(WhatsNextService whatsNext) {
    this.whatsNext = Objects.requireNonNull(whatsNext, "whatsNext");
  }

  /**
   * The image for the view at the service clock's current instant.
   *
   * @return PNG bytes
   * @throws CalendarBotException when rendering fails (e.g. the bundled font is missing)
   */
  public byte[] now(ImageSpec spec) {
    return EinkRenderer.render(whatsNext.now(), spec);
  }

  /**
   * The image for the view at {@code at} (for {@code debug_time}).
   *
   * @return PNG bytes
   * @throws CalendarBotException when rendering fails
   */
  public byte[] at(Instant at, ImageSpec spec) {
    return EinkRenderer.render(whatsNext.at(at), spec);
  }

  /** The image for the view at {@code at} with the settings {@code view}. */
  public byte[] at(Instant at, ImageSpec spec, SettingsSnapshot view) {
    return EinkRenderer.render(whatsNext.at(at, view), spec);
  }
}
