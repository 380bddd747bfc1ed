package calendarbot.config;

import java.time.Duration;

/**
 * Bounds on recurrence expansion.
 *
 * @param maxInstancesPerQuery instances one query may produce before it fails with 422
 * @param maxIterationsPerRule candidate dates one rule may examine per query; guards rules such as
 *     {@code FREQ=SECONDLY} or rules that never match
 * @param materializePast how far before "now" each refresh pre-expands instances into the store
 * @param materializeFuture how far after "now" each refresh pre-expands instances into the store
 */
public record ExpansionConfig(
    int maxInstancesPerQuery,
    int maxIterationsPerRule,
    Duration materializePast,
    Duration materializeFuture) {
  public ExpansionConfig {
    Check.range("expansion.max_instances_per_query", maxInstancesPerQuery, 1, 1_000_000);
    Check.range("expansion.max_iterations_per_rule", maxIterationsPerRule, 100, 10_000_000);
    Check.positive("expansion.materialize_past", materializePast);
    Check.positive("expansion.materialize_future", materializeFuture);
  }

  public static ExpansionConfig defaults() {
    return new ExpansionConfig(20_000, 200_000, Duration.ofDays(14), Duration.ofDays(90));
  }
}
