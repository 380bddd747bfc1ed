/**
 * Resilience: circuit breakers (the response pipeline, the feed connection pool, one per source)
 * with one vocabulary of logs, counters and status; the fallback chain of every answer (optimised
 * path, plain path, the emergency what's-next answer); memory pressure; the bulkhead around
 * expensive computations. {@link calendarbot.resilience.Resilience} is the front door.
 */
package calendarbot.resilience;
