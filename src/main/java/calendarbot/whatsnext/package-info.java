/**
 * What the kiosk shows now: the meeting in progress, the next one, the rest of today and the
 * all-day strip, with data freshness.
 */
package calendarbot.whatsnext;
