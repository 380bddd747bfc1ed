package calendarbot.resilience;

import calendarbot.metrics.MetricNames;
import calendarbot.metrics.Metrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Resilience4j circuit breaker with the house vocabulary: every state change is logged as one
 * line naming the breaker, from → to and why, counted per (breaker, to-state), and kept for {@link
 * ResilienceStatus}. Time comes from the injected clock, so tests move a fake clock and never
 * sleep. Thread-safe.
 */
final class Breaker {
  private static final Logger log = LoggerFactory.getLogger(Breaker.class);

  private final String name;
  private final String unit;
  private final String fallback;
  private final Duration openWait;
  private final CircuitBreaker cb;
  private final Clock clock;
  private final Metrics metrics;
  private final Map<State, Long> transitions = new EnumMap<>(State.class);
  private volatile String pendingWhy;
  private volatile Instant since;
  private volatile String lastWhy = "";

  /**
   * @param unit what one call is, plural, for messages ("cache operations")
   * @param fallback what is done while open, for messages ("plain path")
   * @param config the breaker's thresholds; the clock is set here
   */
  Breaker(
      String name,
      String unit,
      String fallback,
      Duration openWait,
      CircuitBreakerConfig.Builder config,
      Clock clock,
      Metrics metrics) {
    this.name = name;
    this.unit = unit;
    this.fallback = fallback;
    this.openWait = openWait;
    this.clock = clock;
    this.metrics = metrics;
    this.since = clock.instant();
    this.cb =
        CircuitBreaker.of(
            name,
            config
                .clock(clock)
                .waitDurationInOpenState(openWait)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    cb.getEventPublisher()
        .onStateTransition(
            e ->
                transitioned(
                    e.getStateTransition().getFromState(), e.getStateTransition().getToState()));
  }

  /**
   * A breaker that opens when the last {@code windowSize} calls all failed ({@code windowSize}
   * consecutive failures) and closes after one successful trial.
   */
  static CircuitBreakerConfig.Builder consecutive(int windowSize) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(windowSize)
        .minimumNumberOfCalls(windowSize)
        .failureRateThreshold(100)
        .permittedNumberOfCallsInHalfOpenState(1);
  }

  String name() {
    return name;
  }

  /** Whether a call may take the guarded path now; false while open. Moves open → half-open. */
  boolean permits() {
    return cb.tryAcquirePermission();
  }

  /** Gives back a permission that recorded no outcome. */
  void release() {
    cb.releasePermission();
  }

  void succeeded() {
    cb.onSuccess(0, TimeUnit.NANOSECONDS);
  }

  void failed(Throwable error) {
    cb.onError(0, TimeUnit.NANOSECONDS, error);
  }

  State state() {
    return cb.getState();
  }

  /** When the breaker entered its present state. */
  Instant since() {
    return since;
  }

  /** When an open breaker lets the next trial through. */
  Instant nextTrialAt() {
    return since.plus(openWait);
  }

  /** Opens now (no-op if already open) because {@code why}. */
  void open(String why) {
    if (cb.getState() != State.OPEN && cb.getState() != State.FORCED_OPEN) {
      pendingWhy = why;
      cb.transitionToOpenState();
    }
  }

  /** Holds it open until {@link #releaseForced} (memory pressure), because {@code why}. */
  void forceOpen(String why) {
    if (cb.getState() != State.FORCED_OPEN) {
      pendingWhy = why;
      cb.transitionToForcedOpenState();
    }
  }

  /** Ends a {@link #forceOpen}: closed again, because {@code why}; no-op in any other state. */
  void releaseForced(String why) {
    if (cb.getState() == State.FORCED_OPEN) {
      pendingWhy = why;
      cb.transitionToClosedState();
    }
  }

  /** Moves an open breaker to half-open at once (an operator's explicit trial). */
  void trialNow(String why) {
    if (cb.getState() == State.OPEN) {
      pendingWhy = why;
      cb.transitionToHalfOpenState();
    }
  }

  private void transitioned(State from, State to) {
    String why = pendingWhy;
    pendingWhy = null;
    if (why == null) {
      why = derivedWhy(from, to);
    }
    since = clock.instant();
    lastWhy = why;
    synchronized (transitions) {
      transitions.merge(to, 1L, Long::sum);
    }
    metrics.count(MetricNames.RESILIENCE_BREAKER_TRANSITIONS, "breaker=" + name + ",to=" + to, 1);
    String line = "resilience: breaker '{}' {} -> {} ({})";
    if (to == State.OPEN || to == State.FORCED_OPEN) {
      log.warn(line, name, from, to, why);
    } else {
      log.info(line, name, from, to, why);
    }
  }

  private String derivedWhy(State from, State to) {
    CircuitBreaker.Metrics m = cb.getMetrics();
    return switch (to) {
      case OPEN ->
          (from == State.HALF_OPEN
                  ? "the trial failed"
                  : String.format(
                      Locale.ROOT,
                      "%.0f%% of the last %d %s failed",
                      m.getFailureRate(),
                      m.getNumberOfBufferedCalls(),
                      unit))
              + "; "
              + fallback
              + " for "
              + openWait.toSeconds()
              + " s";
      case HALF_OPEN -> openWait.toSeconds() + " s passed; trying " + unit + " again";
      case CLOSED -> "the trial succeeded";
      default -> "state changed";
    };
  }

  ResilienceStatus.BreakerStatus status() {
    CircuitBreaker.Metrics m = cb.getMetrics();
    Map<String, Long> counts = new LinkedHashMap<>();
    synchronized (transitions) {
      transitions.forEach((s, n) -> counts.put(s.name(), n));
    }
    State s = cb.getState();
    return new ResilienceStatus.BreakerStatus(
        name,
        s.name(),
        m.getFailureRate(),
        m.getNumberOfBufferedCalls(),
        m.getNumberOfFailedCalls(),
        counts,
        since.toString(),
        lastWhy,
        s == State.OPEN ? nextTrialAt().toString() : null);
  }
}
