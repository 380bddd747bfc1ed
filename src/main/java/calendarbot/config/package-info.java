/**
 * Configuration: immutable records validated at construction ("{@code <key> must be <rule>, but was
 * <value>}"), and the loader that layers defaults, YAML, environment and flags.
 */
package calendarbot.config;
