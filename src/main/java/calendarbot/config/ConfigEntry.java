package calendarbot.config;

/**
 * One key of a {@link ConfigSnapshot}, as {@code calendarbot config show} and {@code GET
 * /api/admin/config} print it.
 *
 * @param key the dotted key, e.g. {@code pipeline.ttl.whats_next}
 * @param value the effective value as text; {@value #REDACTED} for a secret; {@code null} when
 *     unset
 * @param origin where the value came from: {@code default}, {@code file /etc/cb.yaml:12}, {@code
 *     env CALENDARBOT_X}, {@code flag --port}, {@code runtime (actor, instant)}
 * @param live whether a change takes effect without a restart
 * @param pendingRestart whether the value changed since start and waits for a restart
 */
public record ConfigEntry(
    String key, String value, String origin, boolean live, boolean pendingRestart) {
  /** What a secret's value reads as. */
  public static final String REDACTED = "***";
}
