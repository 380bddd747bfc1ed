package calendarbot.source;

import java.util.Optional;

/**
 * Decides whether a source is fetched now, and is told how every refresh ended: the hook for a
 * per-source circuit breaker ({@code calendarbot.resilience}). Implementations are thread-safe,
 * cheap, and never throw.
 */
public interface RefreshGuard {
  /**
   * Why {@code sourceId} must not be fetched now, or empty to go ahead. A skipped refresh keeps the
   * source's data and records the reason in its state; the schedule continues.
   *
   * @param manual whether an operator asked for this refresh ({@code POST /api/refresh}) rather
   *     than the schedule
   */
  Optional<String> skip(String sourceId, boolean manual);

  /** How a refresh that {@link #skip} let through ended ({@code FAILED} or not). */
  void record(RefreshResult result);

  /** Lets every refresh through. */
  RefreshGuard NONE =
      new RefreshGuard() {
        @Override
        public Optional<String> skip(String sourceId, boolean manual) {
          return Optional.empty();
        }

        @Override
        public void record(RefreshResult result) {}
      };
}
