package calendarbot.resilience;

import calendarbot.config.ResilienceConfig;
import calendarbot.metrics.Metrics;
import calendarbot.source.RefreshGuard;
import calendarbot.source.RefreshResult;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per source, in the refresh: after {@code resilience.source.failure_threshold}
 * failed refreshes in a row (feed errors, timeouts, malformed feeds, storage failures) the schedule
 * stops fetching the source for {@code resilience.source.open_wait}; its data stays and its state
 * says why. Then one scheduled refresh is the trial: success closes the breaker, failure opens it
 * again.
 *
 * <p>A manual refresh ({@code POST /api/refresh}) is an operator's explicit trial: it always runs,
 * moving an open breaker to half-open first, so its outcome closes or re-opens the breaker at once.
 * Thread-safe.
 */
final class SourceBreakers implements RefreshGuard {
  private final ResilienceConfig config;
  private final Clock clock;
  private final Metrics metrics;
  private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();

  SourceBreakers(ResilienceConfig config, Clock clock, Metrics metrics) {
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
  }

  private Breaker breaker(String sourceId) {
    return breakers.computeIfAbsent(
        sourceId,
        id ->
            new Breaker(
                "source:" + id,
                "refreshes",
                "no fetch, stored data served",
                config.sourceOpenWait(),
                Breaker.consecutive(config.sourceFailureThreshold()),
                clock,
                metrics));
  }

  @Override
  public Optional<String> skip(String sourceId, boolean manual) {
    Breaker b = breaker(sourceId);
    if (manual) {
      b.trialNow("manual refresh: the operator's trial");
      b.permits();
      return Optional.empty();
    }
    if (b.permits()) {
      return Optional.empty();
    }
    return Optional.of(
        "breaker open after "
            + config.sourceFailureThreshold()
            + " failed refreshes in a row; next try at "
            + b.nextTrialAt()
            + " (resilience.source.open_wait="
            + config.sourceOpenWait().toSeconds()
            + " s), or refresh it by hand");
  }

  @Override
  public void record(RefreshResult result) {
    Breaker b = breaker(result.sourceId());
    switch (result.outcome()) {
      case FAILED -> b.failed(new IllegalStateException(result.reason() + ": " + result.message()));
      case UPDATED, NOT_MODIFIED -> b.succeeded();
      case RUNNING -> b.release();
    }
  }

  /** The state of {@code sourceId}'s breaker ({@code CLOSED} for a source never refreshed). */
  State state(String sourceId) {
    return breaker(sourceId).state();
  }

  List<ResilienceStatus.BreakerStatus> status() {
    return breakers.values().stream()
        .map(Breaker::status)
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .toList();
  }
}
