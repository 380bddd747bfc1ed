/**
 * Data freshness and server status: which sources have been read, which are failing and since when,
 * and whether the server can serve at all; the active warnings as data ({@link
 * calendarbot.status.Alerts}). Feeds {@code /health}, {@code /api/status} and the {@code
 * status_info} block of every data answer.
 */
package calendarbot.status;
