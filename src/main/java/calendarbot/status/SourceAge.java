package calendarbot.status;

import java.time.Duration;
import java.time.Instant;

/**
 * How old one source's data is, for the staleness alert.
 *
 * @param lastSuccess {@code null} when the source has never been read
 * @param interval the source's effective refresh interval
 * @param lastErrorReason {@code null} unless the last attempt failed
 */
record SourceAge(
    String id, Instant lastSuccess, Duration interval, String lastErrorReason, String lastError) {}
