/**
 * Answers "which instances overlap this window": from materialized instances when the window lies
 * inside a source's horizon, by expanding stored series otherwise.
 */
package calendarbot.query;
