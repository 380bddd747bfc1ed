package calendarbot.flags;

import calendarbot.config.ConfigSnapshot;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import java.util.function.Supplier;

/**
 * The in-process OpenFeature provider: boolean flags named by {@link Flag#code()}, decided by
 * {@link FlagRules} over the configuration snapshot current at each call, the evaluation context's
 * targeting key being the subject. Other value types are not served (type mismatch, default value).
 * Thread-safe; no state of its own.
 */
final class ConfigFlagProvider implements FeatureProvider {
  static final String NAME = "calendarbot-config";

  // A new evaluation per call: the SDK's evaluation objects are mutable.
  private final Supplier<ConfigSnapshot> config;

  ConfigFlagProvider(Supplier<ConfigSnapshot> config) {
    this.config = config;
  }

  @Override
  public Metadata getMetadata() {
    return () -> NAME;
  }

  @Override
  public ProviderEvaluation<Boolean> getBooleanEvaluation(
      String key, Boolean defaultValue, EvaluationContext ctx) {
    Flag flag = find(key);
    if (flag == null) {
      return error(defaultValue, ErrorCode.FLAG_NOT_FOUND, "no flag '" + key + "'");
    }
    var c = config.get().config();
    if (!flag.enabledIn(c) || c.flags().emergencyDisabled(flag.code())) {
      return evaluation(false, Reason.DISABLED);
    }
    int rollout = flag.rolloutIn(c);
    if (rollout >= 100) {
      return evaluation(true, Reason.STATIC);
    }
    if (rollout <= 0) {
      return evaluation(false, Reason.STATIC);
    }
    return evaluation(FlagRules.decide(c, flag, subject(ctx)), Reason.SPLIT);
  }

  @Override
  public ProviderEvaluation<String> getStringEvaluation(
      String key, String defaultValue, EvaluationContext ctx) {
    return mismatch(key, defaultValue);
  }

  @Override
  public ProviderEvaluation<Integer> getIntegerEvaluation(
      String key, Integer defaultValue, EvaluationContext ctx) {
    return mismatch(key, defaultValue);
  }

  @Override
  public ProviderEvaluation<Double> getDoubleEvaluation(
      String key, Double defaultValue, EvaluationContext ctx) {
    return mismatch(key, defaultValue);
  }

  @Override
  public ProviderEvaluation<Value> getObjectEvaluation(
      String key, Value defaultValue, EvaluationContext ctx) {
    return mismatch(key, defaultValue);
  }

  static String subject(EvaluationContext ctx) {
    String s = ctx == null ? null : ctx.getTargetingKey();
    return s == null ? "" : s;
  }

  private static Flag find(String key) {
    for (Flag f : Flag.values()) {
      if (f.code().equals(key)) {
        return f;
      }
    }
    return null;
  }

  private static <T> ProviderEvaluation<T> mismatch(String key, T defaultValue) {
    return error(defaultValue, ErrorCode.TYPE_MISMATCH, "flag '" + key + "' is boolean");
  }

  private static <T> ProviderEvaluation<T> error(T defaultValue, ErrorCode code, String message) {
    return ProviderEvaluation.<T>builder()
        .value(defaultValue)
        .reason(Reason.ERROR.name())
        .errorCode(code)
        .errorMessage(message)
        .build();
  }

  private static ProviderEvaluation<Boolean> evaluation(boolean on, Reason reason) {
    return ProviderEvaluation.<Boolean>builder()
        .value(on)
        .variant(on ? "on" : "off")
        .reason(reason.name())
        .build();
  }
}
