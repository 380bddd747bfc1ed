/**
 * Calendar domain values shared by every feature: series as a feed states them, instances as they
 * are shown, time values, windows and stable instance ids. No I/O, no libraries.
 */
package calendarbot.event;
