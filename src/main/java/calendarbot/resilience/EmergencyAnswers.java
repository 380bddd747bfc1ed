package calendarbot.resilience;

import calendarbot.metrics.MetricNames;
import calendarbot.metrics.Metrics;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.RequestKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last good what's-next answer, kept in memory and on disk ({@code
 * <data_dir>/emergency/whats-next.json}, loaded at start), and the emergency answer made from it
 * when every path of a what's-next request failed.
 *
 * <p>The disk copy is written atomically (temporary file, then rename) when the answer's ETag
 * changed or the copy is {@link #REWRITE_AFTER} old, never more: the data directory is usually an
 * SD card. A write that fails is logged and the answer still kept in memory. Thread-safe.
 */
final class EmergencyAnswers {
  private static final Logger log = LoggerFactory.getLogger(EmergencyAnswers.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** An unchanged answer is written again after this long, so its age on disk stays honest. */
  static final Duration REWRITE_AFTER = Duration.ofMinutes(10);

  /** The file name under {@code <data_dir>/emergency/}. */
  static final String FILE = "whats-next.json";

  private record Snapshot(byte[] body, String contentType, String etag, Instant savedAt) {}

  private final Path file;
  private final Clock clock;
  private final Metrics metrics;
  private final AtomicLong served = new AtomicLong();
  private volatile Snapshot latest;
  // guarded by this
  private String writtenEtag;
  // guarded by this
  private Instant writtenAt;
  private volatile Instant lastServedAt;
  private volatile String lastReason;

  /**
   * @param dataDir where {@code emergency/whats-next.json} lives; {@code null} keeps it in memory
   *     only
   */
  EmergencyAnswers(Path dataDir, Clock clock, Metrics metrics) {
    this.file = dataDir == null ? null : dataDir.resolve("emergency").resolve(FILE);
    this.clock = clock;
    this.metrics = metrics;
    this.latest = load();
    if (latest != null) {
      writtenEtag = latest.etag();
      writtenAt = latest.savedAt();
    }
  }

  /**
   * Keeps {@code answer} if it is a good (200) what's-next answer for the present minute; answers
   * computed ahead (warming the next minute) are not kept.
   */
  void offer(RequestKey key, CachedResponse answer) {
    if (answer.status() != 200) {
      return;
    }
    Instant now = clock.instant();
    if (key.minute() != null && key.minute().isAfter(now.truncatedTo(ChronoUnit.MINUTES))) {
      return;
    }
    Snapshot s = new Snapshot(answer.body(), answer.contentType(), answer.etag(), now);
    latest = s;
    if (file != null) {
      persist(s);
    }
  }

  private synchronized void persist(Snapshot s) {
    boolean changed = !s.etag().equals(writtenEtag);
    if (!changed && writtenAt != null && s.savedAt().isBefore(writtenAt.plus(REWRITE_AFTER))) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      ObjectNode root = MAPPER.createObjectNode();
      root.put("saved_at", s.savedAt().toString());
      root.put("etag", s.etag());
      root.put("content_type", s.contentType());
      root.set("answer", MAPPER.readTree(s.body()));
      Path tmp = file.resolveSibling(FILE + ".tmp");
      Files.write(tmp, MAPPER.writeValueAsBytes(root));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      writtenEtag = s.etag();
      writtenAt = s.savedAt();
    } catch (IOException | RuntimeException e) {
      log.warn(
          "resilience: emergency answer could not be saved to {} ({}); kept in memory only",
          file,
          e.toString());
    }
  }

  private Snapshot load() {
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode root = MAPPER.readTree(file.toFile());
      Snapshot s =
          new Snapshot(
              MAPPER.writeValueAsBytes(root.get("answer")),
              root.get("content_type").asText(),
              root.get("etag").asText(),
              Instant.parse(root.get("saved_at").asText()));
      log.info("resilience: emergency answer loaded from {} (saved at {})", file, s.savedAt());
      return s;
    } catch (IOException | RuntimeException e) {
      log.warn(
          "resilience: emergency answer in {} could not be read ({}); starting without one",
          file,
          e.toString());
      return null;
    }
  }

  /**
   * The emergency answer for a what's-next request that failed with {@code failure}: the last good
   * answer with {@code "stale": true} and {@code "emergency": {saved_at, age_seconds, reason}}, and
   * an entity tag that never matches again (a client must not keep it); empty when there is none.
   * Counted and logged at WARN.
   */
  /**
   * What the kiosk may show: the kind of failure, never its message (which can name files and
   * internals; that stays in the log and {@code /api/status}).
   */
  static String publicReason(RuntimeException failure) {
    return failure instanceof calendarbot.error.StorageException
        ? "the calendar database cannot be read right now"
        : "the answer could not be computed right now";
  }

  Optional<CachedResponse> answer(RuntimeException failure) {
    Snapshot s = latest;
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    long n = served.incrementAndGet();
    ObjectNode root;
    try {
      JsonNode tree = MAPPER.readTree(s.body());
      if (!(tree instanceof ObjectNode o)) {
        return Optional.empty();
      }
      root = o;
    } catch (IOException e) {
      return Optional.empty();
    }
    root.put("stale", true);
    ObjectNode emergency = root.putObject("emergency");
    emergency.put("saved_at", s.savedAt().toString());
    emergency.put("age_seconds", Math.max(0, Duration.between(s.savedAt(), now).toSeconds()));
    emergency.put("reason", publicReason(failure));
    byte[] body;
    try {
      body = MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      return Optional.empty();
    }
    lastServedAt = now;
    lastReason = reason;
    metrics.count(
        MetricNames.RESILIENCE_EMERGENCY_ANSWERS,
        "reason=" + failure.getClass().getSimpleName(),
        1);
    log.warn(
        "resilience: what's-next failed on every path ({}); serving the emergency answer saved at"
            + " {} ({} s old)",
        reason,
        s.savedAt(),
        Duration.between(s.savedAt(), now).toSeconds());
    return Optional.of(
        CachedResponse.of(
            200,
            s.contentType(),
            body,
            "W/\"emergency-" + s.savedAt().toEpochMilli() + "-" + n + "\""));
  }

  ResilienceStatus.EmergencyStatus status() {
    Snapshot s = latest;
    Instant served = lastServedAt;
    return new ResilienceStatus.EmergencyStatus(
        this.served.get(),
        s == null ? null : s.savedAt().toString(),
        served == null ? null : served.toString(),
        lastReason);
  }
}
