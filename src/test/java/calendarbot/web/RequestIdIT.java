package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.testing.FakeClock;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.undertow.util.Headers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Request ids over a real server: answered on every kind of answer, and carried into log lines
 * written by a route body on its worker thread and by the problem mapping.
 */
class RequestIdIT {
  private static final org.slf4j.Logger ROUTE_LOG = LoggerFactory.getLogger(RequestIdIT.class);

  /** A log line as it was written: message, thread and the request id in the MDC then. */
  record Line(String logger, String message, String requestId) {}

  /** Captures the MDC when the line is written (a ListAppender would read it later). */
  static final class Capture extends AppenderBase<ILoggingEvent> {
    final List<Line> lines = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent e) {
      lines.add(
          new Line(
              e.getLoggerName(),
              e.getFormattedMessage(),
              e.getMDCPropertyMap().get(Handlers.REQUEST_ID_MDC)));
    }
  }

  private final Capture capture = new Capture();
  private final List<Logger> watched =
      List.of(
          (Logger) LoggerFactory.getLogger(RequestIdIT.class),
          (Logger) LoggerFactory.getLogger(Problems.class));
  private WebHarness web;

  /** {@code /ok} logs and answers 200, {@code /same} 304, {@code /boom} fails (500). */
  private static final Routes TEST_ROUTES =
      router -> {
        router.get(
            "/ok",
            Handlers.blocking(
                ex -> {
                  ROUTE_LOG.info("route: ok");
                  Json.send(ex, 200, java.util.Map.of("ok", true));
                }));
        router.get(
            "/same",
            Handlers.blocking(
                ex -> {
                  ex.setStatusCode(304);
                  ex.getResponseHeaders().put(Headers.ETAG, "\"v1\"");
                  ex.endExchange();
                }));
        router.get(
            "/boom",
            Handlers.blocking(
                ex -> {
                  throw new IllegalStateException("boom in route");
                }));
      };

  @BeforeEach
  void start() {
    capture.start();
    watched.forEach(l -> l.addAppender(capture));
    web =
        WebHarness.start(WebHarness.admin(100), FakeClock.at("2026-11-23T09:10:00Z"), TEST_ROUTES);
  }

  @AfterEach
  void stop() {
    web.close();
    watched.forEach(l -> l.detachAppender(capture));
    capture.stop();
  }

  private static String id(HttpResponse<?> r) {
    return r.headers().firstValue("X-Request-Id").orElse(null);
  }

  @Test
  void requestId_everyKindOfAnswer_carriesOne() throws Exception {
    HttpResponse<String> ok = web.send("GET", "/ok", null);
    HttpResponse<String> same = web.send("GET", "/same", null);
    HttpResponse<String> missing = web.send("GET", "/nowhere", null);
    HttpResponse<String> failed = web.send("GET", "/boom", null);
    HttpResponse<String> denied = web.send("POST", "/ok", "{}");

    assertThat(List.of(ok, same, missing, failed, denied))
        .extracting(HttpResponse::statusCode)
        .containsExactly(200, 304, 404, 500, 401);
    assertThat(List.of(ok, same, missing, failed, denied))
        .extracting(RequestIdIT::id)
        .allMatch(id -> id != null && id.matches("[0-9a-f]{12}"))
        .doesNotHaveDuplicates();
  }

  @Test
  void requestId_validIncoming_keptInAnswerAndLogLine() throws Exception {
    HttpResponse<String> r = web.send("GET", "/ok", null, "X-Request-Id", "kiosk-7:poll.1");

    assertThat(id(r)).isEqualTo("kiosk-7:poll.1");
    assertThat(capture.lines)
        .contains(new Line(RequestIdIT.class.getName(), "route: ok", "kiosk-7:poll.1"));
  }

  @Test
  void requestId_invalidIncoming_replacedAndTheNewOneLogged() throws Exception {
    HttpResponse<String> r =
        web.send("GET", "/ok", null, "X-Request-Id", "bad id;" + "x".repeat(80));

    assertThat(id(r)).matches("[0-9a-f]{12}");
    assertThat(capture.lines).contains(new Line(RequestIdIT.class.getName(), "route: ok", id(r)));
  }

  @Test
  void requestId_routeFails_problemLogLineCarriesIt() throws Exception {
    HttpResponse<String> r = web.send("GET", "/boom", null, "X-Request-Id", "req-500");

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(id(r)).isEqualTo("req-500");
    assertThat(capture.lines)
        .filteredOn(l -> l.logger().equals(Problems.class.getName()))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.message()).contains("GET /boom failed");
              assertThat(l.requestId()).isEqualTo("req-500");
            });
  }

  @Test
  void requestId_consecutiveRequests_eachLineHasItsOwnIdNeverALeftOver() throws Exception {
    for (int i = 0; i < 20; i++) {
      web.send("GET", "/ok", null, "X-Request-Id", "r" + i);
    }
    // Without an incoming id the worker must log the new one, not an id left from an earlier run.
    HttpResponse<String> fresh = web.send("GET", "/ok", null);

    assertThat(capture.lines).hasSize(21);
    assertThat(capture.lines)
        .extracting(Line::requestId)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, 21)
                .mapToObj(i -> i < 20 ? "r" + i : id(fresh))
                .toList());
  }
}
