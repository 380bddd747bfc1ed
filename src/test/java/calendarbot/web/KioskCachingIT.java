package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP caching of the kiosk page and its poll, over real loopback HTTP against the real App. */
class KioskCachingIT {
  private static final String DATA = "/api/whats-next/data?debug_time=";

  /** Monday 2026-11-23 10:10 in Berlin: "Architecture review" (10:00–11:00) is in progress. */
  private static final String NOW = "2026-11-23T09:10:00Z";

  @TempDir Path dataDir;
  private AppFixture fixture;
  private RunningApp k;

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("kiosk-day.ics", NOW, dataDir);
    k = fixture.startReady();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  /** The page's poll as of {@code instant} (its {@code debug_time}). */
  private HttpResponse<String> poll(String instant) throws Exception {
    return k.getText(DATA + instant);
  }

  /** The page's poll as of {@code instant}, conditional on an ETag it got before. */
  private HttpResponse<String> pollIfNoneMatch(String instant, String etag) throws Exception {
    return k.getText(DATA + instant, "If-None-Match", etag);
  }

  private static String etag(HttpResponse<?> r) {
    return r.headers().firstValue("ETag").orElseThrow();
  }

  private static long serverTime(HttpResponse<?> r) {
    return Long.parseLong(r.headers().firstValue("X-Server-Time").orElseThrow());
  }

  @Test
  void poll_sameStateLater_answers304WithTheSameWeakEtagAndTheNewServerTime() throws Exception {
    HttpResponse<String> first = poll("2026-11-23T09:10:00Z");
    HttpResponse<String> again = pollIfNoneMatch("2026-11-23T09:14:07.250Z", etag(first));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(etag(first)).matches("W/\"[0-9a-f]{32}\"");
    assertThat(serverTime(first)).isEqualTo(Instant.parse("2026-11-23T09:10:00Z").toEpochMilli());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(etag(again)).isEqualTo(etag(first));
    assertThat(serverTime(again))
        .isEqualTo(Instant.parse("2026-11-23T09:14:07.250Z").toEpochMilli());
  }

  @Test
  void poll_withoutDebugTime_serverTimeIsTheClocks() throws Exception {
    HttpResponse<String> r = k.getText("/api/whats-next/data");

    assertThat(serverTime(r)).isEqualTo(fixture.clock().millis());
  }

  @Test
  void poll_anEventEnded_answers200WithANewEtag() throws Exception {
    HttpResponse<String> during = poll("2026-11-23T09:10:00Z");
    // 11:05 Berlin: the review (until 11:00) is over.
    HttpResponse<String> after = pollIfNoneMatch("2026-11-23T10:05:00Z", etag(during));

    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(etag(after)).isNotEqualTo(etag(during));
    assertThat(after.body()).doesNotContain("Architecture review");
  }

  @Test
  void poll_feedChangedAndRefreshed_answers200WithANewEtag() throws Exception {
    HttpResponse<String> before = poll("2026-11-23T09:10:00Z");
    fixture
        .feeds()
        .path(AppFixture.FEED_PATH)
        .body(fixture.feed().replace("SUMMARY:Retro", "SUMMARY:Demo"))
        .etag("\"v2\"");
    k.postText("/api/refresh", "");

    HttpResponse<String> after = pollIfNoneMatch("2026-11-23T09:10:00Z", etag(before));

    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("Demo").doesNotContain("Retro");
    assertThat(etag(after)).isNotEqualTo(etag(before));
  }

  @Test
  void poll_feedStartsFailing_statusChangesTheEtag() throws Exception {
    HttpResponse<String> before = poll("2026-11-23T09:10:00Z");
    fixture.feeds().path(AppFixture.FEED_PATH).etag("\"broken\"").status(500).body("oops");
    k.postText("/api/refresh", "");

    HttpResponse<String> after = pollIfNoneMatch("2026-11-23T09:10:00Z", etag(before));

    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("\"state\":\"FAILED\"", "Architecture review");
  }

  @Test
  void page_root_isTheHtmlWithAStrongEtagAndNoCache() throws Exception {
    HttpResponse<String> r = k.getText("/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(etag(r)).matches("\"[0-9a-f]{32}\"");
    assertThat(r.body()).contains("<script src=\"/static/kiosk.js\">");
  }

  @Test
  void page_ifNoneMatchTheEtag_answers304WithoutBody() throws Exception {
    HttpResponse<String> first = k.getText("/static/kiosk.js");
    HttpResponse<String> again = k.getText("/static/kiosk.js", "If-None-Match", etag(first));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(etag(again)).isEqualTo(etag(first));
  }

  @Test
  void page_css_hasTheCssContentType() throws Exception {
    HttpResponse<String> r = k.getText("/static/kiosk.css");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(etag(r)).isNotEqualTo(etag(k.getText("/static/kiosk.js")));
  }

  @Test
  void page_unknownOrTraversingName_answers404() throws Exception {
    assertThat(k.getText("/static/nope.js").statusCode()).isEqualTo(404);
    // Resources that exist beside and above the static folder (calendarbot/web/static/).
    assertThat(k.getText("/static/..%2F..%2Fics%2Fwindows-zones.properties").statusCode())
        .isEqualTo(404);
    assertThat(k.getText("/static/%2e%2e/%2e%2e/%2e%2e/ical4j.properties").statusCode())
        .isEqualTo(404);
    assertThat(
            k.getText(
                    "/static/..%2F..%2F..%2FMETA-INF%2Fservices%2Fch.qos.logback.classic.spi.Configurator")
                .statusCode())
        .isEqualTo(404);
    assertThat(k.getText("/static/").statusCode()).isEqualTo(404);
  }
}
