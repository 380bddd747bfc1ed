/**
 * Feature flags: one per optimisation, each with an on/off switch and a rollout percentage, decided
 * per client by a stable hash, plus the emergency kill switch. Backed by the live configuration and
 * evaluated through OpenFeature ({@link calendarbot.flags.OpenFeatureFlags}); docs/flags.md.
 */
package calendarbot.flags;
