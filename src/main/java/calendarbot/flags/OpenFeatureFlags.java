package calendarbot.flags;

import calendarbot.config.ConfigService;
import calendarbot.config.ConfigSnapshot;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature flags the server runs with: every decision is an OpenFeature boolean evaluation (flag
 * key = {@link Flag#code()}, targeting key = the subject) against a provider registered under a
 * domain of this instance's own, by default the in-process provider over the live configuration.
 * {@link #states()} always explains the configuration, whichever provider decides.
 *
 * <p>{@link OpenFeatureAPI} is one per JVM; the domain keeps several instances (several Apps in one
 * test JVM) apart, and {@link #close()} releases it. A failing provider answers "off" (the default
 * value): an optimisation is never forced on by an error. Thread-safe.
 */
public final class OpenFeatureFlags implements FeatureFlags, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpenFeatureFlags.class);
  private static final AtomicLong INSTANCES = new AtomicLong();

  private final Supplier<ConfigSnapshot> config;
  private final String domain;
  private final Client client;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final boolean memoise;
  private volatile Memo memo = new Memo(Long.MIN_VALUE);

  /**
   * Decisions of one configuration version by subject: bit 2·ordinal says the flag was decided, bit
   * 2·ordinal+1 what. The in-process provider's answer is a function of the version, the flag and
   * the subject alone, so a kiosk polling every few seconds costs one OpenFeature evaluation per
   * flag and configuration change instead of four per request (an evaluation is 1–3 µs and ~2 KB of
   * garbage here, several times that on a Pi Zero; a lookup is tens of nanoseconds).
   */
  private record Memo(long version, ConcurrentHashMap<String, Integer> decisions) {
    Memo(long version) {
      this(version, new ConcurrentHashMap<>());
    }
  }

  /** Subjects remembered per version at most; past it, decisions are evaluated every time. */
  static final int MAX_MEMOISED_SUBJECTS = 4096;

  private OpenFeatureFlags(
      Supplier<ConfigSnapshot> config, FeatureProvider provider, boolean memoise) {
    this.memoise = memoise;
    this.config = Objects.requireNonNull(config, "config");
    this.domain = "calendarbot-" + INSTANCES.incrementAndGet();
    OpenFeatureAPI api = OpenFeatureAPI.getInstance();
    api.setProviderAndWait(domain, Objects.requireNonNull(provider, "provider"));
    this.client = api.getClient(domain);
    log.debug("flags: provider '{}' in domain {}", provider.getMetadata().getName(), domain);
  }

  /** Flags decided by the configuration {@code config} supplies at each call. */
  public static OpenFeatureFlags over(Supplier<ConfigSnapshot> config) {
    return new OpenFeatureFlags(config, new ConfigFlagProvider(config), true);
  }

  /** Flags decided by {@code service}'s live configuration. */
  public static OpenFeatureFlags over(ConfigService service) {
    return over(service::current);
  }

  /**
   * Flags decided by another OpenFeature provider (flagd, a vendor's): it must serve boolean flags
   * named by {@link Flag#code()} and read the targeting key as the subject. {@link #states()} still
   * explains {@code config}, which then no longer decides.
   */
  public static OpenFeatureFlags using(FeatureProvider provider, Supplier<ConfigSnapshot> config) {
    // Another provider may change its answers without our configuration moving: never memoised.
    return new OpenFeatureFlags(config, provider, false);
  }

  /**
   * Whether {@code flag} is on for {@code subject} ({@code null} and blank text count as the empty
   * subject). After {@link #close()}, every flag is off.
   */
  @Override
  public boolean enabled(Flag flag, String subject) {
    if (!memoise || closed.get()) {
      return evaluate(flag, subject);
    }
    long version = config.get().version();
    Memo m = memo;
    if (m.version() != version) {
      m = new Memo(version);
      memo = m;
    }
    String key = Buckets.subject(subject);
    int known = 1 << (2 * flag.ordinal());
    int on = known << 1;
    Integer decided = m.decisions().get(key);
    if (decided != null && (decided & known) != 0) {
      return (decided & on) != 0;
    }
    boolean answer = evaluate(flag, subject);
    if (m.decisions().size() < MAX_MEMOISED_SUBJECTS) {
      m.decisions().merge(key, known | (answer ? on : 0), (a, b) -> a | b);
    }
    return answer;
  }

  private boolean evaluate(Flag flag, String subject) {
    return client.getBooleanValue(
        flag.code(), false, new ImmutableContext(Buckets.subject(subject)));
  }

  @Override
  public List<FlagState> states() {
    ConfigSnapshot s = config.get();
    return Arrays.stream(Flag.values()).map(f -> FlagRules.explain(s, f)).toList();
  }

  /** The OpenFeature domain this instance's provider is registered under. */
  public String domain() {
    return domain;
  }

  /**
   * Releases the domain: its provider is replaced by the no-op one (every flag off) and shut down.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      OpenFeatureAPI.getInstance().setProvider(domain, new NoOpProvider());
    }
  }
}
