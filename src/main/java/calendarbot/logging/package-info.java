/**
 * Logging set-up: {@link calendarbot.logging.LogSetup} configures logback in code (text or JSON
 * lines to stderr, the level from the environment), so no XML configuration framework is loaded.
 */
package calendarbot.logging;
