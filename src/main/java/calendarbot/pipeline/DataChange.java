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
  void close();
}
