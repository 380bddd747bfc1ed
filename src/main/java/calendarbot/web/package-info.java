/**
 * The HTTP edge: Undertow bootstrap, thin routes that translate HTTP to service calls and back,
 * query-parameter parsing, and the one place where errors become RFC 9457 problem JSON. Feature
 * packages never import this package or Undertow.
 */
package calendarbot.web;
