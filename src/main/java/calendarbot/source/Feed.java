package calendarbot.source;

import calendarbot.config.SourceConfig;

/** Where refresh gets a source's body from: {@link FeedFetcher}, or a decorator of it. */
interface Feed {
  /** See {@link FeedFetcher#fetch}. */
  <T> FetchResult<T> fetch(SourceConfig source, Validators previous, BodyReader<T> reader);
}
