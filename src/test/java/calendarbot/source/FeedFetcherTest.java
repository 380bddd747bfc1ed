package calendarbot.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.config.FetchConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {
  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void notIcsKind_calendarBody_isNull() {
    assertThat(FeedFetcher.notIcsKind(bytes("BEGIN:VCALENDAR\r\n"), "text/calendar")).isNull();
    assertThat(FeedFetcher.notIcsKind(bytes("\uFEFF\r\n begin:vcalendar"), null)).isNull();
  }

  @Test
  void notIcsKind_htmlOrXmlBody_isHtml() {
    assertThat(FeedFetcher.notIcsKind(bytes("  \n<!doctype html>"), "text/calendar"))
        .isEqualTo("an HTML page");
    assertThat(FeedFetcher.notIcsKind(bytes("<?xml version"), null)).isEqualTo("an HTML page");
  }

  @Test
  void notIcsKind_jsonBody_isJson() {
    assertThat(FeedFetcher.notIcsKind(bytes("[{\"a\":1}]"), null)).isEqualTo("JSON");
    assertThat(FeedFetcher.notIcsKind(bytes("oops"), "application/json; charset=utf-8"))
        .isEqualTo("JSON");
  }

  @Test
  void notIcsKind_calendarBodyWithHtmlContentType_trustsTheBody() {
    assertThat(FeedFetcher.notIcsKind(bytes("BEGIN:VCALENDAR"), "text/html")).isNull();
  }

  @Test
  void notIcsKind_emptyBody_isLeftToTheParser() {
    assertThat(FeedFetcher.notIcsKind(new byte[0], null)).isNull();
  }

  @Test
  void limitedInputStream_exactlyAtLimit_readsAll() throws IOException {
    LimitedInputStream in =
        new LimitedInputStream(new ByteArrayInputStream(new byte[100]), 100, () -> 0L, 1L);

    assertThat(in.readAllBytes()).hasSize(100);
    assertThat(in.count()).isEqualTo(100);
  }

  @Test
  void limitedInputStream_pastLimit_throws() {
    LimitedInputStream in =
        new LimitedInputStream(new ByteArrayInputStream(new byte[101]), 100, () -> 0L, 1L);

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(LimitedInputStream.LimitExceededException.class)
        .hasMessage("body exceeds 100 bytes");
  }

  @Test
  void limitedInputStream_readAfterDeadline_throwsDeadlineExceeded() throws IOException {
    AtomicLong nanos = new AtomicLong();
    LimitedInputStream in =
        new LimitedInputStream(new ByteArrayInputStream(new byte[100]), 1000, nanos::get, 50);
    assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
    nanos.set(50);

    assertThatThrownBy(() -> in.read(new byte[10], 0, 10))
        .isInstanceOf(LimitedInputStream.DeadlineExceededException.class);
    assertThatThrownBy(in::read).isInstanceOf(LimitedInputStream.DeadlineExceededException.class);
    assertThat(in.count()).isEqualTo(10);
  }

  @Test
  void totalTimeout_defaults_isConnectPlusFourReadTimeouts() {
    assertThat(FeedFetcher.totalTimeout(FetchConfig.defaults())).isEqualTo(Duration.ofSeconds(130));
  }
}
