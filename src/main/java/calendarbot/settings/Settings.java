package calendarbot.settings;

import java.util.Objects;

/** Everything a person can set through {@code /api/settings}. Immutable; always valid. */
public record Settings(Filters filters, Display display) {
  public Settings {
    Objects.requireNonNull(filters, "filters");
    Objects.requireNonNull(display, "display");
  }

  public static Settings defaults() {
    return new Settings(Filters.defaults(), Display.defaults());
  }

  public Settings withFilters(Filters f) {
    return new Settings(f, display);
  }

  public Settings withDisplay(Display d) {
    return new Settings(filters, d);
  }
}
