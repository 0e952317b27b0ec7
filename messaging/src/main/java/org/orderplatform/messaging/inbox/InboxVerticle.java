package org.orderplatform.messaging.inbox;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import org.orderplatform.messaging.Subscription;

import java.util.List;

/** The consumer side of one service's subscriber groups: one {@link Inbox} per group, listening on the bus. */
public final class InboxVerticle extends VerticleBase {

  private final List<Inbox> inboxes;

  public InboxVerticle(Pool pool, List<Subscription<?>> subscriptions) {
    this.inboxes = subscriptions.stream().map(subscription -> new Inbox(pool, subscription)).toList();
  }

  public List<Inbox> inboxes() {
    return inboxes;
  }

  @Override
  public Future<?> start() {
    List<MessageConsumer<Object>> consumers = inboxes.stream().map(inbox -> inbox.listen(vertx)).toList();
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }
}
