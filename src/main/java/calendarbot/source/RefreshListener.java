package calendarbot.source;

/**
 * Told when a refresh committed new data for a source, e.g. to invalidate response caches. Called
 * on a refresh thread after the commit; must be quick and must not throw (a thrown exception is
 * logged and ignored).
 */
@FunctionalInterface
public interface RefreshListener {
  /** A listener that does nothing. */
  RefreshListener NONE = sourceId -> {};

  void onSourceChanged(String sourceId);
}
