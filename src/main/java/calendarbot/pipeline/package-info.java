/**
 * The request pipeline: every API request becomes a {@link calendarbot.pipeline.RequestKey} of a
 * {@link calendarbot.pipeline.RequestType}; answers are kept as ready-to-send bytes in a
 * weight-bounded {@link calendarbot.pipeline.ResponseCache}, identical misses compute once, and
 * data changes invalidate what they touch. Each optimisation has a plain twin ({@link
 * calendarbot.pipeline.ResponseCache#disabled()}), and switching them off changes no answer.
 */
package calendarbot.pipeline;
