package calendarbot.query;

import calendarbot.config.ExpansionConfig;
import calendarbot.error.TooManyInstancesException;
import calendarbot.event.Instance;
import calendarbot.event.Series;
import calendarbot.event.TimeWindow;
import calendarbot.event.ZoneTable;
import calendarbot.ics.Expander;
import calendarbot.store.SeriesStore;
import calendarbot.store.StoredSeries;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers "which instances of the configured sources overlap this window".
 *
 * <p>Path, per source: when the source's materialized horizon covers the whole window and was
 * computed for the requested display zone, the stored instances are read (an indexed range read);
 * otherwise the source's candidate series are loaded and expanded on demand, which works for any
 * window (1997 or 2040) and any zone. Both paths give the same instances for the same stored data,
 * because materialization is the same expansion run ahead of time over a larger window. Sources may
 * take different paths in one query; the results are merged.
 *
 * <p>Threading: thread-safe; the source ids are read from the supplier once per query, so a
 * configuration reload applies to the next query. Errors: {@link TooManyInstancesException} when
 * one source or the merged result exceeds {@link ExpansionConfig#maxInstancesPerQuery()}; {@link
 * calendarbot.error.StorageException} when the database fails.
 */
public final class EventQuery {

  /** The on-demand path's expansion: {@link Expander#expand} in production. */
  @FunctionalInterface
  interface Expansion {
    List<Instance> expand(
        String sourceId, List<Series> series, ZoneTable zones, TimeWindow window, ZoneId zone);
  }

  private final SeriesStore store;
  private final Expansion expansion;
  private final int maxInstances;
  private final Supplier<? extends Collection<String>> sourceIds;

  /**
   * @param limits the limits {@code expander} was built with; its instance cap also bounds the
   *     merged result of all sources
   * @param sourceIds the currently configured source ids; called once per query, must not return
   *     {@code null}
   */
  public EventQuery(
      SeriesStore store,
      Expander expander,
      ExpansionConfig limits,
      Supplier<? extends Collection<String>> sourceIds) {
    this(store, Objects.requireNonNull(expander, "expander")::expand, limits, sourceIds);
  }

  EventQuery(
      SeriesStore store,
      Expansion expansion,
      ExpansionConfig limits,
      Supplier<? extends Collection<String>> sourceIds) {
    this.store = Objects.requireNonNull(store, "store");
    this.expansion = Objects.requireNonNull(expansion, "expansion");
    this.maxInstances = limits.maxInstancesPerQuery();
    this.sourceIds = Objects.requireNonNull(sourceIds, "sourceIds");
  }

  /**
   * The instances of all configured sources overlapping {@code window} ({@link
   * TimeWindow#overlaps}), with floating and all-day times in {@code displayZone}, sorted by {@link
   * Instance#byStart}. A source with no stored data contributes nothing.
   *
   * @throws TooManyInstancesException when more than the cap overlap the window
   */
  public List<Instance> instances(TimeWindow window, ZoneId displayZone) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(displayZone, "displayZone");
    List<Instance> all = new ArrayList<>();
    // A set: a source listed twice must not count twice.
    for (String id : new LinkedHashSet<>(sourceIds.get())) {
      all.addAll(instancesOf(id, window, displayZone));
      if (all.size() > maxInstances) {
        throw tooMany(window, displayZone);
      }
    }
    all.sort(Instance::byStart);
    return all;
  }

  /** One source's instances: materialized when that answers the query, expanded otherwise. */
  List<Instance> instancesOf(String sourceId, TimeWindow window, ZoneId displayZone) {
    Optional<List<Instance>> stored = store.materializedInstances(sourceId, window, displayZone);
    if (stored.isPresent()) {
      return stored.get();
    }
    StoredSeries candidates = store.candidates(sourceId, window);
    if (candidates.series().isEmpty()) {
      return List.of();
    }
    return expansion.expand(sourceId, candidates.series(), candidates.zones(), window, displayZone);
  }

  private TooManyInstancesException tooMany(TimeWindow window, ZoneId zone) {
    return new TooManyInstancesException(
        "query for "
            + window.start()
            + " .. "
            + window.end()
            + " in "
            + zone
            + " produced more than "
            + maxInstances
            + " instances across all sources (expansion.max_instances_per_query); ask for a"
            + " narrower window",
        maxInstances);
  }
}
