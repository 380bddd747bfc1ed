/**
 * Calendar sources: fetching feeds (HTTP with conditional GET, gzip, size limits; files),
 * background refresh with jitter and back-off, per-source state, and the bundled demo calendar.
 */
package calendarbot.source;
