package calendarbot.source;

import calendarbot.config.SourceConfig;
import calendarbot.error.FeedException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Regenerates the demo calendar's file before the demo source is fetched, then fetches it like any
 * file feed; other sources pass straight through. Thread-safe (the refresh service never fetches
 * one source twice at once).
 */
final class DemoFeed implements Feed {
  private final DemoCalendar demo;
  private final Feed delegate;

  DemoFeed(DemoCalendar demo, Feed delegate) {
    this.demo = demo;
    this.delegate = delegate;
  }

  @Override
  public <T> FetchResult<T> fetch(SourceConfig source, Validators previous, BodyReader<T> reader) {
    if (source.id().equals(DemoCalendar.SOURCE_ID)) {
      Path file = Path.of(source.url());
      try {
        demo.writeIfChanged(file);
      } catch (IOException e) {
        throw new FeedException(
            source.id(),
            Reasons.IO,
            FeedFetcher.label(source)
                + " could not write the demo calendar to "
                + file
                + ": "
                + e
                + "; check that data_dir is writable",
            e);
      }
    }
    return delegate.fetch(source, previous, reader);
  }
}
