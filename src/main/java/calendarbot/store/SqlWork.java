package calendarbot.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work run by {@link Database#read} or {@link Database#write}. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection c) throws SQLException;
}
