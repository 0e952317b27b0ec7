package org.orderplatform.payment.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.PaymentEvent;
import org.orderplatform.messaging.CallingOut;
import org.orderplatform.messaging.log.EventLog;
import org.orderplatform.payment.domain.OrderPayment;
import org.orderplatform.payment.domain.Step;
import org.orderplatform.payment.persistence.PaymentRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** The provider's answers to a batch of requests, to be recorded with the inbox rows in one transaction. */
public final class Settlement implements CallingOut.Outcome<OrderEvent> {

  private final PaymentRepository repository;
  private final Map<UUID, Step> steps;
  private final Clock clock;
  private final Supplier<UUID> ids;

  Settlement(PaymentRepository repository, Map<UUID, Step> steps, Clock clock, Supplier<UUID> ids) {
    this.repository = repository;
    this.steps = Map.copyOf(steps);
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * Saves each order's state after its last claimed request and appends one answer per request.
   * {@code claimed} may be fewer than were settled: a concurrent delivery claimed the others.
   */
  @Override
  public Future<Void> record(List<Envelope<? extends OrderEvent>> claimed, SqlConnection tx) {
    Map<UUID, OrderPayment> latest = new LinkedHashMap<>();
    List<Envelope<PaymentEvent>> answers = new ArrayList<>();
    Instant at = clock.instant();
    for (Envelope<? extends OrderEvent> request : claimed) {
      Step step = steps.get(request.eventId());
      if (step == null) {
        return Future.failedFuture(new IllegalStateException("no settlement for event " + request.eventId()));
      }
      latest.put(step.state().orderId(), step.state());
      answers.add(request.causing(step.answer(), ids.get(), at));
    }
    return Future.all(repository.save(tx, List.copyOf(latest.values())), EventLog.append(tx, answers)).mapEmpty();
  }
}
