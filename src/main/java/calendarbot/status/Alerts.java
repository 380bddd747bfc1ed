package calendarbot.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active warnings, computed on demand from the server's state ({@code /api/status} lists them
 * under {@code alerts}): memory above its soft limit, a source without fresh data for longer than
 * {@value #STALE_INTERVALS} refresh intervals, a circuit breaker not closed, a pool saturated or
 * the background executor backed up (the {@link StatusService}'s health checks).
 *
 * <p>The rules read plain values through suppliers, so this package does not depend on the
 * resilience package that owns memory pressure and the breakers. Thread-safe (one evaluation at a
 * time, so the first-seen times stay consistent); each call costs one read of every source's state.
 */
public final class Alerts implements Supplier<List<Alert>> {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

  /**
   * How many refresh intervals a source may go without a success before it raises an alert. Health
   * calls data stale after two (the kiosk shows it at once); one interval more gives a failing
   * source's retries with back-off their chance before someone is asked to act.
   */
  public static final int STALE_INTERVALS = 3;

  /**
   * Heap use after GC, as memory pressure last judged it.
   *
   * @param level {@code NORMAL}, {@code SOFT} or {@code HARD}
   * @param fraction used after GC / max, 0..1
   * @param soft the soft limit as a fraction of max
   * @param hard the hard limit as a fraction of max
   * @param maxBytes the heap's maximum
   * @param since when the level was entered, or {@code null}
   */
  public record Memory(
      String level, double fraction, double soft, double hard, long maxBytes, Instant since) {}

  /**
   * One circuit breaker.
   *
   * @param state {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, {@code FORCED_OPEN} (or a
   *     disabled state, which is no problem)
   * @param since when it entered the state, or {@code null}
   * @param reason why it changed state last, or {@code null}
   */
  public record Breaker(String name, String state, Instant since, String reason) {}

  private static final Set<String> HEALTHY_BREAKER_STATES =
      Set.of("CLOSED", "DISABLED", "METRICS_ONLY");

  private final StatusService status;
  private final Supplier<Memory> memory;
  private final Supplier<List<Breaker>> breakers;
  private final Clock clock;
  private final Instant startedAt;
  // (code, subject) → when first seen active, for rules whose inputs do not say since when.
  // Guarded by this.
  private final Map<String, Instant> firstSeen = new HashMap<>();

  /**
   * @param status the sources' ages and the health checks; its clock is the alerts' clock
   * @param memory the memory pressure reading; a {@code null} supplier or reading means no memory
   *     watch runs
   * @param breakers every circuit breaker; {@code null} means none
   */
  public Alerts(StatusService status, Supplier<Memory> memory, Supplier<List<Breaker>> breakers) {
    this.status = status;
    this.memory = memory == null ? () -> null : memory;
    this.breakers = breakers == null ? List::of : breakers;
    this.clock = status.clock();
    // A source never read counts its age from here: the server cannot know of earlier attempts.
    this.startedAt = clock.instant();
  }

  /**
   * The alerts active now: memory first, then sources, breakers and checks, each in their order.
   * Never throws: a rule that fails is logged and left out.
   */
  @Override
  public synchronized List<Alert> get() {
    Instant now = clock.instant();
    List<Alert> out = new ArrayList<>();
    rule("memory", () -> memory(now).ifPresent(out::add));
    rule("sources", () -> out.addAll(sources(now)));
    rule("breakers", () -> out.addAll(breakers(now)));
    rule("checks", () -> out.addAll(checks(now)));
    Set<String> active = new HashSet<>();
    out.forEach(a -> active.add(key(a.code(), a.subject())));
    firstSeen.keySet().retainAll(active);
    return List.copyOf(out);
  }

  private static void rule(String name, Runnable rule) {
    try {
      rule.run();
    } catch (RuntimeException e) {
      LOG.warn("alerts: the {} rule failed; its alerts are left out: {}", name, e.toString());
    }
  }

  private Optional<Alert> memory(Instant now) {
    Memory m = memory.get();
    if (m == null || !(m.level().equals("SOFT") || m.level().equals("HARD"))) {
      return Optional.empty();
    }
    boolean hard = m.level().equals("HARD");
    String message =
        String.format(
            Locale.ROOT,
            "heap after GC is %d%% of %d MB, above the %s limit of %d%%: %s",
            Math.round(m.fraction() * 100),
            m.maxBytes() / (1024 * 1024),
            hard ? "hard" : "soft",
            Math.round((hard ? m.hard() : m.soft()) * 100),
            hard
                ? "the response cache was cleared and answers bypass it"
                : "the response cache was shrunk");
    return Optional.of(
        alert(
            hard ? "memory_hard" : "memory_soft",
            hard ? Alert.Severity.CRITICAL : Alert.Severity.WARNING,
            "memory",
            message,
            m.since(),
            now));
  }

  private List<Alert> sources(Instant now) {
    List<Alert> out = new ArrayList<>();
    for (SourceAge s : status.ages()) {
      Duration limit = s.interval().multipliedBy(STALE_INTERVALS);
      Instant from = s.lastSuccess() == null ? startedAt : s.lastSuccess();
      Instant staleSince = from.plus(limit);
      if (!now.isAfter(staleSince)) {
        continue;
      }
      String age = minutes(Duration.between(from, now));
      String message =
          "source '"
              + s.id()
              + "' "
              + (s.lastSuccess() == null
                  ? "has not been read in the " + age + " since start"
                  : "has had no fresh data for " + age + " (last success " + s.lastSuccess() + ")")
              + ", more than "
              + STALE_INTERVALS
              + " refresh intervals of "
              + minutes(s.interval())
              + (s.lastErrorReason() == null
                  ? ""
                  : "; last error (" + s.lastErrorReason() + "): " + s.lastError());
      out.add(
          alert(
              "source_stale",
              Alert.Severity.WARNING,
              "source:" + s.id(),
              message,
              staleSince,
              now));
    }
    return out;
  }

  private List<Alert> breakers(Instant now) {
    List<Alert> out = new ArrayList<>();
    for (Breaker b : breakers.get()) {
      if (HEALTHY_BREAKER_STATES.contains(b.state())) {
        continue;
      }
      String message =
          "breaker '"
              + b.name()
              + "' is "
              + b.state()
              + (b.since() == null ? "" : " since " + b.since())
              + (b.reason() == null ? "" : ": " + b.reason());
      out.add(
          alert(
              "breaker_open",
              Alert.Severity.WARNING,
              "breaker:" + b.name(),
              message,
              b.since(),
              now));
    }
    return out;
  }

  private List<Alert> checks(Instant now) {
    List<Alert> out = new ArrayList<>();
    for (HealthCheck check : status.checks()) {
      check
          .problem()
          .ifPresent(
              p ->
                  out.add(
                      alert(check.code(), Alert.Severity.WARNING, check.subject(), p, null, now)));
    }
    return out;
  }

  private Alert alert(
      String code,
      Alert.Severity severity,
      String subject,
      String message,
      Instant since,
      Instant now) {
    Instant first = firstSeen.computeIfAbsent(key(code, subject), k -> now);
    return new Alert(code, severity, subject, message, (since == null ? first : since).toString());
  }

  private static String key(String code, String subject) {
    return code + "\u0000" + subject;
  }

  /** Whole minutes, or seconds below two minutes (short intervals in tests and demos). */
  private static String minutes(Duration d) {
    return d.toSeconds() < 120 ? d.toSeconds() + " s" : d.toMinutes() + " min";
  }
}
