package calendarbot.settings;

import calendarbot.event.Attendee;
import calendarbot.event.EventDetails;
import calendarbot.event.Instance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@link Filters} and hidden events compiled for fast application: patterns compiled once per
 * settings version, hidden ids in hash sets. Immutable and thread-safe.
 */
public final class Visibility {
  /** The title private instances get when {@link Filters#privateAsBusy}. */
  public static final String BUSY = "Busy";

  /** Outlook's prefixes for a meeting the organiser cancelled (US and UK spelling). */
  private static final List<String> CANCELLED_PREFIXES = List.of("canceled:", "cancelled:");

  private final List<Predicate<String>> titlePatterns;
  private final List<Predicate<String>> focusTimePatterns;
  private final boolean hideAllDay;
  private final boolean hideTransparent;
  private final boolean hideCancelled;
  private final Set<String> declinedBy;
  private final Set<String> disabledSources;
  private final Set<String> hiddenInstances;
  private final Set<String> hiddenSeries;
  private final boolean privateAsBusy;

  private Visibility(Filters f, List<HiddenEvent> hidden) {
    titlePatterns = compile(f.titlePatterns());
    focusTimePatterns = f.hideFocusTime() ? compile(f.focusTimePatterns()) : List.of();
    hideAllDay = f.hideAllDay();
    hideTransparent = f.hideTransparent();
    hideCancelled = f.hideCancelled();
    declinedBy = f.hideDeclined() ? Set.copyOf(f.myAddresses()) : Set.of();
    disabledSources = Set.copyOf(f.disabledSources());
    Set<String> instances = new HashSet<>();
    Set<String> series = new HashSet<>();
    for (HiddenEvent e : hidden) {
      if (HiddenEvent.SERIES.equals(e.scope())) {
        series.add(seriesKey(e.sourceId(), e.uid()));
      } else {
        instances.add(e.instanceId());
      }
    }
    hiddenInstances = Set.copyOf(instances);
    hiddenSeries = Set.copyOf(series);
    privateAsBusy = f.privateAsBusy();
  }

  /** Compiles {@code filters} and {@code hidden}. Patterns are assumed valid (validated before). */
  public static Visibility of(Filters filters, List<HiddenEvent> hidden) {
    return new Visibility(filters, hidden);
  }

  /**
   * The instances a person sees, in the same order: hidden ones removed, private ones redacted to
   * {@link #BUSY} with no location, description, url, organizer or attendees.
   */
  public List<Instance> apply(List<Instance> instances) {
    List<Instance> out = new ArrayList<>(instances.size());
    for (Instance i : instances) {
      if (visible(i)) {
        out.add(privateAsBusy && isPrivate(i.details()) ? redacted(i) : i);
      }
    }
    return out;
  }

  /** Whether {@code i} passes every filter and is not hidden (before any redaction). */
  boolean visible(Instance i) {
    if (disabledSources.contains(i.sourceId())
        || hiddenInstances.contains(i.id().value())
        || (!hiddenSeries.isEmpty() && hiddenSeries.contains(seriesKey(i.sourceId(), i.uid())))
        || (hideAllDay && i.allDay())) {
      return false;
    }
    EventDetails d = i.details();
    String title = d.summary() == null ? "" : d.summary();
    if ((hideTransparent && "TRANSPARENT".equals(d.transparency()))
        || (hideCancelled && (d.cancelled() || cancelledTitle(title)))
        || declined(d)) {
      return false;
    }
    return !matchesAny(titlePatterns, title) && !matchesAny(focusTimePatterns, title);
  }

  private boolean declined(EventDetails d) {
    if (declinedBy.isEmpty()) {
      return false;
    }
    for (Attendee a : d.attendees()) {
      if ("DECLINED".equals(a.partstat()) && declinedBy.contains(a.email())) {
        return true;
      }
    }
    return false;
  }

  private static boolean cancelledTitle(String title) {
    String t = title.stripLeading();
    for (String prefix : CANCELLED_PREFIXES) {
      if (t.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAny(List<Predicate<String>> patterns, String title) {
    if (patterns.isEmpty()) {
      return false;
    }
    for (Predicate<String> p : patterns) {
      if (p.test(title)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPrivate(EventDetails d) {
    return "PRIVATE".equals(d.classification()) || "CONFIDENTIAL".equals(d.classification());
  }

  private static Instance redacted(Instance i) {
    EventDetails d = i.details();
    return new Instance(
        i.id(),
        i.sourceId(),
        i.uid(),
        i.recurrenceId(),
        i.start(),
        i.end(),
        i.allDay(),
        new EventDetails(
            BUSY,
            null,
            null,
            null,
            d.status(),
            d.transparency(),
            d.classification(),
            null,
            List.of()));
  }

  private static List<Predicate<String>> compile(List<TitlePattern> patterns) {
    List<Predicate<String>> out = new ArrayList<>(patterns.size());
    for (TitlePattern p : patterns) {
      out.add(compile(p));
    }
    return List.copyOf(out);
  }

  static Predicate<String> compile(TitlePattern p) {
    if (p.regex()) {
      int flags = p.caseSensitive() ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
      Pattern compiled = Pattern.compile(p.pattern(), flags);
      return title -> compiled.matcher(title).find();
    }
    if (p.caseSensitive()) {
      String needle = p.pattern();
      return title -> title.contains(needle);
    }
    String needle = p.pattern().toLowerCase(Locale.ROOT);
    return title -> title.toLowerCase(Locale.ROOT).contains(needle);
  }

  private static String seriesKey(String sourceId, String uid) {
    return sourceId + '\n' + uid;
  }
}
