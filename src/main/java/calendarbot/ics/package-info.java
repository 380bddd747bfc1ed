/**
 * iCalendar parsing and recurrence expansion. The only package that imports ical4j; everything it
 * returns is a {@code calendarbot.event} value.
 *
 * <p>Front doors: {@link calendarbot.ics.IcsParser} (feed body to series and zones) and {@link
 * calendarbot.ics.Expander} (series to the instances in a window). Design notes: {@code
 * docs/ics.md}.
 */
package calendarbot.ics;
