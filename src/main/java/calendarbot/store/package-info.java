/**
 * SQLite storage: schema migrations, series and materialized instances per source, fetch state, and
 * a key-value settings table. The only package (with {@code connection}) that imports {@code
 * java.sql}.
 */
package calendarbot.store;
