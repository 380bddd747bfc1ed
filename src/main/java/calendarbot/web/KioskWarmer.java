package calendarbot.web;

import java.time.Instant;

/**
 * Precomputes the kiosk's what's-next answers so its polls are cache hits: called at each minute
 * boundary while a kiosk is polling, and after each refresh. Thread-safe.
 */
public interface KioskWarmer {
  /** Computes (through the pipeline, so they are cached) the answers for {@code minute}. */
  void warm(Instant minute);

  /** When a kiosk last polled for the present, or {@code null} if none has yet. */
  Instant lastPoll();

  /**
   * The client id of the kiosk that last polled for the present, or {@code null}: the subject of
   * the {@code warming} flag.
   */
  default String lastPollClient() {
    return null;
  }
}
