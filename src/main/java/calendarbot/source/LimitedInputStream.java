package calendarbot.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Counts the bytes read and fails once more than {@code limit} have been read, or when a read is
 * attempted after a deadline. Applied to the decoded stream, so a small gzip body that inflates
 * beyond the limit is stopped too; the deadline stops a server that trickles bytes just fast enough
 * to never hit the read timeout. Not thread-safe.
 */
final class LimitedInputStream extends FilterInputStream {
  /** Thrown when the limit is passed; recognised by the fetcher even when wrapped by a reader. */
  static final class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceededException(long limit) {
      super("body exceeds " + limit + " bytes");
    }
  }

  /** Thrown by a read after the deadline; recognised by the fetcher even when wrapped. */
  static final class DeadlineExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    DeadlineExceededException() {
      super("the fetch's total deadline has passed");
    }
  }

  private final long limit;
  private final LongSupplier nanoTime;
  private final long deadlineNanos;
  private long count;

  /**
   * @param limit most bytes that may be read
   * @param nanoTime the clock of {@code deadlineNanos}, e.g. {@code System::nanoTime}
   * @param deadlineNanos reads fail once {@code nanoTime} has reached it
   */
  LimitedInputStream(InputStream in, long limit, LongSupplier nanoTime, long deadlineNanos) {
    super(in);
    this.limit = limit;
    this.nanoTime = nanoTime;
    this.deadlineNanos = deadlineNanos;
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    checkDeadline();
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    checkDeadline();
    int n = super.read(buf, off, len);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    checkDeadline();
    long skipped = super.skip(n);
    add(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    // A reset would make the count lie.
    return false;
  }

  private void checkDeadline() throws DeadlineExceededException {
    // Subtraction, not comparison: nanoTime values may wrap.
    if (nanoTime.getAsLong() - deadlineNanos >= 0) {
      throw new DeadlineExceededException();
    }
  }

  private void add(long n) throws LimitExceededException {
    count += n;
    if (count > limit) {
      throw new LimitExceededException(limit);
    }
  }
}
