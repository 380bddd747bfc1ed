package calendarbot.bench;

import calendarbot.testing.FeedGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Writes a generated feed ({@link FeedGenerator}) to a file, for the end-to-end benchmarks.
 *
 * <pre>
 * java -cp ... calendarbot.bench.GenerateFeed OUT.ics [EVENTS=10000] [BASE=today] [ZONE=Europe/Berlin] [SEED=42]
 * </pre>
 *
 * BASE is the date the events cluster around; "today" (the default) puts the 7-day API window and
 * the materialized horizon of a server started now in the densest part of the feed.
 */
public final class GenerateFeed {
  private GenerateFeed() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: GenerateFeed OUT.ics [EVENTS] [BASE|today] [ZONE] [SEED]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    ZoneId zone = ZoneId.of(args.length > 3 ? args[3] : "Europe/Berlin");
    LocalDate base =
        args.length > 2 && !args[2].equals("today")
            ? LocalDate.parse(args[2])
            : LocalDate.now(zone);
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
    byte[] feed = new FeedGenerator(seed, base, zone).generate(events);
    Files.write(out, feed);
    System.out.println(
        "wrote " + out + ": " + events + " VEVENTs, " + feed.length + " bytes, base " + base);
  }
}
