package calendarbot.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the TZIDs of one feed to zone rules: zones the feed defines itself (VTIMEZONE blocks
 * that name no known zone) first, then the IANA database. Immutable and thread-safe.
 *
 * <p>Local times are converted as RFC 5545 3.3.5 requires: a time in a DST gap is read with the
 * offset before the gap (so 02:30 on a spring-forward night becomes 03:30), a time in an overlap
 * means its first occurrence.
 */
public final class ZoneTable {
  private static final ZoneTable EMPTY = new ZoneTable(Map.of());

  private final Map<String, ZoneRules> custom;
  private final Map<String, ZoneRules> cache = new ConcurrentHashMap<>();

  /**
   * @param custom rules for feed-defined TZIDs that are not IANA ids; copied
   */
  public ZoneTable(Map<String, ZoneRules> custom) {
    this.custom = Map.copyOf(custom);
  }

  /** A table that knows only the IANA database. */
  public static ZoneTable empty() {
    return EMPTY;
  }

  /** The feed-defined zones, for storage. */
  public Map<String, ZoneRules> custom() {
    return custom;
  }

  /**
   * The rules for {@code tzid}.
   *
   * @throws DateTimeException if the TZID is neither feed-defined nor an IANA id
   */
  public ZoneRules rules(String tzid) {
    ZoneRules own = custom.get(tzid);
    if (own != null) {
      return own;
    }
    return cache.computeIfAbsent(tzid, id -> ZoneId.of(id).getRules());
  }

  /** Converts a local time in {@code tzid} to an instant (gap/overlap as RFC 5545 says). */
  public Instant resolve(LocalDateTime local, String tzid) {
    return resolve(local, rules(tzid));
  }

  /** Converts a local time under {@code rules} to an instant (gap/overlap as RFC 5545 says). */
  public static Instant resolve(LocalDateTime local, ZoneRules rules) {
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (!offsets.isEmpty()) {
      // One offset normally; two in an overlap, where the first is the earlier occurrence.
      return local.toInstant(offsets.get(0));
    }
    ZoneOffsetTransition gap = rules.getTransition(local);
    return local.toInstant(gap.getOffsetBefore());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ZoneTable other && custom.equals(other.custom);
  }

  @Override
  public int hashCode() {
    return custom.hashCode();
  }

  @Override
  public String toString() {
    return "ZoneTable" + custom.keySet();
  }
}
