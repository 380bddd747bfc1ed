package calendarbot.settings;

import calendarbot.settings.FieldReader.Bound;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Binds the hide and unhide requests, lists of hidden events and the import document, with the same
 * rules and error reporting as {@link SettingsBinder}.
 *
 * <p>Thread-safe.
 */
final class HiddenBinder {
  static final List<String> HIDE_FIELDS = List.of("id", "scope", "source_id", "uid", "subject");
  static final List<String> UNHIDE_FIELDS = List.of("id", "scope", "source_id", "uid");
  static final List<String> HIDDEN_FIELDS =
      List.of("scope", "instance_id", "source_id", "uid", "subject", "hidden_at");
  static final List<String> IMPORT_FIELDS =
      List.of("format", "format_version", "exported_at", "settings", "hidden_events", "backup");
  static final List<String> SCOPES = List.of(HiddenEvent.INSTANCE, HiddenEvent.SERIES);

  /** A validated hide or unhide request; {@code sourceId}, {@code uid} may be null for unhide. */
  record Request(String scope, String id, String sourceId, String uid, String subject) {}

  /** A validated import: what replaces the current state. */
  record Import(Settings settings, List<HiddenEvent> hidden) {}

  private final SettingsBinder settings;

  HiddenBinder(SettingsBinder settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** {@code {"id", "scope", "source_id", "uid", "subject"}}: id, source_id and uid required. */
  Bound<Request> hide(JsonNode body) {
    FieldReader r = new FieldReader();
    if (!r.object(body, "")) {
      return r.bound(null);
    }
    r.onlyKnown(body, "", HIDE_FIELDS);
    String subject =
        FieldReader.field(body, "subject") == null ? null : r.text(body, "", "subject", false);
    return r.bound(
        new Request(
            r.choice(body, "", "scope", SCOPES, HiddenEvent.INSTANCE),
            r.text(body, "", "id", true),
            r.text(body, "", "source_id", true),
            r.text(body, "", "uid", true),
            subject));
  }

  /** {@code {"id", "scope"}}, optionally with source_id and uid to name a series. */
  Bound<Request> unhide(JsonNode body) {
    FieldReader r = new FieldReader();
    if (!r.object(body, "")) {
      return r.bound(null);
    }
    r.onlyKnown(body, "", UNHIDE_FIELDS);
    return r.bound(
        new Request(
            r.choice(body, "", "scope", SCOPES, HiddenEvent.INSTANCE),
            r.text(body, "", "id", true),
            r.text(body, "", "source_id", false),
            r.text(body, "", "uid", false),
            null));
  }

  /**
   * The export format ({@link SettingsExport}) as a whole: format and format_version must match,
   * settings and hidden events are checked as everywhere else; exported_at and backup are ignored.
   *
   * @param now stamps hidden events without {@code hidden_at}
   */
  Bound<Import> importDocument(JsonNode body, Instant now) {
    FieldReader r = new FieldReader();
    if (!r.object(body, "")) {
      return r.bound(null);
    }
    r.onlyKnown(body, "", IMPORT_FIELDS);
    JsonNode format = FieldReader.field(body, "format");
    if (format == null || !SettingsExport.FORMAT.equals(format.asText())) {
      r.problem("format", "'" + SettingsExport.FORMAT + "'", format);
    }
    JsonNode version = FieldReader.field(body, "format_version");
    if (version == null
        || !version.isIntegralNumber()
        || version.asLong() != SettingsExport.FORMAT_VERSION) {
      r.problem("format_version", String.valueOf(SettingsExport.FORMAT_VERSION), version);
    }
    Settings s = settings.settings(r, FieldReader.field(body, "settings"), "settings");
    List<HiddenEvent> hidden = hiddenEvents(r, body, "", "hidden_events", now);
    return r.bound(new Import(s, hidden));
  }

  /**
   * The hidden events of array field {@code name}: each needs instance_id, source_id and uid; a
   * second entry for the same instance (or series) is dropped.
   */
  List<HiddenEvent> hiddenEvents(
      FieldReader r, JsonNode object, String path, String name, Instant now) {
    List<JsonNode> items = r.array(object, path, name, "an array of hidden events");
    if (items == null) {
      return List.of();
    }
    String listPath = FieldReader.path(path, name);
    List<HiddenEvent> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      HiddenEvent e = hiddenEvent(r, items.get(i), listPath + "[" + i + "]", now);
      if (e != null && keys.add(key(e))) {
        out.add(e);
      }
    }
    return out;
  }

  /** What makes two hidden events the same: the instance id, or the series' source and UID. */
  static String key(HiddenEvent e) {
    return HiddenEvent.SERIES.equals(e.scope())
        ? "series\n" + e.sourceId() + "\n" + e.uid()
        : "instance\n" + e.instanceId();
  }

  private static HiddenEvent hiddenEvent(FieldReader r, JsonNode node, String path, Instant now) {
    int before = r.problemCount();
    if (node == null || !node.isObject()) {
      r.problem(path, "a hidden event object", node);
      return null;
    }
    r.onlyKnown(node, path, HIDDEN_FIELDS);
    String scope = r.choice(node, path, "scope", SCOPES, HiddenEvent.INSTANCE);
    String id = r.text(node, path, "instance_id", true);
    String sourceId = r.text(node, path, "source_id", true);
    String uid = r.text(node, path, "uid", true);
    String subject =
        FieldReader.field(node, "subject") == null ? null : r.text(node, path, "subject", false);
    String hiddenAt = now.toString();
    JsonNode at = FieldReader.field(node, "hidden_at");
    if (at != null) {
      try {
        hiddenAt = Instant.parse(at.asText()).toString();
      } catch (DateTimeParseException e) {
        r.problem(
            FieldReader.path(path, "hidden_at"),
            "an ISO-8601 instant such as 2026-11-23T09:00:00Z",
            at);
      }
    }
    return r.problemCount() == before
        ? new HiddenEvent(scope, id, sourceId, uid, subject, hiddenAt)
        : null;
  }
}
