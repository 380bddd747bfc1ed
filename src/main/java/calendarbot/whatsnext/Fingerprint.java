package calendarbot.whatsnext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The state of a {@link WhatsNext} answer without its time-relative fields, hashed: two answers
 * computed at different instants have the same fingerprint exactly when a page holding one can
 * recompute the other from start and end times alone.
 *
 * <p>Covered: the local date, the zone, the events (all lists merged and sorted by start, so an
 * event moving from "next" to "current" as time passes changes nothing) with their content, {@code
 * status_info} and {@code display}. Left out: {@code current_time}, {@code time_until_minutes},
 * {@code time_remaining_minutes}, {@code is_current}, {@code is_upcoming}.
 */
final class Fingerprint {
  /** 128 bits of SHA-256: plenty to tell states of one kiosk apart, short in a header. */
  private static final int BYTES = 16;

  private Fingerprint() {}

  static String of(WhatsNext w) {
    Canon c = new Canon();
    // The local date: "2026-11-23T10:10+01:00" starts with it.
    c.field(w.currentTime() == null ? null : w.currentTime().substring(0, 10));
    c.field(w.timezone());
    List<WhatsNextEvent> events = new ArrayList<>();
    events.addAll(w.currentEvents());
    events.addAll(w.nextEvents());
    events.addAll(w.laterEvents());
    events.addAll(w.allDayEvents());
    events.sort(Comparator.comparing(WhatsNextEvent::startTime).thenComparing(WhatsNextEvent::id));
    c.field(Integer.toString(events.size()));
    for (WhatsNextEvent e : events) {
      c.field(e.id());
      c.field(e.sourceId());
      c.field(e.uid());
      c.field(e.subject());
      c.field(e.startTime());
      c.field(e.endTime());
      c.field(e.location());
      c.field(e.description());
      c.field(e.url());
      c.field(Long.toString(e.durationMinutes()));
      c.field(Boolean.toString(e.allDay()));
      c.field(e.status());
      c.field(e.transparency());
      c.field(e.meetingUrl());
      c.field(e.meetingProvider());
    }
    // Records of strings, numbers, booleans and lists of records: toString is complete and
    // deterministic, and field lengths are framed by Canon.
    c.field(String.valueOf(w.statusInfo()));
    c.field(String.valueOf(w.display()));
    return c.hash();
  }

  /** Length-framed fields, so {"ab","c"} and {"a","bc"} never hash alike. */
  private static final class Canon {
    private final MessageDigest digest;

    Canon() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    }

    void field(String value) {
      if (value == null) {
        digest.update((byte) 0);
        return;
      }
      byte[] b = value.getBytes(StandardCharsets.UTF_8);
      digest.update((byte) 1);
      digest.update(
          new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8)});
      digest.update((byte) b.length);
      digest.update(b);
    }

    String hash() {
      byte[] full = digest.digest();
      return HexFormat.of().formatHex(full, 0, BYTES);
    }
  }
}
