package calendarbot.connection;

/**
 * A snapshot of a {@link ConnectionSource}: the gauges of the pool and the counters since it was
 * opened. For the plain source {@code maxSize}, {@code idle} and {@code waiting} are 0 and every
 * operation opens a connection ({@code created == served}).
 *
 * @param maxSize most connections the pool keeps ({@code connection_pool.db_pool_size}); 0 = plain
 * @param active connections leased right now
 * @param idle open connections waiting in the pool
 * @param waiting threads waiting for a connection
 * @param created physical connections opened since start
 * @param served connections handed out (one per operation) since start
 * @param leaks leases held longer than {@code connection_pool.db_leak_detection}
 * @param timeouts leases that failed because no connection became free in time
 */
public record DatabasePoolStats(
    int maxSize,
    int active,
    int idle,
    int waiting,
    long created,
    long served,
    long leaks,
    long timeouts) {

  /**
   * Share of operations served by an already open connection, 0..1: 0 for the plain path, close to
   * 1 for a warm pool.
   */
  public double reuseRatio() {
    return served == 0 ? 0 : Math.max(0, served - created) / (double) served;
  }

  /** The pool state as operators read it in messages. */
  public String describe() {
    return "max=" + maxSize + ", active=" + active + ", idle=" + idle + ", waiting=" + waiting;
  }
}
