package calendarbot.source;

import calendarbot.store.SourceState;

/**
 * What a fetch remembers to ask "has it changed?" next time. For HTTP these are the response's
 * {@code ETag} and {@code Last-Modified}; for {@code file:} URLs {@code etag} is a fingerprint of
 * the file's size and modification time. Either may be {@code null}.
 */
public record Validators(String etag, String lastModified) {
  /** No validators: the next fetch is unconditional. */
  public static final Validators NONE = new Validators(null, null);

  /** The validators stored in a source's state. */
  public static Validators of(SourceState state) {
    return new Validators(state.etag(), state.lastModified());
  }
}
