package calendarbot.config;

import calendarbot.error.ConfigException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rollout percentages of the feature flags and the emergency kill switch. Each flag's on/off switch
 * is the component's own {@code enabled} key ({@code connection_pool.enabled}, {@code
 * pipeline.enabled}, {@code pipeline.cache.enabled}, ...); its rollout key sits beside it. The
 * flags themselves (names, which keys, how a decision is made) live in {@code calendarbot.flags}.
 *
 * @param connectionPoolRollout {@code connection_pool.rollout}: percentage 0–100 of sources whose
 *     fetches use the pool
 * @param pipelineRollout {@code pipeline.rollout}: percentage of clients served by the optimised
 *     pipeline (the rest take the plain path)
 * @param cacheRollout {@code pipeline.cache.rollout}
 * @param singleFlightRollout {@code pipeline.single_flight.rollout}
 * @param batchingRollout {@code pipeline.batching.rollout}
 * @param warmingRollout {@code pipeline.warming.rollout}
 * @param emergencyDisable {@code emergency_disable}: flag names forced off whatever else is
 *     configured, or {@code all}; empty when none
 */
public record FlagsConfig(
    int connectionPoolRollout,
    int pipelineRollout,
    int cacheRollout,
    int singleFlightRollout,
    int batchingRollout,
    int warmingRollout,
    Set<String> emergencyDisable) {
  /** The word that disables every flag in {@code emergency_disable}. */
  public static final String ALL = "all";

  /** Every flag name, in the order the README documents them. */
  public static final List<String> FLAG_NAMES =
      List.of(
          "connection_pool",
          "request_pipeline",
          "response_cache",
          "single_flight",
          "batching",
          "warming");

  public FlagsConfig {
    Check.range("connection_pool.rollout", connectionPoolRollout, 0, 100);
    Check.range("pipeline.rollout", pipelineRollout, 0, 100);
    Check.range("pipeline.cache.rollout", cacheRollout, 0, 100);
    Check.range("pipeline.single_flight.rollout", singleFlightRollout, 0, 100);
    Check.range("pipeline.batching.rollout", batchingRollout, 0, 100);
    Check.range("pipeline.warming.rollout", warmingRollout, 0, 100);
    emergencyDisable = Set.copyOf(emergencyDisable == null ? Set.of() : emergencyDisable);
    for (String name : emergencyDisable) {
      if (!name.equals(ALL) && !FLAG_NAMES.contains(name)) {
        throw new ConfigException(
            "emergency_disable", "'all' or a list of flag names from " + FLAG_NAMES, name);
      }
    }
  }

  /** Every flag at 100% of clients; nothing disabled. */
  public static FlagsConfig defaults() {
    return new FlagsConfig(100, 100, 100, 100, 100, 100, Set.of());
  }

  /**
   * Whether {@code emergency_disable} turns {@code flag} off ({@code all} turns every flag off).
   */
  public boolean emergencyDisabled(String flag) {
    return emergencyDisable.contains(ALL) || emergencyDisable.contains(flag);
  }

  /**
   * Parses {@code emergency_disable}: {@code all}, {@code none}, empty, or names separated by
   * commas or spaces.
   */
  public static Set<String> parseEmergencyDisable(String text) {
    Set<String> out = new TreeSet<>();
    for (String part : text.strip().split("[,\\s]+")) {
      if (!part.isEmpty() && !part.equalsIgnoreCase("none")) {
        out.add(part.toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }

  public FlagsConfig withEmergencyDisable(Set<String> names) {
    return new FlagsConfig(
        connectionPoolRollout,
        pipelineRollout,
        cacheRollout,
        singleFlightRollout,
        batchingRollout,
        warmingRollout,
        names);
  }
}
