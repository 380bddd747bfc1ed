package calendarbot.flags;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.ConfigSnapshot;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenFeatureFlagsTest {
  private final AtomicReference<ConfigSnapshot> config =
      new AtomicReference<>(Snapshots.rollout(100));
  private final OpenFeatureFlags flags = OpenFeatureFlags.over(config::get);

  @AfterEach
  void tearDown() {
    flags.close();
  }

  @Test
  void enabled_everySwitchOnAtHundredPercent_everyFlagOnForEverySubject() {
    config.set(Snapshots.rollout(100));
    for (Flag f : Flag.values()) {
      assertThat(flags.enabled(f, "kiosk-1")).as(f.code()).isTrue();
      assertThat(flags.enabled(f, null)).as(f.code()).isTrue();
    }
  }

  @Test
  void enabled_builtInDefaults_batchingOffTheRestOn() {
    config.set(Snapshots.defaults());

    assertThat(flags.enabled(Flag.BATCHING, "kiosk-1")).isFalse();
    assertThat(flags.enabled(Flag.RESPONSE_CACHE, "kiosk-1")).isTrue();
    assertThat(flags.enabled(Flag.CONNECTION_POOL, "work")).isTrue();
  }

  @Test
  void enabled_switchOff_isOffAtHundredPercent() {
    config.set(Snapshots.with(false, 100, Set.of()));

    assertThat(flags.enabled(Flag.RESPONSE_CACHE, "kiosk-1")).isFalse();
    assertThat(flags.enabled(Flag.SINGLE_FLIGHT, "kiosk-1")).isTrue();
  }

  @Test
  void enabled_emergencyAll_beatsEnabledAndHundredPercent() {
    config.set(Snapshots.with(true, 100, Set.of("all")));

    for (Flag f : Flag.values()) {
      assertThat(flags.enabled(f, "kiosk-1")).as(f.code()).isFalse();
    }
  }

  @Test
  void enabled_emergencyList_disablesOnlyTheNamedFlags() {
    config.set(Snapshots.with(true, 100, Set.of("response_cache", "batching")));

    assertThat(flags.enabled(Flag.RESPONSE_CACHE, "kiosk-1")).isFalse();
    assertThat(flags.enabled(Flag.BATCHING, "kiosk-1")).isFalse();
    assertThat(flags.enabled(Flag.SINGLE_FLIGHT, "kiosk-1")).isTrue();
    assertThat(flags.enabled(Flag.REQUEST_PIPELINE, "kiosk-1")).isTrue();
  }

  @Test
  void enabled_configChange_appliesToTheNextCall() {
    assertThat(flags.enabled(Flag.WARMING, "kiosk-1")).isTrue();

    config.set(Snapshots.rollout(0));

    assertThat(flags.enabled(Flag.WARMING, "kiosk-1")).isFalse();
  }

  @Test
  void enabled_sameVersionAskedAgain_isMemoisedButANewVersionIsDecidedAfresh() {
    config.set(Snapshots.rollout(100));
    assertThat(flags.enabled(Flag.RESPONSE_CACHE, "kiosk-1")).isTrue();
    ConfigSnapshot same = config.get();
    // The same version with other contents: the memo answers (a config service never does this).
    config.set(new ConfigSnapshot(same.version(), Snapshots.rollout(0).config(), same.entries()));
    assertThat(flags.enabled(Flag.RESPONSE_CACHE, "kiosk-1")).isTrue();

    config.set(Snapshots.rollout(0));

    assertThat(flags.enabled(Flag.RESPONSE_CACHE, "kiosk-1")).isFalse();
    assertThat(flags.enabled(Flag.SINGLE_FLIGHT, "kiosk-1")).isFalse();
  }

  @Test
  void enabled_partialRollout_followsTheBucket() {
    config.set(Snapshots.rollout(50));
    // Pinned in BucketsTest: response_cache:kiosk-1 is in bucket 57, batching:127.0.0.1 in 5.
    assertThat(flags.enabled(Flag.RESPONSE_CACHE, "kiosk-1")).isFalse();
    assertThat(flags.enabled(Flag.BATCHING, "127.0.0.1")).isTrue();

    config.set(Snapshots.rollout(58));
    assertThat(flags.enabled(Flag.RESPONSE_CACHE, "kiosk-1")).isTrue();
  }

  @Test
  void twoInstances_inOneJvm_decideFromTheirOwnConfiguration() {
    try (OpenFeatureFlags off = OpenFeatureFlags.over(() -> Snapshots.rollout(0))) {
      assertThat(off.domain()).isNotEqualTo(flags.domain());
      assertThat(off.enabled(Flag.RESPONSE_CACHE, "kiosk-1")).isFalse();
      assertThat(flags.enabled(Flag.RESPONSE_CACHE, "kiosk-1")).isTrue();
    }
    assertThat(flags.enabled(Flag.RESPONSE_CACHE, "kiosk-1")).isTrue();
  }

  @Test
  void close_releasesTheDomain_andEveryFlagReadsOff() {
    OpenFeatureFlags other = OpenFeatureFlags.over(config::get);
    assertThat(OpenFeatureAPI.getInstance().getProviderMetadata(other.domain()).getName())
        .isEqualTo(ConfigFlagProvider.NAME);

    other.close();

    assertThat(OpenFeatureAPI.getInstance().getProviderMetadata(other.domain()).getName())
        .isNotEqualTo(ConfigFlagProvider.NAME);
    assertThat(other.enabled(Flag.RESPONSE_CACHE, "kiosk-1")).isFalse();
  }

  @Test
  void provider_throughTheSdk_reportsReasonAndVariant() {
    config.set(Snapshots.rollout(50));
    FlagEvaluationDetails<Boolean> d =
        OpenFeatureAPI.getInstance()
            .getClient(flags.domain())
            .getBooleanDetails("batching", false, new ImmutableContext("127.0.0.1"));

    assertThat(d.getValue()).isTrue();
    assertThat(d.getReason()).isEqualTo("SPLIT");
    assertThat(d.getVariant()).isEqualTo("on");

    FlagEvaluationDetails<Boolean> unknown =
        OpenFeatureAPI.getInstance()
            .getClient(flags.domain())
            .getBooleanDetails("no_such_flag", false, new ImmutableContext("x"));
    assertThat(unknown.getValue()).isFalse();
    assertThat(unknown.getErrorCode()).hasToString("FLAG_NOT_FOUND");
  }

  @Test
  void states_emergency_namesTheKeyItsValueAndOrigin() {
    config.set(Snapshots.with(true, 100, Set.of("response_cache")));

    FlagState cache = state(Flag.RESPONSE_CACHE);
    assertThat(cache.state()).isEqualTo("off");
    assertThat(cache.emergencyDisabled()).isTrue();
    assertThat(cache.why())
        .isEqualTo("off: emergency_disable=response_cache (env CALENDARBOT_EMERGENCY_DISABLE)");
    assertThat(state(Flag.SINGLE_FLIGHT).state()).isEqualTo("on");
  }

  @Test
  void states_switchOff_namesTheSwitch() {
    config.set(Snapshots.with(false, 100, Set.of()));

    assertThat(state(Flag.RESPONSE_CACHE).why())
        .isEqualTo("off: pipeline.cache.enabled=false (file cb.yaml:4)");
  }

  @Test
  void states_partial_namesTheRollout() {
    config.set(Snapshots.rollout(25));

    FlagState cache = state(Flag.RESPONSE_CACHE);
    assertThat(cache.state()).isEqualTo("partial");
    assertThat(cache.rollout()).isEqualTo(25);
    assertThat(cache.why()).startsWith("partial: pipeline.cache.rollout=25 (runtime (admin, t))");
  }

  @Test
  void states_zeroAndHundred_areOffAndOn() {
    config.set(Snapshots.rollout(0));
    assertThat(state(Flag.RESPONSE_CACHE).state()).isEqualTo("off");
    assertThat(state(Flag.RESPONSE_CACHE).why())
        .isEqualTo("off: pipeline.cache.rollout=0 (runtime (admin, t))");

    config.set(Snapshots.rollout(100));
    assertThat(state(Flag.RESPONSE_CACHE).state()).isEqualTo("on");
    assertThat(flags.states())
        .extracting(FlagState::name)
        .containsExactly(
            "connection_pool",
            "request_pipeline",
            "response_cache",
            "single_flight",
            "batching",
            "warming");
  }

  private FlagState state(Flag f) {
    return flags.states().stream().filter(s -> s.name().equals(f.code())).findFirst().orElseThrow();
  }
}
