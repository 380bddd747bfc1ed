package calendarbot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Latencies of one kind of request, for the load generators ({@link PipelineLoad}, {@link
 * LoadGen}): each answer's time from the moment it was sent and from the moment it was due (a late
 * sender or a stalled server shows in the latter: no coordinated omission), errors and 304s.
 * Thread-safe.
 */
final class Latencies {
  private final List<long[]> samples = new ArrayList<>();
  private long errors;
  private long notModified;

  /** One answer; the times in nanoseconds. An error's times are not kept. */
  synchronized void record(boolean ok, boolean is304, long fromSent, long fromDue) {
    if (!ok) {
      errors++;
      return;
    }
    if (is304) {
      notModified++;
    }
    samples.add(new long[] {fromSent, fromDue});
  }

  /** Requests recorded, errors included. */
  synchronized long count() {
    return samples.size() + errors;
  }

  synchronized long errors() {
    return errors;
  }

  /**
   * {@code requests errors not_modified p50_ms p90_ms p95_ms p99_ms max_ms} from the moment each
   * request was sent, and {@code due_p99_ms} from the moment it was due.
   */
  synchronized String summary() {
    long[] sent = sorted(0);
    long[] due = sorted(1);
    return fmt(
        "requests=%d errors=%d not_modified=%d p50_ms=%s p90_ms=%s p95_ms=%s p99_ms=%s"
            + " max_ms=%s due_p99_ms=%s",
        count(),
        errors,
        notModified,
        ms(pct(sent, 0.50)),
        ms(pct(sent, 0.90)),
        ms(pct(sent, 0.95)),
        ms(pct(sent, 0.99)),
        ms(sent.length == 0 ? -1 : sent[sent.length - 1]),
        ms(pct(due, 0.99)));
  }

  /** {@code requests errors p50_ms p95_ms p99_ms max_ms}, all from the moment each was due. */
  synchronized String dueSummary() {
    long[] due = sorted(1);
    return fmt(
        "requests=%d errors=%d p50_ms=%s p95_ms=%s p99_ms=%s max_ms=%s",
        count(),
        errors,
        ms(pct(due, 0.50)),
        ms(pct(due, 0.95)),
        ms(pct(due, 0.99)),
        ms(due.length == 0 ? -1 : due[due.length - 1]));
  }

  private long[] sorted(int which) {
    return samples.stream().mapToLong(s -> s[which]).sorted().toArray();
  }

  /** The nearest-rank percentile of sorted values, -1 when there are none. */
  static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static String ms(long nanos) {
    return nanos < 0 ? "n/a" : fmt("%.3f", nanos / 1e6);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
