package calendarbot.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The export document; {@code POST /api/settings/import} takes the same shape ({@code backup} is
 * ignored on import).
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param exportedAt ISO-8601 UTC
 * @param backup what the last reset replaced, or {@code null}
 */
public record SettingsExport(
    String format,
    @JsonProperty("format_version") int formatVersion,
    @JsonProperty("exported_at") String exportedAt,
    Settings settings,
    @JsonProperty("hidden_events") List<HiddenEvent> hiddenEvents,
    Backup backup) {
  public static final String FORMAT = "calendarbot-settings";
  public static final int FORMAT_VERSION = 1;

  /** The state a reset replaced. */
  public record Backup(
      @JsonProperty("saved_at") String savedAt,
      Settings settings,
      @JsonProperty("hidden_events") List<HiddenEvent> hiddenEvents) {}
}
