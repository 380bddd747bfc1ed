/**
 * iCalendar parsing and recurrence expansion. The only package that imports ical4j; everything it
 * returns is a {@code calendarbot.event} value.
 */
package calendarbot.ics;
