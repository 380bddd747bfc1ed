package calendarbot.connection;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * One fetch's use of a feed HTTP client, from {@link FeedConnections#lease}. Used by one thread;
 * close it exactly once, when the response body is consumed or abandoned.
 */
public interface FeedLease extends AutoCloseable {
  /** The client for this fetch's requests (redirect hops included); do not close it. */
  CloseableHttpClient client();

  /** Records that the fetch read {@code bytes} of body (after decoding). */
  void fetched(long bytes);

  /** Records that the server answered 304 Not Modified. */
  void notModified();

  /** Ends the fetch: records its duration and, on the plain path, closes client and connection. */
  @Override
  void close();
}
