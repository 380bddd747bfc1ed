package calendarbot.web;

import io.undertow.server.RoutingHandler;

/** A feature's HTTP routes; each route translates HTTP to one service call and back. */
interface Routes {
  void register(RoutingHandler router);
}
