package calendarbot.pipeline;

import java.util.function.Predicate;

/**
 * A change of the data answers are computed from, between its {@link RequestPipeline#beginChange}
 * (before the commit) and {@link #close} (after it). While open, requests it affects bypass the
 * cache; closing removes the entries it affects.
 */
public interface DataChange extends AutoCloseable {
  /** Which cached answers the change may make wrong. */
  Predicate<RequestKey> affects();

  /** Ends the change: removes the affected entries. Idempotent. */
  @Override
  default void close() {
    close(affects());
  }

  /**
   * Ends the change once it is known what it really touched: removes only the entries matching
   * {@code touched} (within {@link #affects()}), and only those count as changed for requests that
   * overlapped it. Idempotent: the first close wins.
   */
  void close(Predicate<RequestKey> touched);
}
