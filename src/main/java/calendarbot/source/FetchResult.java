package calendarbot.source;

import java.util.Objects;

/**
 * The outcome of a successful {@link FeedFetcher#fetch}: the feed was unchanged, or its body was
 * read. Failures are thrown as {@link calendarbot.error.FeedException}, never returned.
 *
 * @param <T> what the {@link BodyReader} produced
 */
public sealed interface FetchResult<T> {
  /** The validators to send next time. */
  Validators validators();

  /** 304, or a file whose size and modification time are unchanged. */
  record NotModified<T>(Validators validators) implements FetchResult<T> {
    public NotModified {
      Objects.requireNonNull(validators, "validators");
    }
  }

  /**
   * @param value what the reader produced from the body
   * @param bytes decoded body bytes read
   */
  record Fetched<T>(T value, Validators validators, long bytes) implements FetchResult<T> {
    public Fetched {
      Objects.requireNonNull(validators, "validators");
    }
  }
}
