package calendarbot.web;

import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestType;
import calendarbot.settings.SettingsSnapshot;
import calendarbot.whatsnext.WhatsNext;
import calendarbot.whatsnext.WhatsNextService;
import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET|POST /api/whats-next/data[?debug_time=ISO]}: what the kiosk shows. POST also accepts
 * {@code {"debug_time": "..."}} as a JSON body, as the original CalendarBot's clients send it.
 *
 * <p>Answers are computed for the start of the minute that holds "now" (or {@code debug_time}):
 * every field the answer has is minute-grained (minutes until, minutes left), so one answer serves
 * every poll of that minute, from the response cache. {@code current_time} is therefore the minute;
 * the exact instant is in {@value #SERVER_TIME}.
 *
 * <p>HTTP caching: the body changes every minute (its time-relative fields), so the validator is a
 * weak ETag over {@link WhatsNext#fingerprint()}; a matching {@code If-None-Match} gets 304 with
 * the same ETag and no body. Every answer, 200 or 304, carries {@value #SERVER_TIME} (epoch millis
 * of the exact "now", the clock's or {@code debug_time}), the page's clock baseline.
 */
final class WhatsNextRoutes implements Routes {
  /** The header naming the instant an answer was given for, in epoch milliseconds. */
  static final String SERVER_TIME = "X-Server-Time";

  private static final HttpString SERVER_TIME_HEADER = HttpString.tryFromString(SERVER_TIME);

  private final WhatsNextService service;
  private final Answers answers;
  private final Clock clock;
  private final AtomicReference<Instant> lastPoll = new AtomicReference<>();
  private final AtomicReference<String> lastPollClient = new AtomicReference<>();

  WhatsNextRoutes(WhatsNextService service, Answers answers, Clock clock) {
    this.service = service;
    this.answers = answers;
    this.clock = clock;
  }

  @Override
  public void register(RoutingHandler router) {
    router.get("/api/whats-next/data", Handlers.blocking(this::data));
    router.post("/api/whats-next/data", Handlers.blocking(this::data));
  }

  private void data(HttpServerExchange ex) throws java.io.IOException {
    String debug = Handlers.query(ex, "debug_time");
    if (debug == null && ex.getRequestMethod().equals(Methods.POST)) {
      JsonNode body = Json.readBody(ex, "/api/whats-next/data");
      if (body.hasNonNull("debug_time")) {
        debug = body.get("debug_time").asText();
      }
    }
    SettingsSnapshot view = service.settings();
    // Local debug times are read in the display zone the answer is computed in.
    Instant now =
        debug == null ? clock.instant() : TimeParams.parse("debug_time", debug, view.zone());
    if (debug == null) {
      lastPollClient.set(ClientIds.of(ex));
      lastPoll.set(now);
    }
    ex.getResponseHeaders().put(SERVER_TIME_HEADER, now.toEpochMilli());
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    answers.send(ex, key(minute, view), () -> compute(minute, view));
  }

  /**
   * Computes the answers of {@code minute} (and stores them, through the pipeline) before a poll
   * asks: what the warmer calls at each minute boundary and after each refresh.
   */
  void warm(Instant minute) {
    SettingsSnapshot view = service.settings();
    answers.warm(key(minute, view), () -> compute(minute, view));
  }

  /** When a kiosk last polled for the present (not a debug time), or {@code null}. */
  Instant lastPoll() {
    return lastPoll.get();
  }

  /** The client id of the kiosk that last polled for the present, or {@code null}. */
  String lastPollClient() {
    return lastPollClient.get();
  }

  private static RequestKey key(Instant minute, SettingsSnapshot view) {
    return RequestKey.builder(RequestType.WHATS_NEXT)
        .minute(minute)
        .put("zone", view.zone())
        .put("v", view.version())
        .build();
  }

  private CachedResponse compute(Instant minute, SettingsSnapshot view) {
    WhatsNext answer = service.at(minute, view);
    return Answers.json(answer, "W/\"" + answer.fingerprint() + "\"");
  }
}
