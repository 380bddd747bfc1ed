package calendarbot.flags;

import calendarbot.config.AppConfig;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * One switchable optimisation. Each flag's on/off key is the component's own {@code enabled} key,
 * and its rollout key sits beside it, so the file that configures a component also rolls it out.
 */
public enum Flag {
  /** Pooled feed connections (else a new connection per fetch). Subject: the source id. */
  CONNECTION_POOL(
      "connection_pool.enabled",
      "connection_pool.rollout",
      c -> c.connection().poolEnabled(),
      c -> c.flags().connectionPoolRollout()),
  /** The optimised request pipeline (else the plain path). Subject: the client id. */
  REQUEST_PIPELINE(
      "pipeline.enabled",
      "pipeline.rollout",
      c -> c.pipeline().enabled(),
      c -> c.flags().pipelineRollout()),
  /** The response cache inside the pipeline. Subject: the client id. */
  RESPONSE_CACHE(
      "pipeline.cache.enabled",
      "pipeline.cache.rollout",
      c -> c.pipeline().cacheEnabled(),
      c -> c.flags().cacheRollout()),
  /** Sharing one computation between identical requests in flight. Subject: the client id. */
  SINGLE_FLIGHT(
      "pipeline.single_flight.enabled",
      "pipeline.single_flight.rollout",
      c -> c.pipeline().singleFlightEnabled(),
      c -> c.flags().singleFlightRollout()),
  /** Merging concurrent range reads into one. Subject: the client id. */
  BATCHING(
      "pipeline.batching.enabled",
      "pipeline.batching.rollout",
      c -> c.pipeline().batchingEnabled(),
      c -> c.flags().batchingRollout()),
  /**
   * Computing the kiosk's answers before it asks. Subject: the client id of the kiosk that polled
   * last.
   */
  WARMING(
      "pipeline.warming.enabled",
      "pipeline.warming.rollout",
      c -> c.pipeline().warmingEnabled(),
      c -> c.flags().warmingRollout());

  private final String enabledKey;
  private final String rolloutKey;
  private final Predicate<AppConfig> enabled;
  private final ToIntFunction<AppConfig> rollout;

  Flag(
      String enabledKey,
      String rolloutKey,
      Predicate<AppConfig> enabled,
      ToIntFunction<AppConfig> rollout) {
    this.enabledKey = enabledKey;
    this.rolloutKey = rolloutKey;
    this.enabled = enabled;
    this.rollout = rollout;
  }

  /** The flag's name in the API, the docs and {@code emergency_disable}: {@code response_cache}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The config key of the on/off switch. */
  public String enabledKey() {
    return enabledKey;
  }

  /** The config key of the rollout percentage. */
  public String rolloutKey() {
    return rolloutKey;
  }

  /** The configured switch (before rollout and emergency disable). */
  public boolean enabledIn(AppConfig config) {
    return enabled.test(config);
  }

  /** The configured rollout percentage, 0–100. */
  public int rolloutIn(AppConfig config) {
    return rollout.applyAsInt(config);
  }

  /**
   * The flag named {@code code}.
   *
   * @throws IllegalArgumentException naming the known flags
   */
  public static Flag of(String code) {
    for (Flag f : values()) {
      if (f.code().equals(code)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "no flag '" + code + "'; flags are " + calendarbot.config.FlagsConfig.FLAG_NAMES);
  }
}
