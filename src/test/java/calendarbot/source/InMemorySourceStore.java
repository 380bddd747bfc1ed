package calendarbot.source;

import calendarbot.error.StorageException;
import calendarbot.event.CalendarData;
import calendarbot.store.Materialization;
import calendarbot.store.SourceState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The in-memory twin of the SQLite-backed {@link SourceStore}, with a switch to make it fail. */
final class InMemorySourceStore implements SourceStore {
  final Map<String, SourceState> states = new ConcurrentHashMap<>();
  final Map<String, CalendarData> data = new ConcurrentHashMap<>();
  final Map<String, Materialization> materializations = new ConcurrentHashMap<>();
  final AtomicInteger replaces = new AtomicInteger();
  volatile boolean failing;

  @Override
  public SourceState load(String sourceId) {
    check();
    return states.getOrDefault(sourceId, SourceState.initial(sourceId));
  }

  @Override
  public void save(SourceState state) {
    check();
    states.put(state.sourceId(), state);
  }

  @Override
  public void replace(String sourceId, CalendarData calendar, Materialization m) {
    check();
    replaces.incrementAndGet();
    data.put(sourceId, calendar);
    materializations.put(sourceId, m);
  }

  private void check() {
    if (failing) {
      throw new StorageException("database is locked", new RuntimeException("SQLITE_BUSY"));
    }
  }
}
