package calendarbot.settings;

import calendarbot.settings.FieldReader.Bound;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Binds JSON documents to {@link Settings}, {@link Filters} and {@link Display}, checking every
 * rule and reporting every broken one with its JSON path. Absent fields (and JSON {@code null})
 * take their defaults; a broken scalar takes its default and a broken list element is dropped, so
 * the bound value is usable by a lenient caller (loading a stored document) while a strict caller
 * rejects the whole document ({@link Bound#valid}).
 *
 * <p>Thread-safe: holds only the supplier of configured source ids.
 */
final class SettingsBinder {
  /** Top-level fields of a settings document; {@code version} (from a GET) is ignored. */
  static final List<String> SETTINGS_FIELDS = List.of("filters", "display", "version");

  static final List<String> FILTER_FIELDS =
      List.of(
          "title_patterns",
          "hide_all_day",
          "hide_declined",
          "my_addresses",
          "hide_transparent",
          "hide_cancelled",
          "hide_focus_time",
          "focus_time_patterns",
          "disabled_sources",
          "private_as_busy");
  static final List<String> DISPLAY_FIELDS =
      List.of("timezone", "clock", "layout", "theme", "later_events", "poll_interval_seconds");
  static final List<String> PATTERN_FIELDS = List.of("pattern", "regex", "case_sensitive");

  /** Something@something, no spaces: enough to catch a name or a typo pasted in by mistake. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private static final String ZONE_RULE =
      "an IANA time zone id such as Europe/Berlin, or null for the server's zone";

  private final Supplier<List<String>> sourceIds;

  SettingsBinder(Supplier<List<String>> sourceIds) {
    this.sourceIds = Objects.requireNonNull(sourceIds, "sourceIds");
  }

  /** A whole settings document ({@code PUT /api/settings}, validate). */
  Bound<Settings> settings(JsonNode document) {
    FieldReader r = new FieldReader();
    return r.bound(settings(r, document, ""));
  }

  /** A filters document ({@code PUT /api/settings/filters}); a top-level version is ignored. */
  Bound<Filters> filters(JsonNode document) {
    FieldReader r = new FieldReader();
    return r.bound(filters(r, document, "", true));
  }

  /** A display document ({@code PUT /api/settings/display}); a top-level version is ignored. */
  Bound<Display> display(JsonNode document) {
    FieldReader r = new FieldReader();
    return r.bound(display(r, document, "", true));
  }

  Settings settings(FieldReader r, JsonNode node, String path) {
    if (!r.object(node, path)) {
      return Settings.defaults();
    }
    r.onlyKnown(node, path, path.isEmpty() ? SETTINGS_FIELDS : SETTINGS_FIELDS.subList(0, 2));
    return new Settings(
        filters(r, FieldReader.field(node, "filters"), FieldReader.path(path, "filters"), false),
        display(r, FieldReader.field(node, "display"), FieldReader.path(path, "display"), false));
  }

  private Filters filters(FieldReader r, JsonNode node, String path, boolean topLevel) {
    Filters d = Filters.defaults();
    if (!r.object(node, path)) {
      return d;
    }
    r.onlyKnown(node, path, topLevel ? withVersion(FILTER_FIELDS) : FILTER_FIELDS);
    return new Filters(
        patterns(r, node, path, "title_patterns", d.titlePatterns()),
        r.bool(node, path, "hide_all_day", d.hideAllDay()),
        r.bool(node, path, "hide_declined", d.hideDeclined()),
        addresses(r, node, path, d.myAddresses()),
        r.bool(node, path, "hide_transparent", d.hideTransparent()),
        r.bool(node, path, "hide_cancelled", d.hideCancelled()),
        r.bool(node, path, "hide_focus_time", d.hideFocusTime()),
        patterns(r, node, path, "focus_time_patterns", d.focusTimePatterns()),
        sources(r, node, path, d.disabledSources()),
        r.bool(node, path, "private_as_busy", d.privateAsBusy()));
  }

  private Display display(FieldReader r, JsonNode node, String path, boolean topLevel) {
    Display d = Display.defaults();
    if (!r.object(node, path)) {
      return d;
    }
    r.onlyKnown(node, path, topLevel ? withVersion(DISPLAY_FIELDS) : DISPLAY_FIELDS);
    return new Display(
        zone(r, node, path, d.timezone()),
        r.choice(node, path, "clock", Display.CLOCKS, d.clock()),
        r.choice(node, path, "layout", Display.LAYOUTS, d.layout()),
        r.choice(node, path, "theme", Display.THEMES, d.theme()),
        r.integer(
            node, path, "later_events", Display.MIN_LATER, Display.MAX_LATER, d.laterEvents()),
        r.integer(
            node,
            path,
            "poll_interval_seconds",
            Display.MIN_POLL_SECONDS,
            Display.MAX_POLL_SECONDS,
            d.pollIntervalSeconds()));
  }

  private static List<String> withVersion(List<String> fields) {
    List<String> out = new ArrayList<>(fields);
    out.add("version");
    return out;
  }

  private static String zone(FieldReader r, JsonNode node, String path, String fallback) {
    JsonNode n = FieldReader.field(node, "timezone");
    if (n == null) {
      return fallback;
    }
    // The available ids are exactly what ZoneId.of accepts as a region; offsets like "+01:00"
    // are not zones a person lives in and would freeze DST.
    if (!n.isTextual() || !ZoneId.getAvailableZoneIds().contains(n.asText())) {
      r.problem(FieldReader.path(path, "timezone"), ZONE_RULE, n);
      return fallback;
    }
    return n.asText();
  }

  private static List<TitlePattern> patterns(
      FieldReader r, JsonNode node, String path, String name, List<TitlePattern> fallback) {
    String listPath = FieldReader.path(path, name);
    List<JsonNode> items = r.array(node, path, name, "an array of pattern objects");
    if (items == null) {
      return fallback;
    }
    List<TitlePattern> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      TitlePattern p = pattern(r, items.get(i), listPath + "[" + i + "]");
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /** One title pattern, or {@code null} when it breaks a rule. */
  static TitlePattern pattern(FieldReader r, JsonNode node, String path) {
    int before = r.problemCount();
    if (node == null || !node.isObject()) {
      r.problem(path, "an object with pattern, regex and case_sensitive", node);
      return null;
    }
    r.onlyKnown(node, path, PATTERN_FIELDS);
    String text = r.text(node, path, "pattern", true);
    boolean regex = r.bool(node, path, "regex", false);
    boolean caseSensitive = r.bool(node, path, "case_sensitive", false);
    if (text != null && regex) {
      try {
        Pattern.compile(text);
      } catch (PatternSyntaxException e) {
        r.problem(
            FieldReader.path(path, "pattern"),
            "a valid regular expression ("
                + e.getDescription()
                + " near index "
                + e.getIndex()
                + ")",
            text);
      }
    }
    return r.problemCount() == before ? new TitlePattern(text, regex, caseSensitive) : null;
  }

  private static List<String> addresses(
      FieldReader r, JsonNode node, String path, List<String> fallback) {
    String listPath = FieldReader.path(path, "my_addresses");
    List<JsonNode> items = r.array(node, path, "my_addresses", "an array of e-mail addresses");
    if (items == null) {
      return fallback;
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode n = items.get(i);
      String address = n.isTextual() ? normaliseAddress(n.asText()) : "";
      if (!EMAIL.matcher(address).matches()) {
        r.problem(listPath + "[" + i + "]", "an e-mail address such as name@example.com", n);
      } else {
        out.add(address);
      }
    }
    return List.copyOf(out);
  }

  /** Strips {@code mailto:} (as calendars write addresses) and lower-cases, as attendees are. */
  static String normaliseAddress(String text) {
    String t = text.strip();
    if (t.regionMatches(true, 0, "mailto:", 0, 7)) {
      t = t.substring(7);
    }
    return t.toLowerCase(Locale.ROOT);
  }

  private List<String> sources(FieldReader r, JsonNode node, String path, List<String> fallback) {
    String listPath = FieldReader.path(path, "disabled_sources");
    List<JsonNode> items = r.array(node, path, "disabled_sources", "an array of source ids");
    if (items == null) {
      return fallback;
    }
    List<String> known = sourceIds.get();
    String rule =
        "one of the configured source ids ("
            + (known.isEmpty() ? "none are configured" : String.join(", ", known))
            + ")";
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode n = items.get(i);
      if (n.isTextual() && known.contains(n.asText())) {
        out.add(n.asText());
      } else {
        r.problem(listPath + "[" + i + "]", rule, n);
      }
    }
    return List.copyOf(out);
  }
}
