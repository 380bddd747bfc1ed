/**
 * User settings kept in SQLite and applied to every answer: filters (which instances a person
 * sees), display (zone, clock, layout, theme, counts) and hidden events. {@link
 * calendarbot.settings.SettingsService} is the front door; {@link
 * calendarbot.settings.SettingsSnapshot} is the immutable, versioned view readers take per request,
 * and {@link calendarbot.settings.Visibility} applies it to instances.
 */
package calendarbot.settings;
