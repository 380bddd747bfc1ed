package calendarbot;

import calendarbot.flags.FeatureFlags;
import calendarbot.flags.Flag;
import calendarbot.web.KioskWarmer;
import java.util.Objects;

/**
 * Whether to precompute the kiosk's answers now: the {@code warming} flag, decided for the kiosk
 * that polled last (its client id is the subject), and only when that kiosk's requests would find
 * the warmed answer, i.e. it uses the pipeline and the response cache. Read at every warm-up, so a
 * flag change applies at the next minute boundary.
 */
final class WarmingSwitch {
  private final FeatureFlags flags;
  private volatile KioskWarmer warmer;

  WarmingSwitch(FeatureFlags flags) {
    this.flags = Objects.requireNonNull(flags, "flags");
  }

  /** Completes the wiring (the warmer comes with the web server, built later). */
  void bind(KioskWarmer warmer) {
    this.warmer = Objects.requireNonNull(warmer, "warmer");
  }

  boolean on() {
    KioskWarmer w = warmer;
    String client = w == null ? null : w.lastPollClient();
    String subject = client == null ? "" : client;
    return flags.enabled(Flag.WARMING, subject)
        && flags.enabled(Flag.REQUEST_PIPELINE, subject)
        && flags.enabled(Flag.RESPONSE_CACHE, subject);
  }
}
