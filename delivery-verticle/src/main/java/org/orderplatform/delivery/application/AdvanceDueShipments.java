package org.orderplatform.delivery.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.delivery.domain.AutoProgress;
import org.orderplatform.delivery.domain.Decision;
import org.orderplatform.delivery.domain.Shipment;
import org.orderplatform.delivery.persistence.ShipmentRepository;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.messaging.log.EventLog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Demo mode ({@code DELIVERY_AUTOPROGRESS}): takes the next step of shipments whose step is due,
 * as the carrier's report would, in one transaction: claims the due rows (skipping rows another
 * JVM's scan holds), lets the state machine decide, saves and appends. A crash before the commit
 * leaves them due.
 */
public final class AdvanceDueShipments {

  private final Pool pool;
  private final ShipmentRepository repository;
  private final AutoProgress autoProgress;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public AdvanceDueShipments(Pool pool, ShipmentRepository repository, AutoProgress autoProgress, Clock clock,
                             Supplier<UUID> ids) {
    this.pool = pool;
    this.repository = repository;
    this.autoProgress = autoProgress;
    this.clock = clock;
    this.ids = ids;
  }

  /** Advances up to {@code limit} due shipments; answers how many were due. */
  public Future<Integer> advanceDue(int limit) {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> repository.claimDue(tx, now, limit).compose(due -> {
      List<Shipment> saved = new ArrayList<>(due.size());
      List<Envelope<DeliveryEvent>> events = new ArrayList<>();
      for (Shipment shipment : due) {
        Decision decision = AutoProgress.nextStep(shipment.status())
            .map(step -> shipment.decide(step, now, autoProgress)).orElse(null);
        if (decision instanceof Decision.Moved moved) {
          saved.add(moved.shipment());
          events.add(Envelope.of(moved.event(), ids.get(), now, shipment.orderId(), null, null));
        } else {
          // No step left (cannot be stored so, but a stale due time must not be claimed forever).
          saved.add(shipment.withoutNextStep());
        }
      }
      return Future.all(repository.save(tx, saved), events.isEmpty() ? Future.succeededFuture()
          : EventLog.append(tx, events)).map(due.size());
    }));
  }
}
