package calendarbot.whatsnext;

import calendarbot.error.CalendarBotException;
import calendarbot.settings.SettingsSnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * The what's-next view as a PNG for e-paper panels (black/white, black/white/red or four greys).
 * Thread-safe. Nothing is kept here: each call computes the view and renders it (the request
 * pipeline keeps the answers).
 */
public final class EinkImages {
  private final WhatsNextService whatsNext;

  public EinkImages(WhatsNextService whatsNext) {
    this.whatsNext = Objects.requireNonNull(whatsNext, "whatsNext");
  }

  /**
   * The image for the view at {@code at} with the settings {@code view}.
   *
   * @return PNG bytes
   * @throws CalendarBotException when rendering fails (e.g. the bundled font is missing)
   */
  public byte[] at(Instant at, ImageSpec spec, SettingsSnapshot view) {
    return EinkRenderer.render(whatsNext.at(at, view), spec);
  }
}
