package calendarbot.settings;

import calendarbot.error.FieldProblem;
import calendarbot.error.NotFoundException;
import calendarbot.settings.HiddenBinder.Import;
import calendarbot.settings.HiddenBinder.Request;
import calendarbot.store.Database;
import calendarbot.store.HiddenEventStore;
import calendarbot.store.SettingsStore;
import calendarbot.store.StoredHiddenEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door of settings: reads and changes them, validates documents as a whole, keeps hidden
 * events, and hands readers an immutable {@link SettingsSnapshot}.
 *
 * <p>Every change is validated completely before anything is written (an {@link
 * calendarbot.error.InvalidSettingsException} lists every problem and changes nothing), written in
 * one database transaction, then published as a new snapshot with a higher version, then announced
 * to the listeners (cache invalidation). Snapshots are read without locking. A change that leaves
 * everything as it was (a {@code PUT} of what a {@code GET} answered, hiding what is hidden) writes
 * nothing and keeps the version.
 *
 * <p>JSON documents use the snake_case field names of {@link Settings}, {@link Filters} and {@link
 * Display}; a {@code PUT} replaces the section it names, and absent fields take their defaults.
 *
 * <p>Storage: the settings document as JSON under {@link #DOCUMENT_KEY} of the settings table, the
 * last reset's backup under {@link #BACKUP_KEY}, hidden events in their own table. A stored
 * document that no longer validates (a source removed from the configuration, a zone renamed) is
 * loaded with defaults for its broken parts and a WARN naming them.
 *
 * <p>Threading: thread-safe; writers are serialised. Errors: {@link
 * calendarbot.error.InvalidSettingsException} (400), {@link NotFoundException} for unhiding what is
 * not hidden, {@link calendarbot.error.StorageException} when the database fails.
 */
public final class SettingsService {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsService.class);

  /** Settings-table key of the settings document. */
  static final String DOCUMENT_KEY = "settings.document";

  /** Settings-table key of what the last reset replaced. */
  static final String BACKUP_KEY = "settings.backup";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final SettingsStore store;
  private final HiddenEventStore hiddenStore;
  private final Clock clock;
  private final ZoneId serverZone;
  private final SettingsBinder binder;
  private final HiddenBinder hiddenBinder;
  private final Object writeLock = new Object();
  private volatile SettingsSnapshot current;

  private SettingsService(
      Database db, Clock clock, ZoneId serverZone, Supplier<List<String>> sourceIds) {
    this.store = new SettingsStore(db, clock);
    this.hiddenStore = new HiddenEventStore(db, clock);
    this.clock = clock;
    this.serverZone = Objects.requireNonNull(serverZone, "serverZone");
    this.binder = new SettingsBinder(sourceIds);
    this.hiddenBinder = new HiddenBinder(binder);
  }

  /**
   * Loads the stored settings and hidden events (defaults when none are stored). Never fails on a
   * stored document that breaks today's rules: its broken parts take defaults, with a WARN.
   *
   * @param sourceIds the configured source ids, for validating {@code disabled_sources}
   * @throws calendarbot.error.StorageException when the database cannot be read
   */
  public static SettingsService open(
      Database db, Clock clock, ZoneId serverZone, Supplier<List<String>> sourceIds) {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sourceIds, "sourceIds");
    SettingsService service = new SettingsService(db, clock, serverZone, sourceIds);
    Settings settings = service.loadSettings();
    List<HiddenEvent> hidden =
        service.hiddenStore.all().stream().map(SettingsService::hidden).toList();
    service.current = SettingsSnapshot.of(1, settings, hidden, serverZone);
    LOG.info(
        "settings: loaded (version 1, {} hidden event(s), display zone {})",
        hidden.size(),
        service.current.zone());
    return service;
  }

  private Settings loadSettings() {
    Optional<String> stored = store.get(DOCUMENT_KEY);
    if (stored.isEmpty()) {
      return Settings.defaults();
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(stored.get());
    } catch (JsonProcessingException e) {
      LOG.warn(
          "settings: stored document '{}' is not JSON ({}); using defaults until settings are"
              + " saved again",
          DOCUMENT_KEY,
          e.getOriginalMessage());
      return Settings.defaults();
    }
    FieldReader.Bound<Settings> bound = binder.settings(tree);
    if (!bound.problems().isEmpty()) {
      LOG.warn(
          "settings: stored document breaks {} rule(s), using defaults for those parts until"
              + " settings are saved again: {}",
          bound.problems().size(),
          bound.problems().stream().map(FieldProblem::message).collect(Collectors.joining("; ")));
    }
    return bound.value();
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
    return binder.settings(document).problems();
  }

  /** {@code PUT /api/settings}: replaces filters and display. */
  public Settings replace(JsonNode document) {
    Settings s = binder.settings(document).valid();
    return changeSettings(old -> s).settings();
  }

  /** {@code PUT /api/settings/filters}. */
  public Filters replaceFilters(JsonNode document) {
    Filters f = binder.filters(document).valid();
    return changeSettings(old -> old.withFilters(f)).settings().filters();
  }

  /** {@code PUT /api/settings/display}. */
  public Display replaceDisplay(JsonNode document) {
    Display d = binder.display(document).valid();
    return changeSettings(old -> old.withDisplay(d)).settings().display();
  }

  /** {@code GET /api/settings/export}: settings, hidden events and the last reset's backup. */
  public SettingsExport export() {
    SettingsSnapshot s = current;
    return new SettingsExport(
        SettingsExport.FORMAT,
        SettingsExport.FORMAT_VERSION,
        clock.instant().toString(),
        s.settings(),
        s.hidden(),
        backup().orElse(null));
  }

  /** {@code POST /api/settings/import}: validates the whole export document, then replaces all. */
  public SettingsSnapshot importDocument(JsonNode document) {
    Import in = hiddenBinder.importDocument(document, clock.instant()).valid();
    SettingsSnapshot published;
    synchronized (writeLock) {
      hiddenStore.replaceAll(
          Map.of(DOCUMENT_KEY, json(in.settings())), Set.of(), rows(in.hidden()));
      published = publish(in.settings(), in.hidden());
    }
    LOG.info(
        "settings: imported (version {}, {} hidden event(s))",
        published.version(),
        published.hidden().size());
    notifyListeners();
    return published;
  }

  /**
   * {@code POST /api/settings/reset}: keeps the current settings and hidden events as the backup
   * (replacing an earlier one), then returns to defaults with nothing hidden.
   */
  public SettingsSnapshot reset() {
    SettingsSnapshot published;
    synchronized (writeLock) {
      SettingsSnapshot old = current;
      SettingsExport.Backup backup =
          new SettingsExport.Backup(clock.instant().toString(), old.settings(), old.hidden());
      // The document is deleted, not written as defaults, so a later release's defaults apply.
      hiddenStore.replaceAll(Map.of(BACKUP_KEY, json(backup)), Set.of(DOCUMENT_KEY), List.of());
      published = publish(Settings.defaults(), List.of());
    }
    LOG.info("settings: reset to defaults (version {}); backup kept", published.version());
    notifyListeners();
    return published;
  }

  /**
   * {@code POST /api/events/hide}. Idempotent: hiding what is hidden answers the existing entry.
   */
  public HiddenEvent hide(JsonNode request) {
    Request r = hiddenBinder.hide(request).valid();
    HiddenEvent wanted =
        new HiddenEvent(
            r.scope(), r.id(), r.sourceId(), r.uid(), r.subject(), clock.instant().toString());
    String key = HiddenBinder.key(wanted);
    synchronized (writeLock) {
      SettingsSnapshot old = current;
      for (HiddenEvent e : old.hidden()) {
        if (HiddenBinder.key(e).equals(key)) {
          return e;
        }
      }
      hiddenStore.add(row(wanted));
      List<HiddenEvent> hidden = new ArrayList<>(old.hidden());
      hidden.add(wanted);
      publish(old.settings(), hidden);
    }
    notifyListeners();
    return wanted;
  }

  /**
   * {@code POST /api/events/unhide}: removes the hidden instance {@code id}, or for scope {@code
   * series} the hidden series that {@code id} was hidden by (or named by source_id and uid).
   *
   * @throws NotFoundException when nothing matching is hidden
   */
  public HiddenEvent unhide(JsonNode request) {
    Request r = hiddenBinder.unhide(request).valid();
    HiddenEvent found = null;
    synchronized (writeLock) {
      SettingsSnapshot old = current;
      for (HiddenEvent e : old.hidden()) {
        if (matches(e, r)) {
          found = e;
          break;
        }
      }
      if (found == null) {
        throw new NotFoundException(
            "no hidden "
                + r.scope()
                + " with id '"
                + r.id()
                + "'; GET /api/events/hidden lists what is hidden");
      }
      hiddenStore.remove(row(found));
      List<HiddenEvent> hidden = new ArrayList<>(old.hidden());
      hidden.remove(found);
      publish(old.settings(), hidden);
    }
    notifyListeners();
    return found;
  }

  private static boolean matches(HiddenEvent e, Request r) {
    if (!e.scope().equals(r.scope())) {
      return false;
    }
    if (HiddenEvent.INSTANCE.equals(r.scope())) {
      return e.instanceId().equals(r.id());
    }
    return e.instanceId().equals(r.id())
        || (e.sourceId().equals(r.sourceId()) && e.uid().equals(r.uid()));
  }

  /** {@code GET /api/events/hidden}. */
  public List<HiddenEvent> hidden() {
    return current.hidden();
  }

  private SettingsSnapshot changeSettings(UnaryOperator<Settings> change) {
    SettingsSnapshot published;
    synchronized (writeLock) {
      SettingsSnapshot old = current;
      Settings next = change.apply(old.settings());
      if (next.equals(old.settings())) {
        return old;
      }
      store.put(DOCUMENT_KEY, json(next));
      published = publish(next, old.hidden());
    }
    notifyListeners();
    return published;
  }

  /** Called with the write lock held, after the database committed. */
  private SettingsSnapshot publish(Settings settings, List<HiddenEvent> hidden) {
    SettingsSnapshot next =
        SettingsSnapshot.of(current.version() + 1, settings, hidden, serverZone);
    current = next;
    return next;
  }

  private void notifyListeners() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        // The change is committed and published; one failing listener must not hide it from
        // the others or turn the request into an error.
        LOG.warn("settings: change listener {} failed: {}", listener, e.toString(), e);
      }
    }
  }

  private Optional<SettingsExport.Backup> backup() {
    Optional<String> stored = store.get(BACKUP_KEY);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode tree = JSON.readTree(stored.get());
      // Bound leniently: a backup stays readable after a source or zone it names went away.
      FieldReader r = new FieldReader();
      Settings settings = binder.settings(r, FieldReader.field(tree, "settings"), "settings");
      List<HiddenEvent> hidden =
          hiddenBinder.hiddenEvents(r, tree, "", "hidden_events", clock.instant());
      JsonNode savedAt = FieldReader.field(tree, "saved_at");
      return Optional.of(
          new SettingsExport.Backup(savedAt == null ? null : savedAt.asText(), settings, hidden));
    } catch (JsonProcessingException e) {
      LOG.warn(
          "settings: stored backup is not JSON ({}); export leaves it out", e.getOriginalMessage());
      return Optional.empty();
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  private static List<StoredHiddenEvent> rows(List<HiddenEvent> hidden) {
    return hidden.stream().map(SettingsService::row).toList();
  }

  private static StoredHiddenEvent row(HiddenEvent e) {
    return new StoredHiddenEvent(
        e.scope(), e.instanceId(), e.sourceId(), e.uid(), e.subject(), e.hiddenAt());
  }

  private static HiddenEvent hidden(StoredHiddenEvent r) {
    return new HiddenEvent(
        r.scope(), r.instanceId(), r.sourceId(), r.uid(), r.subject(), r.hiddenAt());
  }
}
