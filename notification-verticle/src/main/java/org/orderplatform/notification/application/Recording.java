package org.orderplatform.notification.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Event;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.NotificationEvent;
import org.orderplatform.messaging.CallingOut;
import org.orderplatform.messaging.log.EventLog;
import org.orderplatform.notification.domain.ChannelName;
import org.orderplatform.notification.persistence.NotificationRepository;
import org.orderplatform.notification.persistence.NotificationRepository.Recorded;
import org.orderplatform.plumbing.db.AfterCommit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The outcomes of the sends, recorded with the inbox rows in one transaction: each outcome not
 * recorded before becomes a {@code CustomerNotified} or {@code NotificationFailed}, caused by
 * the event it tells about. An event redelivered after a replay finds its outcome recorded and
 * appends nothing.
 */
public final class Recording implements CallingOut.Outcome<Event> {

  private final ChannelName channel;
  private final List<OrderEvent.OrderPlaced> placed;
  private final NotificationRepository repository;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final NotificationMeters meters;

  Recording(ChannelName channel, List<OrderEvent.OrderPlaced> placed, NotificationRepository repository, Clock clock,
            Supplier<UUID> ids, NotificationMeters meters) {
    this.channel = channel;
    this.placed = placed;
    this.repository = repository;
    this.clock = clock;
    this.ids = ids;
    this.meters = meters;
  }

  @Override
  public Future<Void> record(List<Envelope<? extends Event>> claimed, SqlConnection tx) {
    Map<UUID, Envelope<? extends Event>> byId = new HashMap<>();
    claimed.forEach(e -> byId.put(e.eventId(), e));
    // The batch's placements say whose orders they are, for the batches after this one.
    return repository.recordCustomers(tx, channel, placed).compose(v -> repository.record(tx, channel,
        List.copyOf(byId.keySet()))).compose(recorded -> {
      if (recorded.isEmpty()) {
        return Future.succeededFuture();
      }
      Instant at = clock.instant();
      List<Envelope<NotificationEvent>> events = new ArrayList<>();
      // In the claimed events' order, so an order's notifications appear in the order they were told.
      Map<UUID, Recorded> byEvent = new HashMap<>();
      recorded.forEach(r -> byEvent.put(r.eventId(), r));
      for (Envelope<? extends Event> envelope : claimed) {
        Recorded outcome = byEvent.get(envelope.eventId());
        if (outcome != null) {
          events.add(envelope.causing(event(outcome), ids.get(), at));
        }
      }
      long notified = recorded.stream().filter(Recorded::sent).count();
      long failed = recorded.size() - notified;
      return EventLog.append(tx, events).onSuccess(v -> AfterCommit.run(tx, () -> {
        meters.notified().increment(notified);
        meters.failed().increment(failed);
      }));
    });
  }

  private NotificationEvent event(Recorded outcome) {
    return outcome.sent()
        ? new NotificationEvent.CustomerNotified(outcome.orderId(), outcome.notificationId(), channel.id(), outcome.topic())
        : new NotificationEvent.NotificationFailed(outcome.orderId(), outcome.notificationId(), channel.id(),
            outcome.topic() + ": " + outcome.reason());
  }
}
