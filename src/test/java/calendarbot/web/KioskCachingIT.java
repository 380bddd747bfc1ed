package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

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

  @TempDir Path dataDir;
  private KioskApp k;

  @BeforeEach
  void setUp() {
    k = KioskApp.start(dataDir);
  }

  @AfterEach
  void tearDown() {
    k.close();
  }

  private static String etag(HttpResponse<?> r) {
    return r.headers().firstValue("ETag").orElseThrow();
  }

  private static long serverTime(HttpResponse<?> r) {
    return Long.parseLong(r.headers().firstValue("X-Server-Time").orElseThrow());
  }

  @Test
  void poll_sameStateLater_answers304WithTheSameWeakEtagAndTheNewServerTime() throws Exception {
    HttpResponse<String> first = k.get(DATA + "2026-11-23T09:10:00Z");
    HttpResponse<String> again =
        k.get(DATA + "2026-11-23T09:14:07.250Z", "If-None-Match", etag(first));

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
    HttpResponse<String> r = k.get("/api/whats-next/data");

    assertThat(serverTime(r)).isEqualTo(k.clock.millis());
  }

  @Test
  void poll_anEventEnded_answers200WithANewEtag() throws Exception {
    HttpResponse<String> during = k.get(DATA + "2026-11-23T09:10:00Z");
    // 11:05 Berlin: the review (until 11:00) is over.
    HttpResponse<String> after =
        k.get(DATA + "2026-11-23T10:05:00Z", "If-None-Match", etag(during));

    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(etag(after)).isNotEqualTo(etag(during));
    assertThat(after.body()).doesNotContain("Architecture review");
  }

  @Test
  void poll_feedChangedAndRefreshed_answers200WithANewEtag() throws Exception {
    HttpResponse<String> before = k.get(DATA + "2026-11-23T09:10:00Z");
    k.feeds
        .path(KioskApp.FEED_PATH)
        .body(KioskApp.fixture("/ics/kiosk-day.ics").replace("SUMMARY:Retro", "SUMMARY:Demo"))
        .etag("\"v2\"");
    k.post("/api/refresh", "");

    HttpResponse<String> after =
        k.get(DATA + "2026-11-23T09:10:00Z", "If-None-Match", etag(before));

    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("Demo").doesNotContain("Retro");
    assertThat(etag(after)).isNotEqualTo(etag(before));
  }

  @Test
  void poll_feedStartsFailing_statusChangesTheEtag() throws Exception {
    HttpResponse<String> before = k.get(DATA + "2026-11-23T09:10:00Z");
    k.feeds.path(KioskApp.FEED_PATH).etag("\"broken\"").status(500).body("oops");
    k.post("/api/refresh", "");

    HttpResponse<String> after =
        k.get(DATA + "2026-11-23T09:10:00Z", "If-None-Match", etag(before));

    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("\"state\":\"FAILED\"", "Architecture review");
  }

  @Test
  void page_root_isTheHtmlWithAStrongEtagAndNoCache() throws Exception {
    HttpResponse<String> r = k.get("/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(etag(r)).matches("\"[0-9a-f]{32}\"");
    assertThat(r.body()).contains("<script src=\"/static/kiosk.js\">");
  }

  @Test
  void page_ifNoneMatchTheEtag_answers304WithoutBody() throws Exception {
    HttpResponse<String> first = k.get("/static/kiosk.js");
    HttpResponse<String> again = k.get("/static/kiosk.js", "If-None-Match", etag(first));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(etag(again)).isEqualTo(etag(first));
  }

  @Test
  void page_css_hasTheCssContentType() throws Exception {
    HttpResponse<String> r = k.get("/static/kiosk.css");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(etag(r)).isNotEqualTo(etag(k.get("/static/kiosk.js")));
  }

  @Test
  void page_unknownOrTraversingName_answers404() throws Exception {
    assertThat(k.get("/static/nope.js").statusCode()).isEqualTo(404);
    assertThat(k.get("/static/..%2F..%2Flogback.xml").statusCode()).isEqualTo(404);
    assertThat(k.get("/static/%2e%2e/%2e%2e/logback.xml").statusCode()).isEqualTo(404);
    assertThat(k.get("/static/").statusCode()).isEqualTo(404);
  }
}
