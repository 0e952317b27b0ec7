package org.orderplatform.messaging.http;

import io.vertx.ext.web.Router;

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
}
