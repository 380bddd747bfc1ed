package calendarbot.ics;

import calendarbot.error.MalformedFeedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads logical lines from a UTF-8 iCalendar body, unfolding at the byte level before decoding.
 *
 * <p>Folding (RFC 5545 3.1) happens on octets, and writers such as Google's split multi-byte UTF-8
 * characters across a fold. Decoding each physical line first would turn both halves into U+FFFD,
 * so the continuation bytes are joined first and the whole logical line is decoded once. Accepts
 * CRLF and bare LF, a leading byte-order mark, and blank lines (skipped). A logical line longer
 * than {@link #MAX_LINE_BYTES} fails the feed. Not thread-safe.
 */
final class LineUnfolder {
  /**
   * The longest logical (unfolded) content line, in bytes. RFC 5545 folds at 75 octets and real
   * DESCRIPTIONs are a few KB, but a feed may be up to {@code fetch.max_bytes} (20 MB) in one line
   * (an inline attachment, or a body that is not iCalendar at all); buffering that and decoding it
   * to a String would need several times its size of a 64 MB heap.
   */
  static final int MAX_LINE_BYTES = 1 << 20;

  private final InputStream in;
  private final String label;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[256];
  private int lineLength;
  private int physicalLine; // physical lines consumed so far
  private int logicalStart;
  private boolean started;

  /**
   * @param label names the feed in messages (e.g. "source 'work'")
   */
  LineUnfolder(InputStream in, String label) {
    this.in = in;
    this.label = label;
  }

  /** The physical line (1-based) on which the last returned logical line started. */
  int lineNumber() {
    return logicalStart;
  }

  /**
   * @return the next non-blank logical line, or {@code null} at the end of the body
   * @throws IOException when reading fails
   * @throws MalformedFeedException when the logical line exceeds {@link #MAX_LINE_BYTES}
   */
  String next() throws IOException {
    if (!started) {
      started = true;
      skipBom();
    }
    while (true) {
      if (peek() < 0) {
        return null;
      }
      lineLength = 0;
      logicalStart = physicalLine + 1;
      readPhysical();
      // Continuation lines begin with one space or tab, which is removed with the line break.
      while (peek() == ' ' || peek() == '\t') {
        pos++;
        readPhysical();
      }
      if (lineLength > 0) {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
      }
    }
  }

  private void skipBom() throws IOException {
    if (peek() == 0xEF
        && fill(3)
        && (buf[pos + 1] & 0xFF) == 0xBB
        && (buf[pos + 2] & 0xFF) == 0xBF) {
      pos += 3;
    }
  }

  private void readPhysical() throws IOException {
    physicalLine++;
    while (true) {
      if (pos == limit && !refill()) {
        break;
      }
      int start = pos;
      while (pos < limit && buf[pos] != '\n') {
        pos++;
      }
      append(start, pos);
      if (pos < limit) {
        pos++; // the LF
        break;
      }
    }
    if (lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
    }
    if (lineLength > MAX_LINE_BYTES) {
      throw tooLong();
    }
  }

  private MalformedFeedException tooLong() {
    return new MalformedFeedException(
        label
            + ": the content line starting at line "
            + logicalStart
            + " is longer than "
            + MAX_LINE_BYTES
            + " bytes after unfolding (the cap for one line); check that the URL serves an"
            + " iCalendar feed and that its events do not embed attachments or images inline"
            + " (ATTACH;VALUE=BINARY)",
        logicalStart);
  }

  private void append(int from, int to) {
    int n = to - from;
    // One byte of grace for the CR of a CRLF, which readPhysical strips after appending.
    if (lineLength + n > MAX_LINE_BYTES + 1) {
      throw tooLong();
    }
    if (lineLength + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
    }
    System.arraycopy(buf, from, line, lineLength, n);
    lineLength += n;
  }

  private int peek() throws IOException {
    if (pos == limit && !refill()) {
      return -1;
    }
    return buf[pos] & 0xFF;
  }

  /** Ensures {@code n} bytes are buffered from {@code pos} (only used at the start). */
  private boolean fill(int n) throws IOException {
    while (limit - pos < n) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        return false;
      }
      limit += r;
    }
    return true;
  }

  private boolean refill() throws IOException {
    pos = 0;
    limit = 0;
    int r;
    do {
      r = in.read(buf, 0, buf.length);
    } while (r == 0);
    if (r < 0) {
      return false;
    }
    limit = r;
    return true;
  }
}
