package calendarbot.store;

/**
 * What tests in other packages may check of the store beyond its public API: counts and the
 * registered URL. Main code has no use for these, so they stay package-private in the store.
 */
public final class StoreProbe {
  private StoreProbe() {}

  /** Series stored for {@code sourceId}. */
  public static int seriesCount(SeriesStore store, String sourceId) {
    return store.seriesCount(sourceId);
  }

  /** The stored (redacted) URL of a registered source, or {@code null}. */
  public static String registeredUrl(SourceStateStore states, String sourceId) {
    return states.url(sourceId);
  }
}
