package calendarbot.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * Consumes a feed body while it streams (typically {@code IcsParser::parse}), so the body is never
 * held in memory as a whole.
 *
 * @param <T> what the body is turned into
 */
@FunctionalInterface
public interface BodyReader<T> {
  /**
   * @param body the decoded body, limited to {@code fetch.max_bytes}; closed by the caller after
   *     this returns. Reading past the limit throws an {@link IOException}, and reads may time out:
   *     let such exceptions propagate (wrapped or not) so the fetcher can classify them.
   */
  T read(InputStream body) throws IOException;
}
