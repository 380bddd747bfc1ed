/**
 * Connections to the outside: feed HTTP(S) clients and SQLite JDBC connections, each pooled
 * (default) or plain (one per fetch / per operation), chosen by {@code connection_pool.enabled}.
 * The pooled and plain implementations are honest twins behind one interface each.
 */
package calendarbot.connection;
