package calendarbot.ics;

import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the TZIDs of one feed into {@link calendarbot.event.ZoneTable} keys, in this order:
 *
 * <ol>
 *   <li>an IANA id ({@code Europe/Berlin}) is used as is;
 *   <li>a Windows/Outlook name ({@code W. Europe Standard Time}) maps to its CLDR IANA id;
 *   <li>a TZID that ends in an IANA id ({@code /mozilla.org/20050126_1/Europe/Berlin}) uses it;
 *   <li>a VTIMEZONE of the feed with that TZID is compiled to zone rules, kept under the TZID as
 *       written (so {@code (UTC+01:00) Amsterdam, Berlin, ...} works when the feed defines it);
 *   <li>otherwise the TZID is unknown: its times are floating, and one warning says so.
 * </ol>
 *
 * Not thread-safe; one per parse.
 */
final class TzidResolver {
  private static final Set<String> IANA = ZoneId.getAvailableZoneIds();

  private final Map<String, VTimezone> defined;
  private final WindowsZones windows;
  private final List<String> warnings;
  private final String label;
  private final Map<String, Optional<String>> resolved = new HashMap<>();
  private final Map<String, ZoneRules> custom = new HashMap<>();

  TzidResolver(
      Map<String, VTimezone> defined, WindowsZones windows, List<String> warnings, String label) {
    this.defined = defined;
    this.windows = windows;
    this.warnings = warnings;
    this.label = label;
  }

  /**
   * @param tzid a TZID parameter or X-WR-TIMEZONE value as written
   * @return the zone table key for it, or {@code null} when it is unknown (a warning was added)
   */
  String resolve(String tzid) {
    return resolved.computeIfAbsent(tzid, t -> Optional.ofNullable(lookUp(t))).orElse(null);
  }

  /**
   * Whether {@link #resolve} would answer the same now as after the whole feed is read: true unless
   * the TZID is unknown so far (its VTIMEZONE may come later in the feed).
   */
  boolean decidableNow(String tzid) {
    if (resolved.containsKey(tzid) || defined.containsKey(tzid)) {
      return true;
    }
    String t = unquote(tzid.trim());
    return IANA.contains(t) || windows.iana(t) != null || embeddedIana(t) != null;
  }

  /** Rules compiled from the feed's VTIMEZONEs, by TZID; for the zone table. */
  Map<String, ZoneRules> custom() {
    return custom;
  }

  private String lookUp(String raw) {
    String tzid = unquote(raw.trim());
    if (IANA.contains(tzid)) {
      return tzid;
    }
    String mapped = windows.iana(tzid);
    if (mapped != null && IANA.contains(mapped)) {
      return mapped;
    }
    String embedded = embeddedIana(tzid);
    if (embedded != null) {
      return embedded;
    }
    VTimezone vtz = defined.get(raw);
    if (vtz == null) {
      vtz = defined.get(tzid);
    }
    if (vtz != null) {
      try {
        custom.put(raw, VTimezoneCompiler.compile(vtz));
        return raw;
      } catch (RuntimeException e) {
        warnings.add(
            label
                + ": VTIMEZONE '"
                + tzid
                + "' at line "
                + vtz.line()
                + " cannot be used ("
                + e.getMessage()
                + "); times in it are treated as floating (display zone)");
        return null;
      }
    }
    warnings.add(
        label
            + ": TZID '"
            + tzid
            + "' is not an IANA zone, not a known Windows zone name, and the feed has no"
            + " VTIMEZONE for it; times in it are treated as floating (display zone)");
    return null;
  }

  /** The longest IANA id that ends {@code tzid} after a '/', or {@code null}. */
  private static String embeddedIana(String tzid) {
    for (int i = tzid.indexOf('/'); i >= 0; i = tzid.indexOf('/', i + 1)) {
      String suffix = tzid.substring(i + 1);
      if (suffix.indexOf('/') > 0 && IANA.contains(suffix)) {
        return suffix;
      }
    }
    return null;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
