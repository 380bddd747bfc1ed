package calendarbot.settings;

import calendarbot.error.FieldProblem;
import calendarbot.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The front door of settings: reads and changes them, validates documents as a whole, keeps hidden
 * events, and hands readers an immutable {@link SettingsSnapshot}.
 *
 * <p>Every change is validated completely before anything is written (an {@link
 * calendarbot.error.InvalidSettingsException} lists every problem and changes nothing), written in
 * one database transaction, then published as a new snapshot with a higher version, then announced
 * to the listeners (cache invalidation). Snapshots are read without locking.
 *
 * <p>JSON documents use the snake_case field names of {@link Settings}, {@link Filters} and {@link
 * Display}; a {@code PUT} replaces the section it names, and absent fields take their defaults.
 *
 * <p>Threading: thread-safe; writers are serialised. Errors: {@link
 * calendarbot.error.InvalidSettingsException} (400), {@link calendarbot.error.NotFoundException}
 * for unhiding what is not hidden, {@link calendarbot.error.StorageException} when the database
 * fails.
 */
public final class SettingsService {
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final ZoneId serverZone;
  private volatile SettingsSnapshot current;

  private SettingsService(ZoneId serverZone) {
    this.serverZone = serverZone;
    this.current = SettingsSnapshot.defaults(serverZone);
  }

  /**
   * Loads the stored settings and hidden events (defaults when none are stored).
   *
   * @param sourceIds the configured source ids, for validating {@code disabled_sources}
   */
  public static SettingsService open(
      Database db, Clock clock, ZoneId serverZone, Supplier<List<String>> sourceIds) {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sourceIds, "sourceIds");
    // TODO(settings helper): load from SettingsStore + hidden events table.
    return new SettingsService(serverZone);
  }

  /** The settings in force now. Cheap: a volatile read. */
  public SettingsSnapshot current() {
    return current;
  }

  /** Runs {@code listener} after every committed change, on the changing thread. */
  public void addListener(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Every problem of {@code document} as a whole settings document; empty when valid. */
  public List<FieldProblem> validate(JsonNode document) {
    throw new UnsupportedOperationException("TODO(settings helper)");
  }

  /** {@code PUT /api/settings}: replaces filters and display. */
  public Settings replace(JsonNode document) {
    throw new UnsupportedOperationException("TODO(settings helper)");
  }

  /** {@code PUT /api/settings/filters}. */
  public Filters replaceFilters(JsonNode document) {
    throw new UnsupportedOperationException("TODO(settings helper)");
  }

  /** {@code PUT /api/settings/display}. */
  public Display replaceDisplay(JsonNode document) {
    throw new UnsupportedOperationException("TODO(settings helper)");
  }

  /** {@code GET /api/settings/export}: settings, hidden events and the last reset's backup. */
  public SettingsExport export() {
    throw new UnsupportedOperationException("TODO(settings helper)");
  }

  /** {@code POST /api/settings/import}: validates the whole export document, then replaces all. */
  public SettingsSnapshot importDocument(JsonNode document) {
    throw new UnsupportedOperationException("TODO(settings helper)");
  }

  /** {@code POST /api/settings/reset}: keeps the current state as the backup, then defaults. */
  public SettingsSnapshot reset() {
    throw new UnsupportedOperationException("TODO(settings helper)");
  }

  /** {@code POST /api/events/hide}. */
  public HiddenEvent hide(JsonNode request) {
    throw new UnsupportedOperationException("TODO(settings helper)");
  }

  /** {@code POST /api/events/unhide}. */
  public HiddenEvent unhide(JsonNode request) {
    throw new UnsupportedOperationException("TODO(settings helper)");
  }

  /** {@code GET /api/events/hidden}. */
  public List<HiddenEvent> hidden() {
    return current.hidden();
  }

  ZoneId serverZone() {
    return serverZone;
  }
}
