package calendarbot.pipeline;

/**
 * What one request may use of the pipeline, decided per client by the feature flags.
 *
 * @param pipeline the optimised path at all; false is the plain path (compute, nothing kept)
 * @param cache look up and store answers in the response cache
 * @param singleFlight join an identical request in flight
 * @param batching merge this range read with concurrent ones
 */
public record Features(boolean pipeline, boolean cache, boolean singleFlight, boolean batching) {
  /** Everything the pipeline was built with. */
  public static final Features ALL = new Features(true, true, true, true);

  /** The plain path. */
  public static final Features PLAIN = new Features(false, false, false, false);
}
