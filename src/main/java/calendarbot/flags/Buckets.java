package calendarbot.flags;

import java.nio.charset.StandardCharsets;

/**
 * The rollout bucket of a subject: MurmurHash3 (x86, 32-bit, seed 0) of the UTF-8 bytes of {@code
 * "<flag code>:<subject>"}, taken unsigned modulo 100. The function is fixed by its definition, not
 * by this JVM, so a kiosk lands in the same bucket on every server and release; the flag's code is
 * part of the input so that the 25% of kiosks with the cache are not also the 25% with batching.
 */
final class Buckets {
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Buckets() {}

  /** The bucket 0–99 of {@code subject} for {@code flag}; see {@link #subject}. */
  static int of(Flag flag, String subject) {
    return bucket(flag.code() + ":" + subject(subject));
  }

  /**
   * The subject as OpenFeature passes it on: {@code null} and text that is empty once trimmed
   * (OpenFeature drops such a targeting key) are the empty subject, everything else is itself.
   */
  static String subject(String subject) {
    return subject == null || subject.trim().isEmpty() ? "" : subject;
  }

  static int bucket(String text) {
    return (int) (Integer.toUnsignedLong(murmur3(text.getBytes(StandardCharsets.UTF_8))) % 100);
  }

  /** MurmurHash3_x86_32 with seed 0. */
  static int murmur3(byte[] data) {
    int h = 0;
    int blocks = data.length / 4;
    for (int i = 0; i < blocks; i++) {
      int o = i * 4;
      int k =
          (data[o] & 0xff)
              | (data[o + 1] & 0xff) << 8
              | (data[o + 2] & 0xff) << 16
              | (data[o + 3] & 0xff) << 24;
      h ^= mixK(k);
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int tail = blocks * 4;
    int k = 0;
    switch (data.length & 3) {
      case 3:
        k ^= (data[tail + 2] & 0xff) << 16;
      // fall through
      case 2:
        k ^= (data[tail + 1] & 0xff) << 8;
      // fall through
      case 1:
        k ^= data[tail] & 0xff;
        h ^= mixK(k);
      // fall through
      default:
        break;
    }
    h ^= data.length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static int mixK(int k) {
    k *= C1;
    k = Integer.rotateLeft(k, 15);
    return k * C2;
  }
}
