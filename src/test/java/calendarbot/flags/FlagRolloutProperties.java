package calendarbot.flags;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.ConfigSnapshot;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The rollout decision through the real OpenFeature path: monotonic, stable, exact at 0 and 100.
 */
class FlagRolloutProperties {
  private static final AtomicReference<ConfigSnapshot> CONFIG =
      new AtomicReference<>(Snapshots.defaults());
  private static final OpenFeatureFlags FLAGS = OpenFeatureFlags.over(CONFIG::get);

  /** Built independently, over its own configuration. */
  private static final AtomicReference<ConfigSnapshot> OTHER_CONFIG =
      new AtomicReference<>(Snapshots.defaults());

  private static final OpenFeatureFlags OTHER = OpenFeatureFlags.over(OTHER_CONFIG::get);

  @AfterContainer
  static void close() {
    FLAGS.close();
    OTHER.close();
  }

  @Provide
  Arbitrary<String> subjects() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMinLength(0).ofMaxLength(40),
        Arbitraries.integers()
            .between(0, 255)
            .list()
            .ofSize(4)
            .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3)),
        Arbitraries.strings().alpha().numeric().ofLength(22));
  }

  @Property
  void enabledAtP_isEnabledAtEveryQAboveP(
      @ForAll Flag flag,
      @ForAll("subjects") String subject,
      @ForAll @IntRange(min = 0, max = 100) int p,
      @ForAll @IntRange(min = 0, max = 100) int q) {
    int low = Math.min(p, q);
    int high = Math.max(p, q);
    if (decide(low, flag, subject)) {
      assertThat(decide(high, flag, subject))
          .as("%s %s at %d then %d", flag, subject, low, high)
          .isTrue();
    }
  }

  @Property
  void decision_isTheSameOnEveryCallAndInEveryInstance(
      @ForAll Flag flag,
      @ForAll("subjects") String subject,
      @ForAll @IntRange(min = 0, max = 100) int p) {
    CONFIG.set(Snapshots.rollout(p));
    OTHER_CONFIG.set(Snapshots.rollout(p));
    boolean first = FLAGS.enabled(flag, subject);

    assertThat(FLAGS.enabled(flag, subject)).isEqualTo(first);
    assertThat(OTHER.enabled(flag, subject)).isEqualTo(first);
    assertThat(first).isEqualTo(Buckets.of(flag, subject) < p);
    assertThat(FeatureFlags.direct(CONFIG::get).enabled(flag, subject)).isEqualTo(first);
  }

  @Property
  void zeroPercent_isNobody_andHundredIsEverybody(
      @ForAll Flag flag, @ForAll("subjects") String subject) {
    assertThat(decide(0, flag, subject)).isFalse();
    assertThat(decide(100, flag, subject)).isTrue();
  }

  @Property
  void emergencyDisable_beatsEnabledAtHundredPercent(
      @ForAll Flag flag, @ForAll("subjects") String subject, @ForAll boolean all) {
    CONFIG.set(Snapshots.with(true, 100, all ? Set.of("all") : Set.of(flag.code())));

    assertThat(FLAGS.enabled(flag, subject)).isFalse();
  }

  /** Deterministic ids, so the share is a fixed number, not a sample that may flake. */
  @Example
  void twentyFivePercent_ofTenThousandIds_isBetween22And28Percent() {
    CONFIG.set(Snapshots.rollout(25));
    for (Flag flag : Flag.values()) {
      int on = 0;
      for (int i = 0; i < 10_000; i++) {
        if (FLAGS.enabled(flag, "kiosk-" + i)) {
          on++;
        }
      }
      assertThat(on).as(flag.code()).isBetween(2_200, 2_800);
    }
  }

  private static boolean decide(int percent, Flag flag, String subject) {
    CONFIG.set(Snapshots.rollout(percent));
    return FLAGS.enabled(flag, subject);
  }
}
