package calendarbot.settings;

import calendarbot.event.Instance;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Filters} and hidden events compiled for fast application: patterns compiled once per
 * settings version, hidden ids in hash sets. Immutable and thread-safe.
 */
public final class Visibility {
  /** The title private instances get when {@link Filters#privateAsBusy}. */
  public static final String BUSY = "Busy";

  private Visibility() {}

  /** Compiles {@code filters} and {@code hidden}. Patterns are assumed valid (validated before). */
  public static Visibility of(Filters filters, List<HiddenEvent> hidden) {
    // TODO(settings helper): compile filters and hidden sets.
    return new Visibility();
  }

  /**
   * The instances a person sees, in the same order: hidden ones removed, private ones redacted to
   * {@link #BUSY} with no location, description, url, organizer or attendees.
   */
  public List<Instance> apply(List<Instance> instances) {
    return new ArrayList<>(instances);
  }
}
