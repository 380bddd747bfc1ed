/**
 * SQLite storage: schema migrations, series and materialized instances per source, fetch state, and
 * a key-value settings table. The only package (with {@code connection}) that imports {@code
 * java.sql}.
 *
 * <p>Front doors: {@link calendarbot.store.Database} (open, migrate, transactions), {@link
 * calendarbot.store.SeriesStore}, {@link calendarbot.store.SourceStateStore} and {@link
 * calendarbot.store.SettingsStore}. How connections are obtained is behind {@link
 * calendarbot.store.ConnectionSource}: the plain source opens one per operation; a pool can
 * implement the same interface. Writes are serialised in-process and each runs in one transaction;
 * reads run concurrently on WAL snapshots.
 */
package calendarbot.store;
