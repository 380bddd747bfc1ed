package calendarbot.flags;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One flag as {@code GET /api/admin/flags} shows it.
 *
 * @param name the flag's code, e.g. {@code response_cache}
 * @param enabled the configured switch
 * @param rollout the configured percentage of subjects
 * @param emergencyDisabled whether {@code emergency_disable} forces it off
 * @param state {@code on} (every subject), {@code off} (none) or {@code partial}
 * @param why one sentence: which setting decides the state, e.g. "off: emergency_disable=all (set
 *     by env CALENDARBOT_EMERGENCY_DISABLE)" or "partial: pipeline.cache.rollout=25"
 */
public record FlagState(
    String name,
    @JsonProperty("enabled_key") String enabledKey,
    @JsonProperty("rollout_key") String rolloutKey,
    boolean enabled,
    int rollout,
    @JsonProperty("emergency_disabled") boolean emergencyDisabled,
    String state,
    String why) {}
