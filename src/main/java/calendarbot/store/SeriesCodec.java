package calendarbot.store;

import calendarbot.event.Attendee;
import calendarbot.event.EventDetails;
import calendarbot.event.EventLength;
import calendarbot.event.EventTime;
import calendarbot.event.InstanceOverride;
import calendarbot.event.Series;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of {@link Series} and {@link EventDetails}: compact JSON of private DTOs with
 * short names, so renaming a domain record component does not silently change stored data.
 * Thread-safe.
 *
 * <p>Event times are one string each: {@code U:<instant>}, {@code Z:<local>|<tzid>}, {@code
 * F:<local>}, {@code D:<date>}.
 */
final class SeriesCodec {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SeriesCodec() {}

  static String encode(Series s) {
    return write(
        new SeriesDto(
            s.uid(),
            time(s.start()),
            s.length() == null ? null : s.length().toString(),
            s.rrule(),
            times(s.rdates()),
            times(s.exdates()),
            details(s.details()),
            nullIfEmpty(
                s.overrides().stream()
                    .map(
                        o ->
                            new OverrideDto(
                                time(o.recurrenceId()),
                                time(o.start()),
                                o.length().toString(),
                                details(o.details())))
                    .toList())));
  }

  /** Empty lists are left out of the JSON (not empty strings, which must round-trip). */
  private static <T> List<T> nullIfEmpty(List<T> list) {
    return list.isEmpty() ? null : list;
  }

  static Series decodeSeries(String json) {
    SeriesDto d = read(json, SeriesDto.class);
    List<InstanceOverride> overrides = new ArrayList<>();
    if (d.o() != null) {
      for (OverrideDto o : d.o()) {
        overrides.add(
            new InstanceOverride(
                time(o.r()), time(o.s()), EventLength.parse(o.d()), details(o.e())));
      }
    }
    return new Series(
        d.u(),
        time(d.s()),
        d.d() == null ? null : EventLength.parse(d.d()),
        d.r(),
        timesOf(d.rd()),
        timesOf(d.ex()),
        details(d.e()),
        overrides);
  }

  static String encode(EventDetails d) {
    return write(details(d));
  }

  static EventDetails decodeDetails(String json) {
    return details(read(json, DetailsDto.class));
  }

  static String time(EventTime t) {
    if (t == null) {
      return null;
    }
    if (t instanceof EventTime.Utc u) {
      return "U:" + u.instant();
    }
    if (t instanceof EventTime.Zoned z) {
      return "Z:" + z.local() + "|" + z.tzid();
    }
    if (t instanceof EventTime.Floating f) {
      return "F:" + f.local();
    }
    return "D:" + ((EventTime.AllDay) t).date();
  }

  static EventTime time(String s) {
    if (s == null) {
      return null;
    }
    String v = s.substring(2);
    switch (s.charAt(0)) {
      case 'U':
        return new EventTime.Utc(Instant.parse(v));
      case 'Z':
        // A LocalDateTime never contains '|', so the first one ends it; the TZID may contain any.
        int bar = v.indexOf('|');
        return new EventTime.Zoned(LocalDateTime.parse(v.substring(0, bar)), v.substring(bar + 1));
      case 'F':
        return new EventTime.Floating(LocalDateTime.parse(v));
      case 'D':
        return new EventTime.AllDay(LocalDate.parse(v));
      default:
        throw new IllegalArgumentException("unknown stored event time: " + s);
    }
  }

  private static List<String> times(List<EventTime> ts) {
    return nullIfEmpty(ts.stream().map(SeriesCodec::time).toList());
  }

  private static List<EventTime> timesOf(List<String> ts) {
    return ts == null ? List.of() : ts.stream().map(SeriesCodec::time).toList();
  }

  private static DetailsDto details(EventDetails d) {
    if (d == null) {
      return null;
    }
    return new DetailsDto(
        d.summary(),
        d.location(),
        d.description(),
        d.url(),
        // Defaults are restored by EventDetails' constructor, so they need no bytes.
        "CONFIRMED".equals(d.status()) ? null : d.status(),
        "OPAQUE".equals(d.transparency()) ? null : d.transparency(),
        "PUBLIC".equals(d.classification()) ? null : d.classification(),
        d.organizer(),
        nullIfEmpty(
            d.attendees().stream()
                .map(a -> new AttendeeDto(a.email(), a.name(), a.partstat()))
                .toList()));
  }

  private static EventDetails details(DetailsDto d) {
    if (d == null) {
      return null;
    }
    List<Attendee> attendees = new ArrayList<>();
    if (d.at() != null) {
      for (AttendeeDto a : d.at()) {
        attendees.add(new Attendee(a.m(), a.n(), a.p()));
      }
    }
    return new EventDetails(d.s(), d.l(), d.d(), d.u(), d.st(), d.tr(), d.cl(), d.o(), attendees);
  }

  private static String write(Object dto) {
    try {
      return JSON.writeValueAsString(dto);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + dto.getClass().getSimpleName(), e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored " + type.getSimpleName() + " is not readable: " + e.getOriginalMessage(), e);
    }
  }

  record SeriesDto(
      @JsonProperty("u") String u,
      @JsonProperty("s") String s,
      @JsonProperty("d") String d,
      @JsonProperty("r") String r,
      @JsonProperty("rd") List<String> rd,
      @JsonProperty("ex") List<String> ex,
      @JsonProperty("e") DetailsDto e,
      @JsonProperty("o") List<OverrideDto> o) {}

  record OverrideDto(
      @JsonProperty("r") String r,
      @JsonProperty("s") String s,
      @JsonProperty("d") String d,
      @JsonProperty("e") DetailsDto e) {}

  record DetailsDto(
      @JsonProperty("s") String s,
      @JsonProperty("l") String l,
      @JsonProperty("d") String d,
      @JsonProperty("u") String u,
      @JsonProperty("st") String st,
      @JsonProperty("tr") String tr,
      @JsonProperty("cl") String cl,
      @JsonProperty("o") String o,
      @JsonProperty("at") List<AttendeeDto> at) {}

  record AttendeeDto(
      @JsonProperty("m") String m, @JsonProperty("n") String n, @JsonProperty("p") String p) {}
}
