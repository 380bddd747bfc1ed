/**
 * Calendar sources: fetching feeds (HTTP with conditional GET, gzip, size limits; files),
 * background refresh with jitter and back-off, per-source state, and the bundled demo calendar.
 *
 * <p>Front doors: {@link calendarbot.source.FeedFetcher} (one per process; its HTTP clients come
 * from {@link calendarbot.connection.FeedConnections}, pooled or plain), {@link
 * calendarbot.source.RefreshService} (fetch → parse while streaming → expand the materialization
 * horizon → one store transaction per source → state → {@link calendarbot.source.RefreshListener}),
 * and {@link calendarbot.source.DemoCalendar} (served through the same path when no source is
 * configured). Failures are {@link calendarbot.error.FeedException}s with stable reason codes;
 * refresh records them in the source's state and keeps the stored data.
 */
package calendarbot.source;
