package calendarbot.whatsnext;

import calendarbot.status.Freshness;
import calendarbot.status.SourceFreshness;
import java.awt.FontMetrics;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The words and numbers of the e-ink image, and fitting them into a width. Pure functions. */
final class EinkText {
  static final String ELLIPSIS = "\u2026";
  static final String WARNING = "\u26A0";

  private static final DateTimeFormatter H24 = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter H12 =
      DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT_DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM", Locale.ENGLISH);

  private EinkText() {}

  /** Time of day as the display's clock setting says: "14:05" or "2:05 PM". */
  static String time(OffsetDateTime t, boolean twelveHour) {
    return (twelveHour ? H12 : H24).format(t);
  }

  /** Time of day, prefixed with the day ("Tue 24 Nov 09:00") when it is not {@code today}. */
  static String dayTime(OffsetDateTime t, LocalDate today, boolean twelveHour) {
    String time = time(t, twelveHour);
    return t.toLocalDate().equals(today) ? time : DAY.format(t) + " " + time;
  }

  /** Header date forms, longest first: "Monday, 23 November 2026", "Mon, 23 Nov", "Mon 23". */
  static List<String> dateForms(String displayDate, OffsetDateTime now) {
    return List.of(
        displayDate,
        SHORT_DATE.format(now),
        DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH).format(now));
  }

  /** A span of whole minutes: "45 min", "1 h", "1 h 20 min", "2 d". */
  static String minutes(long minutes) {
    long m = Math.max(0, minutes);
    if (m < 60) {
      return m + " min";
    }
    if (m < 24 * 60) {
      long h = m / 60;
      long rest = m % 60;
      return rest == 0 ? h + " h" : h + " h " + rest + " min";
    }
    return (m + 24 * 60 - 1) / (24 * 60) + " d";
  }

  /**
   * The footer: "Calendars up to date", "⚠ work: not updated since 09:40", "⚠ work: never updated"
   * or "Loading calendars…", from {@code status_info} in the view's zone. It names no time while
   * all is well: a time that moved with every refresh would redraw the panel for nothing.
   */
  static String freshness(Freshness s, ZoneId zone, LocalDate today, boolean twelveHour) {
    List<String> stale = s.staleSources();
    if (!stale.isEmpty()) {
      String id = stale.get(0);
      String who = stale.size() == 1 ? id : id + " (+" + (stale.size() - 1) + " more)";
      String since =
          s.sources().stream()
              .filter(src -> src.id().equals(id))
              .map(SourceFreshness::lastSuccess)
              .filter(t -> t != null)
              .findFirst()
              .map(t -> "not updated since " + dayTime(local(t, zone), today, twelveHour))
              .orElse("never updated");
      return WARNING + " " + who + ": " + since;
    }
    if (!s.dataReady()) {
      return "Loading calendars" + ELLIPSIS;
    }
    return "Calendars up to date";
  }

  private static OffsetDateTime local(String instant, ZoneId zone) {
    return ZonedDateTime.ofInstant(Instant.parse(instant), zone).toOffsetDateTime();
  }

  /** One line of text from free text: line breaks and runs of white space become one space. */
  static String oneLine(String s) {
    return collapse(s).strip();
  }

  private static String collapse(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ");
  }

  /**
   * {@code s} as it fits into {@code maxWidth} pixels: whole, or cut and ended with "…", or empty
   * when not even the ellipsis fits. The result's advance never exceeds {@code maxWidth}.
   */
  static String fit(String s, FontMetrics fm, int maxWidth) {
    String text = collapse(s);
    if (maxWidth <= 0) {
      return "";
    }
    if (fm.stringWidth(text) <= maxWidth) {
      return text;
    }
    if (fm.stringWidth(ELLIPSIS) > maxWidth) {
      return "";
    }
    // Largest prefix (in code points) that fits with the ellipsis; the advance grows with length.
    int lo = 0;
    int hi = text.codePointCount(0, text.length());
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (fm.stringWidth(cut(text, mid)) <= maxWidth) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    String out = cut(text, lo);
    while (lo > 0 && fm.stringWidth(out) > maxWidth) {
      out = cut(text, --lo);
    }
    return out;
  }

  private static String cut(String text, int codePoints) {
    return text.substring(0, text.offsetByCodePoints(0, codePoints)).stripTrailing() + ELLIPSIS;
  }
}
