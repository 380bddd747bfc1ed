package calendarbot.pipeline;

import calendarbot.event.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * Merges concurrent range reads: reads of the same group (e.g. display zone) that arrive within
 * {@code window} of the first, up to {@code maxSize}, become one read per cluster of overlapping or
 * nearby windows, whose rows are split back per request. A request's answer is exactly what its own
 * read would have returned (the rows overlapping its window, in the reader's order); if a covering
 * read fails, each request of that cluster is read on its own, so a failure reaches only the
 * requests it belongs to (e.g. an instance cap exceeded only by the union).
 *
 * <p>The first request of a batch (the leader) waits up to {@code window} for others, then reads
 * for all; the others wait for it. That wait is added latency, which is why batching is off by
 * default: docs/BENCHMARKS.md shows what it buys. Thread-safe.
 *
 * @param <G> what must be equal for two reads to merge
 * @param <T> a row
 */
public final class RangeBatcher<G, T> {
  /** Windows closer than this are read together; farther ones get their own read. */
  static final Duration MERGE_GAP = Duration.ofDays(1);

  private final Duration window;
  private final int maxSize;
  private final BiFunction<G, TimeWindow, List<T>> reader;
  private final BiPredicate<T, TimeWindow> inWindow;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<G, Batch> open = new HashMap<>();
  private final LongAdder batches = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder reads = new LongAdder();

  /**
   * @param reader the plain read; called with merged windows
   * @param inWindow whether a row belongs to a window (the reader's own overlap rule)
   */
  public RangeBatcher(
      Duration window,
      int maxSize,
      BiFunction<G, TimeWindow, List<T>> reader,
      BiPredicate<T, TimeWindow> inWindow) {
    this.window = Objects.requireNonNull(window, "window");
    this.maxSize = maxSize;
    this.reader = Objects.requireNonNull(reader, "reader");
    this.inWindow = Objects.requireNonNull(inWindow, "inWindow");
  }

  /** The rows of {@code group} in {@code w}, possibly read together with concurrent requests. */
  public List<T> read(G group, TimeWindow w) {
    Request mine = new Request(w);
    Batch batch;
    boolean leader;
    lock.lock();
    try {
      batch = open.get(group);
      leader = batch == null;
      if (leader) {
        batch = new Batch(lock.newCondition());
        open.put(group, batch);
      }
      batch.requests.add(mine);
      if (batch.requests.size() >= maxSize) {
        open.remove(group, batch);
        batch.full.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (leader) {
      lead(group, batch);
    }
    return Futures.await(mine.result, window, "a batched read");
  }

  /** Batches run, requests they carried, and reads they made (requests minus reads were saved). */
  public BatchStats stats() {
    return new BatchStats(batches.sum(), requests.sum(), reads.sum());
  }

  private void lead(G group, Batch batch) {
    List<Request> members;
    lock.lock();
    try {
      long left = window.toNanos();
      while (open.get(group) == batch && left > 0) {
        try {
          left = batch.full.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      open.remove(group, batch);
      members = List.copyOf(batch.requests);
    } finally {
      lock.unlock();
    }
    batches.increment();
    requests.add(members.size());
    for (List<Request> cluster : clusters(members)) {
      serve(group, cluster);
    }
  }

  private void serve(G group, List<Request> cluster) {
    if (cluster.size() == 1) {
      readAlone(group, cluster.get(0));
      return;
    }
    Instant start =
        cluster.stream().map(r -> r.window.start()).min(Comparator.naturalOrder()).get();
    Instant end = cluster.stream().map(r -> r.window.end()).max(Comparator.naturalOrder()).get();
    List<T> rows;
    try {
      reads.increment();
      rows = reader.apply(group, new TimeWindow(start, end));
    } catch (RuntimeException e) {
      cluster.forEach(r -> readAlone(group, r));
      return;
    }
    for (Request r : cluster) {
      List<T> own = new ArrayList<>();
      for (T row : rows) {
        if (inWindow.test(row, r.window)) {
          own.add(row);
        }
      }
      r.result.complete(own);
    }
  }

  private void readAlone(G group, Request r) {
    try {
      reads.increment();
      r.result.complete(reader.apply(group, r.window));
    } catch (RuntimeException e) {
      r.result.completeExceptionally(e);
    } finally {
      if (!r.result.isDone()) {
        r.result.completeExceptionally(new IllegalStateException("the batched read failed"));
      }
    }
  }

  /** Groups requests whose windows overlap or lie within {@link #MERGE_GAP} of each other. */
  private List<List<Request>> clusters(List<Request> members) {
    List<Request> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparing(r -> r.window.start()));
    List<List<Request>> out = new ArrayList<>();
    List<Request> current = new ArrayList<>();
    Instant reach = null;
    for (Request r : sorted) {
      if (reach != null && r.window.start().isAfter(reach.plus(MERGE_GAP))) {
        out.add(current);
        current = new ArrayList<>();
        reach = null;
      }
      current.add(r);
      reach = reach == null || r.window.end().isAfter(reach) ? r.window.end() : reach;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private final class Request {
    final TimeWindow window;
    final CompletableFuture<List<T>> result = new CompletableFuture<>();

    Request(TimeWindow window) {
      this.window = window;
    }
  }

  private final class Batch {
    final List<Request> requests = new ArrayList<>();
    final Condition full;

    Batch(Condition full) {
      this.full = full;
    }
  }

  /**
   * @param batches batches run
   * @param requests requests they carried
   * @param reads reads made for them
   */
  public record BatchStats(long batches, long requests, long reads) {
    /** Mean requests per batch, or 0 before the first. */
    public double meanSize() {
      return batches == 0 ? 0 : (double) requests / batches;
    }
  }
}
