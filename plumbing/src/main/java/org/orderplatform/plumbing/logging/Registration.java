package org.orderplatform.plumbing.logging;

import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;

/**
 * Loaded by every {@code Vertx} as it boots (META-INF/services), so {@link LogContext}'s
 * context-local is registered before the first {@code Vertx} sizes its contexts' storage, whichever
 * code touches {@link LogContext} first.
 */
public final class Registration implements VertxServiceProvider {

  static {
    LogContext.register();
  }

  @Override
  public void init(VertxBootstrap builder) {
  }
}
