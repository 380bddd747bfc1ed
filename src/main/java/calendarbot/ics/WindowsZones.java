package calendarbot.ics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Windows/Outlook time zone names ({@code W. Europe Standard Time}) mapped to IANA ids, loaded once
 * from {@code windows-zones.properties} (CLDR territory "001"). Immutable and thread-safe.
 */
final class WindowsZones {
  private static final String RESOURCE = "windows-zones.properties";
  private static final WindowsZones INSTANCE = load();

  private final Map<String, String> byLowerName;

  private WindowsZones(Map<String, String> byLowerName) {
    this.byLowerName = byLowerName;
  }

  static WindowsZones instance() {
    return INSTANCE;
  }

  /** The IANA id for a Windows zone name (case-insensitive), or {@code null}. */
  String iana(String windowsName) {
    return byLowerName.get(windowsName.trim().toLowerCase(Locale.ROOT));
  }

  int size() {
    return byLowerName.size();
  }

  Map<String, String> asMap() {
    return Map.copyOf(byLowerName);
  }

  private static WindowsZones load() {
    Properties p = new Properties();
    try (InputStream in = WindowsZones.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "calendarbot/ics/" + RESOURCE + " is missing from the classpath; the build is broken");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read calendarbot/ics/" + RESOURCE, e);
    }
    Map<String, String> map = new HashMap<>();
    for (String name : p.stringPropertyNames()) {
      map.put(name.toLowerCase(Locale.ROOT), p.getProperty(name).trim());
    }
    return new WindowsZones(Map.copyOf(map));
  }
}
