package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

/** The request id wrapper and the worker-side MDC, on exchanges without a connection. */
class HandlersTest {
  private final List<String> seen = new ArrayList<>();

  @AfterEach
  void clean() {
    MDC.clear();
  }

  private static HttpServerExchange exchange(String incomingId) {
    HttpServerExchange ex = new HttpServerExchange(null);
    if (incomingId != null) {
      ex.getRequestHeaders().put(Handlers.REQUEST_ID_HEADER, incomingId);
    }
    return ex;
  }

  @Test
  void withRequestId_validIncomingId_keptAnsweredAndInMdcWhileHandling() throws Exception {
    HttpServerExchange ex = exchange("kiosk-1.poll:42_A");

    Handlers.withRequestId(e -> seen.add(MDC.get(Handlers.REQUEST_ID_MDC))).handleRequest(ex);

    assertThat(seen).containsExactly("kiosk-1.poll:42_A");
    assertThat(ex.getResponseHeaders().getFirst(Handlers.REQUEST_ID_HEADER))
        .isEqualTo("kiosk-1.poll:42_A");
    assertThat(Handlers.requestId(ex)).isEqualTo("kiosk-1.poll:42_A");
    assertThat(MDC.get(Handlers.REQUEST_ID_MDC)).isNull();
  }

  @Test
  void withRequestId_noIncomingId_newIdAnsweredAndInMdc() throws Exception {
    HttpServerExchange ex = exchange(null);

    Handlers.withRequestId(e -> seen.add(MDC.get(Handlers.REQUEST_ID_MDC))).handleRequest(ex);

    String answered = ex.getResponseHeaders().getFirst(Handlers.REQUEST_ID_HEADER);
    assertThat(answered).matches("[0-9a-f]{12}");
    assertThat(seen).containsExactly(answered);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "semi;colon", "line\nbreak", "ünïcode", "x/y"})
  void withRequestId_invalidIncomingId_replaced(String invalid) throws Exception {
    HttpServerExchange ex = exchange(invalid);

    Handlers.withRequestId(e -> {}).handleRequest(ex);

    assertThat(ex.getResponseHeaders().getFirst(Handlers.REQUEST_ID_HEADER))
        .matches("[0-9a-f]{12}");
  }

  @Test
  void withRequestId_idLongerThan64_replaced_exactly64_kept() throws Exception {
    HttpServerExchange tooLong = exchange("a".repeat(65));
    HttpServerExchange longest = exchange("b".repeat(64));

    Handlers.withRequestId(e -> {}).handleRequest(tooLong);
    Handlers.withRequestId(e -> {}).handleRequest(longest);

    assertThat(tooLong.getResponseHeaders().getFirst(Handlers.REQUEST_ID_HEADER))
        .matches("[0-9a-f]{12}");
    assertThat(longest.getResponseHeaders().getFirst(Handlers.REQUEST_ID_HEADER))
        .isEqualTo("b".repeat(64));
  }

  @Test
  void withRequestId_handlerThrows_mdcClearedAnyway() {
    HttpServerExchange ex = exchange("req-1");

    assertThatThrownBy(
            () ->
                Handlers.withRequestId(
                        e -> {
                          throw new IllegalStateException("boom");
                        })
                    .handleRequest(ex))
        .hasMessage("boom");

    assertThat(MDC.get(Handlers.REQUEST_ID_MDC)).isNull();
  }

  @Test
  void run_exchangeWithId_bodySeesItThenMdcRestored() throws Exception {
    HttpServerExchange ex = exchange("req-7");
    Handlers.withRequestId(e -> {}).handleRequest(ex);
    MDC.put(Handlers.REQUEST_ID_MDC, "left-over-on-this-thread");

    Handlers.run(e -> seen.add(MDC.get(Handlers.REQUEST_ID_MDC)), ex);

    assertThat(seen).containsExactly("req-7");
    assertThat(MDC.get(Handlers.REQUEST_ID_MDC)).isEqualTo("left-over-on-this-thread");
  }

  @Test
  void run_onCleanWorker_mdcEmptyAfterwards() throws Exception {
    HttpServerExchange ex = exchange("req-8");
    Handlers.withRequestId(e -> {}).handleRequest(ex);

    Handlers.run(e -> seen.add(MDC.get(Handlers.REQUEST_ID_MDC)), ex);

    assertThat(seen).containsExactly("req-8");
    assertThat(MDC.get(Handlers.REQUEST_ID_MDC)).isNull();
  }

  @Test
  void newRequestId_manyIds_twelveHexDigitsAndDistinct() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(Handlers.newRequestId());
    }

    assertThat(ids).allMatch(id -> id.matches("[0-9a-f]{12}") && Handlers.validRequestId(id));
    assertThat(ids).doesNotHaveDuplicates();
  }
}
