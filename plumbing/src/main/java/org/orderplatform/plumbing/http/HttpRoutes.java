package org.orderplatform.plumbing.http;

import io.vertx.ext.web.Router;

import java.util.List;

/**
 * A service's HTTP routes and where they are mounted. The launcher runs one HTTP server per JVM
 * and mounts the routes of every service it hosts, since several servers on one port would share
 * its connections round-robin.
 */
public record HttpRoutes(String mountPoint, Router router) {

  public HttpRoutes {
    if (!mountPoint.startsWith("/") || !mountPoint.endsWith("*")) {
      throw new IllegalArgumentException("a mount point looks like /orders*: " + mountPoint);
    }
  }

  /** Mounts every service's routes on the JVM's root router; anything else is a problem+json 404. */
  public static Router mountAll(Router root, List<HttpRoutes> routes) {
    routes.forEach(r -> root.route(r.mountPoint()).subRouter(r.router()));
    root.route().last().handler(ctx -> ctx.fail(404));
    root.route().failureHandler(Problems::handleFailure);
    return root;
  }
}
