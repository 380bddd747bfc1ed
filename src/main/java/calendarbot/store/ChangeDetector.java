package calendarbot.store;

import calendarbot.event.TimeWindow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a replace of one source's data changed, as a time span: the hull of the bounds of every
 * series that was added, removed or altered (compared by a digest of its stored payload, so a
 * re-fetch of identical data changes nothing), or everything when the source's time zone
 * definitions changed (they can move any zoned instance). Used to invalidate only the cached
 * answers whose window overlaps the change.
 *
 * <p>Memory: a 32-byte digest and the bounds per old series, read row by row; the payload texts are
 * never held together.
 */
final class ChangeDetector {
  /** The span meaning "anything may have changed". */
  static final TimeWindow EVERYTHING = new TimeWindow(Instant.MIN, Instant.MAX);

  private final Map<String, Deque<SeriesBounds>> unmatchedOld = new HashMap<>();
  private final Map<String, String> oldZones = new TreeMap<>();
  private final Map<String, String> newZones = new TreeMap<>();
  private final List<SeriesBounds> changed = new ArrayList<>();
  private final MessageDigest sha;

  private ChangeDetector() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Reads what {@code sourceId} holds now, before it is replaced (same transaction). */
  static ChangeDetector before(Connection c, String sourceId) throws SQLException {
    ChangeDetector d = new ChangeDetector();
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT first_start, last_end, payload FROM series WHERE source_id = ?")) {
      st.setString(1, sourceId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Long first = rs.getObject(1) == null ? null : rs.getLong(1);
          Long last = rs.getObject(2) == null ? null : rs.getLong(2);
          d.unmatchedOld
              .computeIfAbsent(d.digest(rs.getString(3)), k -> new ArrayDeque<>())
              .add(new SeriesBounds(first, last));
        }
      }
    }
    try (PreparedStatement st =
        c.prepareStatement("SELECT tzid, rules FROM source_zones WHERE source_id = ?")) {
      st.setString(1, sourceId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          d.oldZones.put(rs.getString(1), d.digest(rs.getBytes(2)));
        }
      }
    }
    return d;
  }

  /** A series of the new data, with its stored payload and bounds. */
  void added(String payload, SeriesBounds bounds) {
    Deque<SeriesBounds> same = unmatchedOld.get(digest(payload));
    if (same != null && !same.isEmpty()) {
      same.pop();
    } else {
      changed.add(bounds);
    }
  }

  /** A zone definition of the new data, as stored. */
  void zone(String tzid, byte[] rules) {
    newZones.put(tzid, digest(rules));
  }

  /** The changed span; empty when the new data equals the old. */
  Optional<TimeWindow> span() {
    if (!oldZones.equals(newZones)) {
      return Optional.of(EVERYTHING);
    }
    List<SeriesBounds> all = new ArrayList<>(changed);
    unmatchedOld.values().forEach(all::addAll);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    Instant start = Instant.MAX;
    Instant end = Instant.MIN;
    for (SeriesBounds b : all) {
      Instant first = b.first() == null ? Instant.MIN : Instant.ofEpochMilli(b.first());
      Instant last = b.last() == null ? Instant.MAX : Instant.ofEpochMilli(b.last());
      start = first.isBefore(start) ? first : start;
      end = last.isAfter(end) ? last : end;
    }
    return Optional.of(new TimeWindow(start, end));
  }

  private String digest(String text) {
    return digest(text.getBytes(StandardCharsets.UTF_8));
  }

  private String digest(byte[] bytes) {
    return Base64.getEncoder().encodeToString(sha.digest(bytes));
  }
}
