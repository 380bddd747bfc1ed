package calendarbot.source;

import calendarbot.event.CalendarData;
import calendarbot.store.Materialization;
import calendarbot.store.SourceState;

/**
 * What a refresh needs from storage: per-source state and an atomic replace of a source's data. The
 * seam lets refresh logic run against the real SQLite store or an in-memory twin in tests.
 * Implementations are thread-safe; calls for different sources may run concurrently.
 *
 * @throws calendarbot.error.StorageException from any method when the database fails
 */
interface SourceStore {
  /** The stored state, or {@link SourceState#initial} if the source was never refreshed. */
  SourceState load(String sourceId);

  void save(SourceState state);

  /** Replaces everything stored for the source in one transaction. */
  void replace(String sourceId, CalendarData data, Materialization materialization);
}
