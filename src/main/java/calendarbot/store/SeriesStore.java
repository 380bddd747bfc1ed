package calendarbot.store;

import calendarbot.event.CalendarData;
import calendarbot.event.EventDetails;
import calendarbot.event.Instance;
import calendarbot.event.InstanceId;
import calendarbot.event.Series;
import calendarbot.event.TimeWindow;
import calendarbot.event.ZoneTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parsed series, feed-defined zones and materialized instances of each source.
 *
 * <p>Threading: thread-safe; see {@link Database} for how reads and writes interleave. Every method
 * reads one committed snapshot, so a caller never sees half of a {@link #replace}.
 *
 * <p>Nullness: arguments are non-null unless stated. Errors: {@link
 * calendarbot.error.StorageException} when the database fails; {@link IllegalArgumentException} for
 * inconsistent arguments. Instants are stored with millisecond precision.
 */
public final class SeriesStore {
  private static final int BATCH = 500;
  private static final ObjectInputFilter ZONE_RULES_ONLY =
      ObjectInputFilter.Config.createFilter("java.time.zone.*;maxdepth=3;!*");

  private final Database db;

  public SeriesStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * Replaces everything stored for {@code sourceId} (series, zones, materialization) with {@code
   * data} and {@code materialization}, in one transaction: readers see the old data until it
   * commits, and any failure (including a crash) leaves the old data in place. Registers the source
   * if it is unknown.
   *
   * @param materialization pre-expanded instances, all of {@code sourceId}; {@code null} stores
   *     none, so every query for the source expands on demand
   * @return the span of time whose instances may differ from before (the hull of the added, removed
   *     and altered series; unbounded sides are {@link Instant#MIN}/{@link Instant#MAX}), or empty
   *     when the stored data is unchanged
   * @throws IllegalArgumentException when an instance belongs to another source (nothing changes)
   */
  Optional<TimeWindow> replace(
      String sourceId, CalendarData data, Materialization materialization) {
    return replace(sourceId, data, materialization, null);
  }

  /**
   * {@link #replace(String, CalendarData, Materialization)} and {@link SourceStateStore#save} in
   * the same transaction, so a new ETag is never recorded without the data it describes.
   *
   * @param state the source's new fetch state, of {@code sourceId}; {@code null} leaves it as is
   * @throws IllegalArgumentException when an instance or {@code state} belongs to another source
   */
  public Optional<TimeWindow> replace(
      String sourceId, CalendarData data, Materialization materialization, SourceState state) {
    return replace(sourceId, data, materialization, state, () -> {});
  }

  /**
   * As {@link #replace(String, CalendarData, Materialization, SourceState)}, running {@code
   * beforeCommit} when everything is written and only the commit remains: a cache brackets just the
   * commit (readers see the old data until then anyway), so the time during which it must not
   * answer from memory is the commit's, not the whole write's.
   *
   * @param beforeCommit runs at most once, inside the transaction; if it throws, nothing commits
   */
  public Optional<TimeWindow> replace(
      String sourceId,
      CalendarData data,
      Materialization materialization,
      SourceState state,
      Runnable beforeCommit) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(data, "data");
    if (state != null && !state.sourceId().equals(sourceId)) {
      throw new IllegalArgumentException(
          "state of source '" + state.sourceId() + "' given for source '" + sourceId + "'");
    }
    return db.write(
        "replace data of source '" + sourceId + "'",
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("INSERT OR IGNORE INTO sources (id) VALUES (?)")) {
            st.setString(1, sourceId);
            st.executeUpdate();
          }
          ChangeDetector changes = ChangeDetector.before(c, sourceId);
          deleteData(c, sourceId);
          insertSeries(c, sourceId, data, changes);
          insertZones(c, sourceId, data.zones(), changes);
          if (materialization != null) {
            insertMaterialization(c, sourceId, materialization);
          }
          if (state != null) {
            SourceStateStore.save(c, state);
          }
          Optional<TimeWindow> span = changes.span();
          beforeCommit.run();
          return span;
        });
  }

  private static void deleteData(Connection c, String sourceId) throws SQLException {
    for (String table :
        List.of("instances", "instance_details", "materialization", "source_zones", "series")) {
      try (PreparedStatement st =
          c.prepareStatement("DELETE FROM " + table + " WHERE source_id = ?")) {
        st.setString(1, sourceId);
        st.executeUpdate();
      }
    }
  }

  private static void insertSeries(
      Connection c, String sourceId, CalendarData data, ChangeDetector changes)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO series (source_id, seq, uid, first_start, last_end, payload)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      int seq = 0;
      for (Series s : data.series()) {
        SeriesBounds b = SeriesBounds.of(s, data.zones());
        st.setString(1, sourceId);
        st.setInt(2, seq++);
        st.setString(3, s.uid());
        setLong(st, 4, b.first());
        setLong(st, 5, b.last());
        String payload = SeriesCodec.encode(s);
        changes.added(payload, b);
        st.setString(6, payload);
        st.addBatch();
        if (seq % BATCH == 0) {
          st.executeBatch();
        }
      }
      st.executeBatch();
    }
  }

  private static void insertZones(
      Connection c, String sourceId, ZoneTable zones, ChangeDetector changes) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("INSERT INTO source_zones (source_id, tzid, rules) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, ZoneRules> e : zones.custom().entrySet()) {
        st.setString(1, sourceId);
        st.setString(2, e.getKey());
        byte[] rules = serialize(e.getValue());
        changes.zone(e.getKey(), rules);
        st.setBytes(3, rules);
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  private static void insertMaterialization(Connection c, String sourceId, Materialization m)
      throws SQLException {
    long maxLength = 0;
    try (PreparedStatement details =
            c.prepareStatement(
                "INSERT INTO instance_details (source_id, details_id, payload) VALUES (?, ?, ?)");
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO instances (id, source_id, uid, recurrence_id, start_ms, end_ms, all_day,"
                    + " details_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      // The expander hands every instance of a series the same EventDetails object: encode and
      // store it once (identity, not equals: equal details of two series may stay separate).
      Map<EventDetails, Integer> detailsIds = new IdentityHashMap<>();
      int n = 0;
      for (Instance i : m.instances()) {
        if (!i.sourceId().equals(sourceId)) {
          throw new IllegalArgumentException(
              "materialization of source '"
                  + sourceId
                  + "' contains instance "
                  + i.id()
                  + " of source '"
                  + i.sourceId()
                  + "'");
        }
        long start = millis(i.start());
        long end = millis(i.end());
        maxLength = Math.max(maxLength, end - start);
        Integer detailsId = detailsIds.get(i.details());
        if (detailsId == null) {
          detailsId = detailsIds.size();
          detailsIds.put(i.details(), detailsId);
          details.setString(1, sourceId);
          details.setInt(2, detailsId);
          details.setString(3, SeriesCodec.encode(i.details()));
          details.addBatch();
        }
        st.setString(1, i.id().value());
        st.setString(2, sourceId);
        st.setString(3, i.uid());
        st.setString(4, i.recurrenceId());
        st.setLong(5, start);
        st.setLong(6, end);
        st.setInt(7, i.allDay() ? 1 : 0);
        st.setInt(8, detailsId);
        st.addBatch();
        if (++n % BATCH == 0) {
          details.executeBatch();
          st.executeBatch();
        }
      }
      details.executeBatch();
      st.executeBatch();
    }
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO materialization (source_id, horizon_start, horizon_end, zone,"
                + " max_length_ms) VALUES (?, ?, ?, ?, ?)")) {
      st.setString(1, sourceId);
      st.setLong(2, millis(m.horizon().start()));
      st.setLong(3, millis(m.horizon().end()));
      st.setString(4, m.zone().getId());
      st.setLong(5, maxLength);
      st.executeUpdate();
    }
  }

  /**
   * The series of {@code sourceId} that may produce an instance overlapping {@code window} in any
   * display zone, in feed order. May include series that produce none there; never leaves out one
   * that does. Empty for an unknown source.
   */
  List<Series> seriesOverlapping(String sourceId, TimeWindow window) {
    return db.read(
        "read series of source '" + sourceId + "'", c -> readSeries(c, sourceId, window));
  }

  /**
   * {@link #seriesOverlapping} and {@link #zones} of one source from one snapshot: what an
   * on-demand expansion needs, consistent even while a {@link #replace} commits.
   */
  public StoredSeries candidates(String sourceId, TimeWindow window) {
    return db.read(
        "read series of source '" + sourceId + "'",
        c -> new StoredSeries(readSeries(c, sourceId, window), readZones(c, sourceId)));
  }

  private static List<Series> readSeries(Connection c, String sourceId, TimeWindow window)
      throws SQLException {
    List<Series> out = new ArrayList<>();
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT payload FROM series WHERE source_id = ?"
                + " AND (first_start IS NULL OR first_start <= ?)"
                + " AND (last_end IS NULL OR last_end >= ?) ORDER BY seq")) {
      st.setString(1, sourceId);
      st.setLong(2, millis(window.end()));
      st.setLong(3, millis(window.start()));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(SeriesCodec.decodeSeries(rs.getString(1)));
        }
      }
    }
    return out;
  }

  /** The zone table of {@code sourceId}: its feed-defined zones over the IANA database. */
  ZoneTable zones(String sourceId) {
    return db.read("read zones of source '" + sourceId + "'", c -> readZones(c, sourceId));
  }

  private static ZoneTable readZones(Connection c, String sourceId) throws SQLException {
    Map<String, ZoneRules> custom = new HashMap<>();
    try (PreparedStatement st =
        c.prepareStatement("SELECT tzid, rules FROM source_zones WHERE source_id = ?")) {
      st.setString(1, sourceId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          custom.put(rs.getString(1), deserialize(rs.getBytes(2)));
        }
      }
    }
    return custom.isEmpty() ? ZoneTable.empty() : new ZoneTable(custom);
  }

  /** The horizon and zone of the source's materialized instances, if any were stored. */
  public Optional<MaterializedHorizon> materialization(String sourceId) {
    return db.read(
        "read materialization of source '" + sourceId + "'",
        c -> readHorizon(c, sourceId).map(h -> h.horizon));
  }

  /**
   * Stored instances of {@code sourceId} overlapping {@code window} ({@link TimeWindow#overlaps},
   * zero-length instances included), sorted by {@link Instance#byStart}, whatever the horizon: so
   * incomplete outside the materialized horizon, and valid only for its zone. For this package's
   * tests; callers use {@link #materializedInstances(String, TimeWindow, ZoneId)}, which refuses
   * such windows.
   */
  List<Instance> materializedInstances(String sourceId, TimeWindow window) {
    return db.read(
        "read instances of source '" + sourceId + "'",
        c -> {
          Optional<Horizon> h = readHorizon(c, sourceId);
          return h.isEmpty() ? List.of() : readInstances(c, sourceId, window, h.get().maxLengthMs);
        });
  }

  /**
   * The materialized instances overlapping {@code window}, sorted by {@link Instance#byStart}, if
   * and only if the stored horizon covers the window and was computed for {@code displayZone};
   * empty otherwise (the caller must expand). Horizon check and read use one snapshot.
   */
  public Optional<List<Instance>> materializedInstances(
      String sourceId, TimeWindow window, ZoneId displayZone) {
    return db.read(
        "read instances of source '" + sourceId + "'",
        c -> {
          Optional<Horizon> h = readHorizon(c, sourceId);
          if (h.isEmpty() || !h.get().horizon.answers(window, displayZone)) {
            return Optional.empty();
          }
          return Optional.of(readInstances(c, sourceId, window, h.get().maxLengthMs));
        });
  }

  private record Horizon(MaterializedHorizon horizon, long maxLengthMs) {}

  private static Optional<Horizon> readHorizon(Connection c, String sourceId) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT horizon_start, horizon_end, zone, max_length_ms FROM materialization"
                + " WHERE source_id = ?")) {
      st.setString(1, sourceId);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        TimeWindow w =
            new TimeWindow(
                Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2)));
        return Optional.of(
            new Horizon(new MaterializedHorizon(w, ZoneId.of(rs.getString(3))), rs.getLong(4)));
      }
    }
  }

  private static List<Instance> readInstances(
      Connection c, String sourceId, TimeWindow window, long maxLengthMs) throws SQLException {
    long from = millis(window.start());
    long to = millis(window.end());
    List<Instance> out = new ArrayList<>();
    // The lower start bound lets the (source_id, start_ms) index do the work: nothing longer than
    // maxLengthMs was stored, so nothing starting earlier can reach the window.
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT i.id, i.uid, i.recurrence_id, i.start_ms, i.end_ms, i.all_day, i.details_id,"
                + " d.payload FROM instances i JOIN instance_details d"
                + " ON d.source_id = i.source_id AND d.details_id = i.details_id"
                + " WHERE i.source_id = ? AND i.start_ms >= ? AND i.start_ms < ?"
                + " AND (i.end_ms > ? OR (i.end_ms = i.start_ms AND i.start_ms >= ?))")) {
      st.setString(1, sourceId);
      st.setLong(2, saturatingSubtract(from, maxLengthMs));
      st.setLong(3, to);
      st.setLong(4, from);
      st.setLong(5, from);
      // Each distinct payload is converted to a String and decoded once per query: the column is
      // only read for a details id not seen yet (the driver converts text lazily).
      Map<Integer, EventDetails> decoded = new HashMap<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          int detailsId = rs.getInt(7);
          EventDetails details = decoded.get(detailsId);
          if (details == null) {
            details = SeriesCodec.decodeDetails(rs.getString(8));
            decoded.put(detailsId, details);
          }
          Instance i =
              new Instance(
                  new InstanceId(rs.getString(1)),
                  sourceId,
                  rs.getString(2),
                  rs.getString(3),
                  Instant.ofEpochMilli(rs.getLong(4)),
                  Instant.ofEpochMilli(rs.getLong(5)),
                  rs.getInt(6) == 1,
                  details);
          // SQL compared milliseconds; this keeps TimeWindow's exact semantics for sub-ms windows.
          if (window.overlaps(i.start(), i.end())) {
            out.add(i);
          }
        }
      }
    }
    out.sort(Instance::byStart);
    return out;
  }

  /** Series stored for {@code sourceId}. */
  int seriesCount(String sourceId) {
    return count("series", sourceId);
  }

  /** Materialized instances stored for {@code sourceId}. */
  int instanceCount(String sourceId) {
    return count("instances", sourceId);
  }

  private int count(String table, String sourceId) {
    return db.read(
        "count " + table + " of source '" + sourceId + "'",
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("SELECT count(*) FROM " + table + " WHERE source_id = ?")) {
            st.setString(1, sourceId);
            try (ResultSet rs = st.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  /**
   * Forgets {@code sourceId} entirely: its series, zones, instances and fetch state.
   *
   * @return whether the source was known
   */
  boolean deleteSource(String sourceId) {
    return db.write(
        "delete source '" + sourceId + "'",
        c -> {
          // Children first, so the delete does not depend on ON DELETE CASCADE being enforced.
          deleteData(c, sourceId);
          try (PreparedStatement st = c.prepareStatement("DELETE FROM sources WHERE id = ?")) {
            st.setString(1, sourceId);
            return st.executeUpdate() > 0;
          }
        });
  }

  private static void setLong(PreparedStatement st, int index, Long value) throws SQLException {
    if (value == null) {
      st.setNull(index, Types.INTEGER);
    } else {
      st.setLong(index, value);
    }
  }

  /**
   * Epoch milliseconds, saturated for instants beyond the {@code long} range (e.g. far windows).
   */
  static long millis(Instant i) {
    try {
      return i.toEpochMilli();
    } catch (ArithmeticException e) {
      return i.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static long saturatingSubtract(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
  }

  private static byte[] serialize(ZoneRules rules) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(rules);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize zone rules", e);
    }
    return bytes.toByteArray();
  }

  private static ZoneRules deserialize(byte[] data) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
      // The column should only ever hold ZoneRules; refuse anything else rather than run it.
      in.setObjectInputFilter(ZONE_RULES_ONLY);
      return (ZoneRules) in.readObject();
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new IllegalStateException("stored zone rules are not readable: " + e, e);
    }
  }
}
