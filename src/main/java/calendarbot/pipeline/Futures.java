package calendarbot.pipeline;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for another thread's result, the same way wherever the pipeline shares work. */
final class Futures {
  /** No request waits longer than this for another's computation. */
  static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private Futures() {}

  /**
   * The result of {@code f}; its failure rethrown as it was when unchecked.
   *
   * @param what what is awaited, for the messages ("an identical request")
   * @throws CompletionException when interrupted (the flag restored), after {@code extra} plus
   *     {@link #MAX_WAIT}, or when {@code f} failed with a checked exception
   */
  static <T> T await(CompletableFuture<T> f, Duration extra, String what) {
    try {
      return f.get(extra.plus(MAX_WAIT).toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException("interrupted while waiting for " + what, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new CompletionException(e.getCause());
    } catch (TimeoutException e) {
      throw new CompletionException(
          what + " did not finish within " + extra.plus(MAX_WAIT).toSeconds() + " s", e);
    }
  }
}
