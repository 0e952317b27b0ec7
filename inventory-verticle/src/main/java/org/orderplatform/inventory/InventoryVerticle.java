package org.orderplatform.inventory;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import org.orderplatform.messaging.inbox.Inbox;

import java.util.List;

/** Wiring only: the inventory's subscriber groups listen on the event bus. */
public final class InventoryVerticle extends VerticleBase {

  private final List<Inbox> inboxes;

  InventoryVerticle(List<Inbox> inboxes) {
    this.inboxes = List.copyOf(inboxes);
  }

  @Override
  public Future<?> start() {
    List<MessageConsumer<Object>> consumers = inboxes.stream().map(inbox -> inbox.listen(vertx)).toList();
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }
}
