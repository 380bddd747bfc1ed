package calendarbot.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BucketsTest {
  @Test
  void murmur3_knownVectors_matchTheReferenceImplementation() {
    // Published MurmurHash3_x86_32 values (seed 0).
    assertThat(Buckets.murmur3(new byte[0])).isZero();
    assertThat(Buckets.murmur3(bytes("hello"))).isEqualTo(0x248bfa47);
    assertThat(Buckets.murmur3(bytes("The quick brown fox jumps over the lazy dog")))
        .isEqualTo(0x2e4ff723);
  }

  /**
   * Pinned: a kiosk's bucket must never move between releases, or raising a rollout would drop
   * kiosks that had the flag. If this fails, the hash changed; change it back.
   */
  @Test
  void of_pinnedSubjects_keepTheirBuckets() {
    assertThat(Buckets.of(Flag.RESPONSE_CACHE, "kiosk-1")).isEqualTo(57);
    assertThat(Buckets.of(Flag.BATCHING, "127.0.0.1")).isEqualTo(5);
  }

  @Test
  void of_sameSubjectDifferentFlags_areIndependent() {
    int same = 0;
    for (int i = 0; i < 1000; i++) {
      if (Buckets.of(Flag.RESPONSE_CACHE, "k" + i) == Buckets.of(Flag.BATCHING, "k" + i)) {
        same++;
      }
    }
    // Independent buckets agree 1 time in 100.
    assertThat(same).isBetween(0, 30);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
