package calendarbot.source;

import calendarbot.event.TimeWindow;
import java.util.Optional;

/**
 * Told about the writes of refreshes, e.g. to keep response caches consistent and to return the
 * heap after a large refresh. Called on refresh threads; must be quick and must not throw (a thrown
 * exception is logged and ignored by {@link #onSourceChanged}'s caller).
 */
@FunctionalInterface
public interface RefreshListener {
  /** A listener that does nothing. */
  RefreshListener NONE = sourceId -> {};

  /** After a refresh committed new data for {@code sourceId}. */
  void onSourceChanged(String sourceId);

  /**
   * Before every commit of {@code sourceId}'s data or fetch state (new data, a 304, a failure): for
   * new data when everything is written and only the commit remains; the returned callback runs
   * once the commit has happened or failed. A cache brackets the commit with these two calls so
   * that no answer computed before it is served after it.
   */
  default Written beforeWrite(String sourceId) {
    return changedData -> {};
  }

  /** The end of one write. */
  @FunctionalInterface
  interface Written {
    /**
     * @param changedData the span of time whose instances may differ now (unbounded sides are
     *     {@link java.time.Instant#MIN}/{@code MAX}); empty when the data did not change (the
     *     source's state may have: a 304, a failure)
     */
    void after(Optional<TimeWindow> changedData);
  }
}
