/**
 * CalendarBot's one error vocabulary: unchecked exceptions carrying structured facts, mapped to RFC
 * 9457 problem JSON by the web layer in a single place.
 */
package calendarbot.error;
