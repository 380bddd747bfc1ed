package calendarbot.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How the kiosk page and the e-ink image present the day.
 *
 * @param timezone the display zone as an IANA id (validated), or {@code null} for the server's
 *     configured {@code timezone}
 * @param clock {@code "24h"} or {@code "12h"}
 * @param layout one of {@link #LAYOUTS}
 * @param theme one of {@link #THEMES}
 * @param laterEvents how many later-today events to show, {@link #MIN_LATER}..{@link #MAX_LATER}
 * @param pollIntervalSeconds how often the page polls, {@link #MIN_POLL_SECONDS}..{@link
 *     #MAX_POLL_SECONDS}
 */
public record Display(
    String timezone,
    String clock,
    String layout,
    String theme,
    @JsonProperty("later_events") int laterEvents,
    @JsonProperty("poll_interval_seconds") int pollIntervalSeconds) {
  public static final List<String> CLOCKS = List.of("24h", "12h");
  public static final List<String> LAYOUTS = List.of("whats-next", "agenda");
  public static final List<String> THEMES = List.of("light", "dark", "eink");
  public static final int MIN_LATER = 0;
  public static final int MAX_LATER = 20;
  public static final int MIN_POLL_SECONDS = 10;
  public static final int MAX_POLL_SECONDS = 3600;

  public Display {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(theme, "theme");
  }

  /** 24-hour clock, what's-next layout, light theme, five later events, a poll a minute. */
  public static Display defaults() {
    return new Display(null, "24h", "whats-next", "light", 5, 60);
  }

  /** {@link #timezone}, or {@code serverZone} when unset. */
  public ZoneId zoneOr(ZoneId serverZone) {
    return timezone == null ? serverZone : ZoneId.of(timezone);
  }
}
