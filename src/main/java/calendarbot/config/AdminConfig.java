package calendarbot.config;

import calendarbot.error.ConfigException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The control surface: {@code /api/admin/**}, settings writes and cache invalidation.
 *
 * @param token {@code admin.token} ({@code CALENDARBOT_ADMIN_TOKEN}): the bearer token; a secret,
 *     never shown. {@code null} when not set
 * @param tokenFile {@code admin.token_file}: a file whose first line is the token (read at start);
 *     {@code null} when not set
 * @param writesPerMinute {@code admin.write_limit}: writes one client may make per minute
 */
public record AdminConfig(String token, Path tokenFile, int writesPerMinute) {
  /** Shortest token accepted: a guessable token is worse than none. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public AdminConfig {
    if (token != null && token.strip().length() < MIN_TOKEN_LENGTH) {
      throw new ConfigException(
          "admin.token",
          "at least " + MIN_TOKEN_LENGTH + " characters (e.g. from `openssl rand -hex 24`)",
          "a token of " + token.strip().length() + " characters");
    }
    token = token == null ? null : token.strip();
    Check.range("admin.write_limit", writesPerMinute, 1, 100_000);
  }

  /** No token (the admin API is disabled), 60 writes per minute per client. */
  public static AdminConfig defaults() {
    return new AdminConfig(null, null, 60);
  }

  /** The configured token, if any ({@code admin.token}; the file is read by the loader into it). */
  public Optional<String> configuredToken() {
    return Optional.ofNullable(token);
  }

  @Override
  public String toString() {
    return "AdminConfig[token="
        + (token == null ? "none" : "***")
        + ", tokenFile="
        + tokenFile
        + ", writesPerMinute="
        + writesPerMinute
        + "]";
  }
}
