/**
 * SQLite storage: schema migrations, series and materialized instances per source, fetch state, and
 * a key-value settings table. The only package (with {@code connection}) that imports {@code
 * java.sql}.
 *
 * <p>Front doors: {@link calendarbot.store.Database} (open, migrate, transactions), {@link
 * calendarbot.store.SeriesStore}, {@link calendarbot.store.SourceStateStore} and {@link
 * calendarbot.store.SettingsStore}. How connections are obtained is behind {@link
 * calendarbot.connection.ConnectionSource}: a HikariCP pool (default) or the plain source that
 * opens one per operation, chosen by {@code connection_pool.enabled}. Writes are serialised
 * in-process and each runs in one transaction; reads run concurrently on WAL snapshots.
 */
package calendarbot.store;
