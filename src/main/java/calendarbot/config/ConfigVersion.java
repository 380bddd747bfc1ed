package calendarbot.config;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the audit history ({@code GET /api/admin/config/history}).
 *
 * @param version the snapshot version this change produced
 * @param at when, by the app's clock
 * @param actor who: {@code startup}, {@code file watcher}, {@code admin api from 10.0.0.5}, ...
 * @param source what kind of change: {@code startup}, {@code file}, {@code runtime}, {@code
 *     rollback}
 * @param changes the keys it changed (redacted)
 */
public record ConfigVersion(
    long version, Instant at, String actor, String source, List<ConfigChange.KeyChange> changes) {
  public ConfigVersion {
    changes = List.copyOf(changes);
  }
}
