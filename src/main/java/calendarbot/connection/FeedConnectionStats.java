package calendarbot.connection;

/**
 * The feed connections at one instant, and counters since start. Plain values, ready for a metrics
 * registry.
 *
 * @param pooled whether this is the pooled path
 * @param leased connections in use by a fetch (plain path: fetches in progress)
 * @param available idle connections kept for reuse (plain path: always 0)
 * @param pending fetches waiting for a connection (plain path: always 0)
 * @param max most connections open at once, all hosts (plain path: 0, no limit)
 * @param maxPerHost most connections open at once to one host (plain path: 0, no limit)
 * @param fetches leases taken, one per fetch
 * @param requests connections leased to requests, one per request (redirect hops count)
 * @param connectionsCreated connections opened (TCP, and TLS for https)
 * @param notModified fetches answered 304 Not Modified
 * @param bytes body bytes read, after decoding
 * @param fetchNanos total time of all fetches, lease to close, in nanoseconds
 * @param leaseWaitNanos total time requests waited for a pooled connection, in nanoseconds
 * @param maxLeaseWaitNanos longest such wait, in nanoseconds
 */
public record FeedConnectionStats(
    boolean pooled,
    int leased,
    int available,
    int pending,
    int max,
    int maxPerHost,
    long fetches,
    long requests,
    long connectionsCreated,
    long notModified,
    long bytes,
    long fetchNanos,
    long leaseWaitNanos,
    long maxLeaseWaitNanos) {

  /**
   * Share of requests served on a reused connection: {@code 1 - connectionsCreated / requests}, 0
   * before the first request. 0 on the plain path.
   */
  public double reuseRatio() {
    return requests == 0 ? 0 : Math.max(0, 1 - (double) connectionsCreated / requests);
  }

  /** Share of fetches answered 304, 0 before the first fetch. */
  public double notModifiedRatio() {
    return fetches == 0 ? 0 : (double) notModified / fetches;
  }

  /** "leased=1, available=0, pending=2, max=1 (per host 1)", for messages. */
  public String poolState() {
    return "leased="
        + leased
        + ", available="
        + available
        + ", pending="
        + pending
        + ", max="
        + max
        + " (per host "
        + maxPerHost
        + ")";
  }
}
