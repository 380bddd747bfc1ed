package calendarbot.resilience;

import calendarbot.config.ResilienceConfig;
import calendarbot.connection.FeedConnectionStats;
import calendarbot.connection.FeedConnections;
import calendarbot.connection.FeedLease;
import calendarbot.flags.FeatureFlags;
import calendarbot.flags.Flag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The feed connections behind the pool's circuit breaker: per lease, the pooled connections when
 * the {@code connection_pool} flag is on for the source and the breaker permits, else the plain
 * ones (a new connection per fetch). The breaker counts pooled fetches only: a connection-level
 * failure (I/O, timeout, lease timeout; see {@link FeedConnections#fetchEnded}) is a failure, any
 * answer of the server a success. {@link #checkSaturation} opens it when the pool stays nearly
 * fully leased. Thread-safe.
 */
final class GuardedFeedConnections implements FeedConnections {
  private final FeedConnections pooled;
  private final FeedConnections plain;
  private final FeatureFlags flags;
  private final Breaker breaker;
  private final double saturation;
  private final Duration saturationFor;
  private final Clock clock;

  /** Pooled leases whose fetch has not ended yet: only these count on the breaker. */
  private final Set<FeedLease> pooledLeases = ConcurrentHashMap.newKeySet();

  // guarded by this
  private Instant saturatedSince;

  GuardedFeedConnections(
      FeedConnections pooled,
      FeedConnections plain,
      FeatureFlags flags,
      Breaker breaker,
      ResilienceConfig config,
      Clock clock) {
    this.pooled = pooled;
    this.plain = plain;
    this.flags = flags;
    this.breaker = breaker;
    this.saturation = config.poolSaturation();
    this.saturationFor = config.poolSaturationFor();
    this.clock = clock;
  }

  @Override
  public FeedLease lease() {
    return lease("");
  }

  @Override
  public FeedLease lease(String subject) {
    if (!flags.enabled(Flag.CONNECTION_POOL, subject) || !breaker.permits()) {
      return plain.lease(subject);
    }
    FeedLease lease;
    try {
      lease = pooled.lease(subject);
    } catch (RuntimeException e) {
      breaker.failed(e);
      throw e;
    }
    pooledLeases.add(lease);
    return lease;
  }

  @Override
  public void fetchEnded(FeedLease lease, RuntimeException connectionFailure) {
    if (!pooledLeases.remove(lease)) {
      return;
    }
    if (connectionFailure == null) {
      breaker.succeeded();
    } else {
      breaker.failed(connectionFailure);
    }
  }

  /** The pool's numbers (the plain path keeps none worth a dashboard). */
  /** Resizes the pool; the plain twin has none. */
  @Override
  public void resize(int maxTotal, int maxPerHost) {
    pooled.resize(maxTotal, maxPerHost);
  }

  @Override
  public FeedConnectionStats stats() {
    return pooled.stats();
  }

  @Override
  public void close() {
    pooled.close();
    plain.close();
  }

  /**
   * Opens the breaker when the pool has been more than {@code resilience.pool.saturation} leased
   * for {@code resilience.pool.saturation_for}, measured by the clock across calls: schedule it
   * every few seconds.
   */
  synchronized void checkSaturation() {
    FeedConnectionStats s = pooled.stats();
    double used = s.max() <= 0 ? 0 : (double) s.leased() / s.max();
    Instant now = clock.instant();
    if (used <= saturation) {
      saturatedSince = null;
      return;
    }
    if (saturatedSince == null) {
      saturatedSince = now;
    }
    Duration lasted = Duration.between(saturatedSince, now);
    if (lasted.compareTo(saturationFor) >= 0) {
      breaker.open(
          String.format(
              Locale.ROOT,
              "pool %.0f%% leased for %d s (%s), over resilience.pool.saturation=%s; plain"
                  + " connections meanwhile",
              used * 100,
              lasted.toSeconds(),
              s.poolState(),
              saturation));
      saturatedSince = null;
    }
  }
}
