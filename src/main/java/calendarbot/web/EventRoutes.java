package calendarbot.web;

import calendarbot.error.InvalidRequestException;
import calendarbot.event.Instance;
import calendarbot.event.TimeWindow;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestType;
import calendarbot.settings.SettingsService;
import calendarbot.settings.SettingsSnapshot;
import calendarbot.status.Freshness;
import calendarbot.status.StatusService;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code GET /api/events?start=&end=[&filtered=true|false]}: instances overlapping a window, in the
 * settings' display zone. Raw by default; {@code filtered=true} applies the settings' filters and
 * hidden events as the kiosk sees them.
 */
final class EventRoutes implements Routes {
  private final InstanceReader reader;
  private final InstanceReader batched;
  private final StatusService status;
  private final SettingsService settings;
  private final Answers answers;

  /**
   * @param reader reads each window alone
   * @param batched merges concurrent reads; used for clients with the {@code batching} flag on
   */
  EventRoutes(
      InstanceReader reader,
      InstanceReader batched,
      StatusService status,
      SettingsService settings,
      Answers answers) {
    this.reader = reader;
    this.batched = batched;
    this.status = status;
    this.settings = settings;
    this.answers = answers;
  }

  record EventsAnswer(
      String start,
      String end,
      int count,
      List<EventJson> events,
      @JsonProperty("status_info") Freshness statusInfo) {}

  @Override
  public void register(RoutingHandler router) {
    router.get("/api/events", Handlers.blocking(this::events));
  }

  private void events(HttpServerExchange ex) {
    // One snapshot per answer: zone and filters of the same settings version.
    SettingsSnapshot view = settings.current();
    ZoneId zone = view.zone();
    boolean filtered = filtered(Handlers.query(ex, "filtered"));
    Instant start = TimeParams.parse("start", Handlers.query(ex, "start"), zone);
    Instant end = TimeParams.parse("end", Handlers.query(ex, "end"), zone);
    if (!end.isAfter(start)) {
      throw new InvalidRequestException(
          "end",
          "end must be after start, but was "
              + Handlers.query(ex, "end")
              + " (start is "
              + Handlers.query(ex, "start")
              + ")");
    }
    TimeWindow window = new TimeWindow(start, end);
    RequestKey.Builder key =
        RequestKey.builder(RequestType.EVENTS_BY_RANGE)
            .window(window)
            .put("zone", zone)
            .put("filtered", filtered, false);
    if (filtered) {
      key.put("v", view.version());
    }
    InstanceReader read = answers.features(ex).batching() ? batched : reader;
    answers.json(ex, key.build(), () -> answer(read, window, zone, filtered ? view : null));
  }

  /** The answer for {@code window}; {@code view} applies filters, {@code null} gives raw data. */
  private EventsAnswer answer(
      InstanceReader reader, TimeWindow window, ZoneId zone, SettingsSnapshot view) {
    // Status before data: see WhatsNextService#at.
    Freshness freshness = status.freshness();
    List<Instance> found = reader.instances(window, zone);
    if (view != null) {
      found = view.visibility().apply(found);
    }
    return new EventsAnswer(
        window.start().atZone(zone).toOffsetDateTime().toString(),
        window.end().atZone(zone).toOffsetDateTime().toString(),
        found.size(),
        found.stream().map(i -> EventJson.of(i, zone)).toList(),
        freshness);
  }

  private static boolean filtered(String text) {
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw InvalidRequestException.of("filtered", "true or false", text);
  }
}
