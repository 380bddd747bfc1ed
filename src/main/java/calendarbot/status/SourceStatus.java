package calendarbot.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One source as status answers show it. Instants are ISO-8601 UTC strings or {@code null}.
 *
 * @param state {@code LOADING} (never read yet), {@code OK}, or {@code FAILED} (the last attempt
 *     failed; the last good data is still served)
 * @param stale whether the data is older than two refresh intervals, or the source is failing
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SourceStatus(
    String id,
    String name,
    String url,
    String state,
    boolean stale,
    @JsonProperty("last_success") String lastSuccess,
    @JsonProperty("last_attempt") String lastAttempt,
    @JsonProperty("last_checked") String lastChecked,
    @JsonProperty("last_error") String lastError,
    @JsonProperty("last_error_reason") String lastErrorReason,
    @JsonProperty("consecutive_failures") int consecutiveFailures,
    @JsonProperty("event_count") int eventCount,
    @JsonProperty("next_refresh") String nextRefresh) {}
