package org.orderplatform.codecs;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

/** Registers the contract's codecs on one {@code Vertx}; the launcher and the tests call it once each. */
public final class Codecs {

  private Codecs() {
  }

  // Envelope and EnvelopeBatch are final record classes, so a default codec per class matches every
  // message sent; the sealed payload families never travel on their own.
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void registerAll(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    bus.registerDefaultCodec((Class) Envelope.class, new EnvelopeCodec());
    bus.registerDefaultCodec(EnvelopeBatch.class, new EnvelopeBatchCodec());
  }
}
