package calendarbot.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A ready-to-send answer: status, content type, body bytes, the gzip form when it pays, and a
 * strong ETag over the body. Immutable by contract: the arrays are never modified after
 * construction, and callers must not modify what they get.
 *
 * @param gzipped the gzip-compressed body, or {@code null} when compression does not pay
 * @param etag a strong entity tag (quoted) over {@code body}
 */
public record CachedResponse(
    int status, String contentType, byte[] body, byte[] gzipped, String etag) {
  /** Bytes a cache entry costs beyond its bodies: key, record and map overhead (measured order). */
  static final int ENTRY_OVERHEAD_BYTES = 256;

  public CachedResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(etag, "etag");
  }

  /** An answer with a strong ETag computed from its bytes and no compressed form. */
  public static CachedResponse of(int status, String contentType, byte[] body) {
    return new CachedResponse(status, contentType, body, null, strongEtag(body));
  }

  /** Bodies smaller than this are sent as they are: gzip would cost more than it saves. */
  public static final int GZIP_MIN_BYTES = 1024;

  /** An answer with an explicit entity tag (e.g. a weak one over the answer's meaning). */
  public static CachedResponse of(int status, String contentType, byte[] body, String etag) {
    return new CachedResponse(status, contentType, body, null, etag);
  }

  /**
   * This answer with its gzip form, when the body is at least {@link #GZIP_MIN_BYTES} and
   * compression saves at least a tenth (PNGs, already compressed, do not qualify).
   *
   * <p>Compressed at the fastest level: every miss (and every request on the plain path) pays for
   * it, and at the default level gzip cost about four times the JSON serialisation of a 7-day
   * answer; the fastest level is ~3× quicker for a gzip form ~27% larger (docs/BENCHMARKS.md,
   * "Request pipeline").
   */
  public CachedResponse compressed() {
    if (gzipped != null || body.length < GZIP_MIN_BYTES) {
      return this;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length / 4 + 64);
    try (java.util.zip.GZIPOutputStream gz =
        new java.util.zip.GZIPOutputStream(out, 8192) {
          {
            def.setLevel(java.util.zip.Deflater.BEST_SPEED);
          }
        }) {
      gz.write(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("gzip into memory cannot fail", e);
    }
    byte[] gz = out.toByteArray();
    return gz.length <= body.length * 0.9 ? withGzipped(gz) : this;
  }

  /** The same answer with {@code gz} as its compressed form. */
  public CachedResponse withGzipped(byte[] gz) {
    return new CachedResponse(status, contentType, body, gz, etag);
  }

  /** What holding this answer costs, in bytes. */
  public int weight() {
    return body.length + (gzipped == null ? 0 : gzipped.length) + ENTRY_OVERHEAD_BYTES;
  }

  /**
   * A strong entity tag over {@code body}: {@code "<CRC-32C><CRC-32><length>"} in 32 hex digits.
   * Two checksums with different polynomials and the length, not a cryptographic hash: an ETag is
   * compared with the previous version of the same resource, where 64 bits of checksum make a false
   * match about one in 10^19, while SHA-256 of a 768 KB answer costs 5.7 ms under C1 (the
   * launcher's compiler; no SHA intrinsics there) against 0.02 ms for both checksums (intrinsics).
   */
  public static String strongEtag(byte[] body) {
    EtagDigest d = new EtagDigest();
    d.write(body, 0, body.length);
    return d.etag();
  }

  /**
   * Computes {@link #strongEtag} of the bytes written to it without keeping them: for an answer
   * streamed to the client instead of buffered (the plain path's large answers).
   */
  public static final class EtagDigest extends java.io.OutputStream {
    private final java.util.zip.CRC32C crc32c = new java.util.zip.CRC32C();
    private final java.util.zip.CRC32 crc32 = new java.util.zip.CRC32();
    private long length;

    @Override
    public void write(int b) {
      crc32c.update(b);
      crc32.update(b);
      length++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      crc32c.update(b, off, len);
      crc32.update(b, off, len);
      length += len;
    }

    /** The tag of everything written so far. */
    public String etag() {
      return String.format(
          java.util.Locale.ROOT, "\"%08x%08x%016x\"", crc32c.getValue(), crc32.getValue(), length);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CachedResponse c
        && status == c.status
        && contentType.equals(c.contentType)
        && etag.equals(c.etag)
        && java.util.Arrays.equals(body, c.body);
  }

  @Override
  public int hashCode() {
    return etag.hashCode();
  }

  @Override
  public String toString() {
    return "CachedResponse["
        + status
        + " "
        + contentType
        + ", "
        + body.length
        + " B, "
        + etag
        + "]";
  }

  /** The body as UTF-8 text (tests, logs). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
