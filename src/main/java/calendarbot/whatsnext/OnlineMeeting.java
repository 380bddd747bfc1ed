package calendarbot.whatsnext;

import calendarbot.event.EventDetails;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recognised online-meeting link. Looks in URL, then LOCATION, then DESCRIPTION, because that is
 * where Google (conference link in the description), Outlook (Teams join link in the description,
 * sometimes the location) and Zoom's invitations put it.
 *
 * @param provider {@code "teams"}, {@code "zoom"} or {@code "meet"}
 */
record OnlineMeeting(String provider, String url) {
  private static final Pattern LINK =
      Pattern.compile(
          "https://(?:"
              + "(?<teams>teams\\.microsoft\\.com/l/meetup-join/[^\\s<>\"']+"
              + "|teams\\.live\\.com/meet/[^\\s<>\"']+)"
              + "|(?<zoom>(?:[a-z0-9-]+\\.)?zoom\\.us/(?:j|my|w)/[^\\s<>\"']+)"
              + "|(?<meet>meet\\.google\\.com/[a-z]{3}-[a-z]{4}-[a-z]{3}[^\\s<>\"']*)"
              + ")",
          Pattern.CASE_INSENSITIVE);

  static Optional<OnlineMeeting> find(EventDetails d) {
    for (String text : new String[] {d.url(), d.location(), d.description()}) {
      if (text == null) {
        continue;
      }
      Matcher m = LINK.matcher(text);
      if (m.find()) {
        String provider =
            m.group("teams") != null ? "teams" : m.group("zoom") != null ? "zoom" : "meet";
        return Optional.of(new OnlineMeeting(provider, m.group()));
      }
    }
    return Optional.empty();
  }
}
