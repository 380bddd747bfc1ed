package calendarbot.ics;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Collects one VTIMEZONE's observances. */
final class VTimezoneBuilder {
  private final int line;
  private final List<VTimezone.Observance> observances = new ArrayList<>();
  String tzid;
  private boolean daylight;
  private int observanceLine;
  private Map<String, ContentLine> props;
  private List<LocalDateTime> rdates;

  VTimezoneBuilder(int line) {
    this.line = line;
  }

  void begin(boolean daylight, int lineNo) {
    this.daylight = daylight;
    this.observanceLine = lineNo;
    this.props = new HashMap<>();
    this.rdates = new ArrayList<>();
  }

  void property(ContentLine cl) {
    if (props == null) {
      return;
    }
    if (cl.name().equals("RDATE")) {
      for (String v : ValueParser.list(cl.value())) {
        if (!v.isBlank()) {
          rdates.add(ValueParser.localDateTime(v.split("/")[0]));
        }
      }
    } else {
      props.putIfAbsent(cl.name(), cl);
    }
  }

  void end(Consumer<String> warn) {
    if (props == null) {
      return;
    }
    try {
      ContentLine start = props.get("DTSTART");
      ContentLine from = props.get("TZOFFSETFROM");
      ContentLine to = props.get("TZOFFSETTO");
      if (start == null || to == null) {
        throw new IllegalArgumentException("it needs DTSTART and TZOFFSETTO");
      }
      ZoneOffset toOffset = ValueParser.utcOffset(to.value());
      observances.add(
          new VTimezone.Observance(
              daylight,
              ValueParser.localDateTime(start.value()),
              from == null ? toOffset : ValueParser.utcOffset(from.value()),
              toOffset,
              props.containsKey("RRULE") ? props.get("RRULE").value().trim() : null,
              List.copyOf(rdates)));
    } catch (IllegalArgumentException e) {
      warn.accept(
          (daylight ? "DAYLIGHT" : "STANDARD")
              + " at line "
              + observanceLine
              + " of VTIMEZONE '"
              + tzid
              + "' ignored: "
              + e.getMessage());
    }
    props = null;
  }

  VTimezone build(Consumer<String> warn) {
    if (tzid == null || tzid.isEmpty()) {
      warn.accept("VTIMEZONE at line " + line + " has no TZID, ignored");
      return null;
    }
    return new VTimezone(tzid, List.copyOf(observances), line);
  }
}
