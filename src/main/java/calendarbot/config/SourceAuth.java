package calendarbot.config;

import java.util.Objects;

/** Credentials sent with a feed request. {@code toString} never shows a secret. */
public sealed interface SourceAuth {
  SourceAuth NONE = new None();

  /** No credentials. */
  record None() implements SourceAuth {}

  /** HTTP Basic. */
  record Basic(String username, String password) implements SourceAuth {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=***]";
    }
  }

  /** {@code Authorization: Bearer <token>}. */
  record Bearer(String token) implements SourceAuth {
    public Bearer {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "Bearer[token=***]";
    }
  }
}
