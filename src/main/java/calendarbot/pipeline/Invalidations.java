package calendarbot.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Keeps "no answer computed before a committed change is served after it" without locking readers.
 * Each change gets a sequence number when it begins and stays <em>active</em> until it ends; a
 * reader notes the sequence before computing and then:
 *
 * <ul>
 *   <li>bypasses the cache while an active change affects its key ({@link #blocked}): the data may
 *       be half-committed;
 *   <li>stores its answer only if no change that began after the reader started affects the key
 *       ({@link #putIfUnchanged}): that change may have removed entries before this one would be
 *       stored. The check and the store happen under the same lock as a change's removal, so an
 *       answer is either stored before a change removes what it affects, or not at all.
 * </ul>
 *
 * A change is registered as active before its sequence number is published, so a reader that sees
 * the new number also sees the change. Thread-safe; changes are rare (one per refresh or settings
 * write) and serialised, reads are lock-free.
 */
final class Invalidations {
  /** Changes remembered for {@link #changedSince}; older starts are treated as "changed". */
  static final int RETAINED = 64;

  private final ResponseCache cache;
  private final List<Change> active = new CopyOnWriteArrayList<>();
  private final Deque<Change> recent = new ArrayDeque<>();
  private volatile long seq;
  private volatile long oldestRetained = 1;

  Invalidations(ResponseCache cache) {
    this.cache = cache;
  }

  /** The sequence a reader notes before it computes. */
  long sequence() {
    return seq;
  }

  synchronized DataChange begin(Predicate<RequestKey> affects) {
    Change c = new Change(seq + 1, affects);
    active.add(c);
    recent.addLast(c);
    if (recent.size() > RETAINED) {
      recent.removeFirst();
      oldestRetained = recent.peekFirst().seq;
    }
    seq = c.seq;
    return c;
  }

  /** Whether an active change affects {@code key}: do not read or write the cache for it. */
  boolean blocked(RequestKey key) {
    for (Change c : active) {
      if (c.affects.test(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Stores {@code response} unless a change that began after {@code startSeq} affects {@code key}
   * (then the answer may predate it).
   */
  synchronized void putIfUnchanged(long startSeq, RequestKey key, CachedResponse response) {
    if (!changedSince(startSeq, key)) {
      cache.put(key, response);
    }
  }

  /** Whether a change that began after {@code startSeq} affects {@code key}. */
  private boolean changedSince(long startSeq, RequestKey key) {
    if (startSeq + 1 < oldestRetained) {
      return true;
    }
    for (var it = recent.descendingIterator(); it.hasNext(); ) {
      Change c = it.next();
      if (c.seq <= startSeq) {
        return false;
      }
      if (c.touched().test(key)) {
        return true;
      }
    }
    return false;
  }

  private final class Change implements DataChange {
    final long seq;
    final Predicate<RequestKey> affects;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Predicate<RequestKey> touched;

    Change(long seq, Predicate<RequestKey> affects) {
      this.seq = seq;
      this.affects = affects;
    }

    @Override
    public Predicate<RequestKey> affects() {
      return affects;
    }

    /** What the change touched: all it may affect while open, what it reported once closed. */
    Predicate<RequestKey> touched() {
      Predicate<RequestKey> t = touched;
      return t == null ? affects : t;
    }

    @Override
    public void close(Predicate<RequestKey> what) {
      if (closed.compareAndSet(false, true)) {
        Predicate<RequestKey> narrowed = affects.and(what);
        synchronized (Invalidations.this) {
          touched = narrowed;
          // Remove first, then deactivate: a reader that stops bypassing finds no stale entry.
          cache.invalidate(narrowed);
          active.remove(this);
        }
      }
    }
  }
}
