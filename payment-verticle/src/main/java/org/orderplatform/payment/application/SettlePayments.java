package org.orderplatform.payment.application;

import io.vertx.core.Future;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.OrderEvent.PaymentRequested;
import org.orderplatform.events.OrderEvent.RefundRequested;
import org.orderplatform.payment.domain.Decision;
import org.orderplatform.payment.domain.OrderPayment;
import org.orderplatform.payment.domain.RefundOutcome;
import org.orderplatform.payment.domain.Step;
import org.orderplatform.payment.persistence.PaymentRepository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Charges and refunds orders at the provider, outside any transaction: records the charge
 * requests first (a statement of its own, so a refund later knows a charge may exist), loads each
 * order's payment, then asks the provider, orders concurrently and each order's requests in log
 * order. The {@link Settlement} it returns records the outcomes and their events in the inbox's
 * transaction.
 */
public final class SettlePayments {

  private final PaymentRepository repository;
  private final PaymentProvider provider;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public SettlePayments(PaymentRepository repository, PaymentProvider provider, Clock clock, Supplier<UUID> ids) {
    this.repository = repository;
    this.provider = provider;
    this.clock = clock;
    this.ids = ids;
  }

  /** Fails with {@link RefundNotDone} when a refund could not be settled; the charges are asked again on the retry, by the same keys. */
  public Future<Settlement> settle(List<Envelope<? extends OrderEvent>> envelopes) {
    Map<UUID, List<Envelope<? extends OrderEvent>>> byOrder = new LinkedHashMap<>();
    List<PaymentRequested> charges = new ArrayList<>();
    for (Envelope<? extends OrderEvent> envelope : envelopes) {
      byOrder.computeIfAbsent(envelope.payload().orderId(), id -> new ArrayList<>()).add(envelope);
      if (envelope.payload() instanceof PaymentRequested requested) {
        charges.add(requested);
      }
    }
    return repository.recordRequests(charges)
        .compose(v -> repository.load(List.copyOf(byOrder.keySet())))
        .compose(states -> {
          // Filled from the provider calls' callbacks, which need not all run on one thread.
          Map<UUID, Step> steps = new ConcurrentHashMap<>();
          // join, not all: every order's calls finish before the batch is reported, even a failed one.
          return Future.join(byOrder.entrySet().stream()
                  .map(order -> settleInTurn(states.get(order.getKey()), order.getValue(), steps)).toList())
              .map(v -> new Settlement(repository, steps, clock, ids));
        });
  }

  private Future<Void> settleInTurn(OrderPayment initial, List<Envelope<? extends OrderEvent>> requests,
                                    Map<UUID, Step> steps) {
    Future<OrderPayment> chain = Future.succeededFuture(initial);
    for (Envelope<? extends OrderEvent> request : requests) {
      chain = chain.compose(state -> settleOne(state, request.payload()).map(step -> {
        steps.put(request.eventId(), step);
        return step.state();
      }));
    }
    return chain.mapEmpty();
  }

  private Future<Step> settleOne(OrderPayment state, OrderEvent request) {
    if (request instanceof PaymentRequested charge) {
      Decision decision = state.decide(charge);
      if (decision instanceof Decision.Charge call) {
        return provider.charge(call.key(), call.amount(), call.token()).map(outcome -> state.charged(charge, outcome));
      }
      return Future.succeededFuture(((Decision.Answer) decision).step());
    }
    RefundRequested refund = (RefundRequested) request;
    Decision decision = state.decide(refund);
    if (decision instanceof Decision.RefundCharge call) {
      return provider.refund(call.key(), call.chargeKey(), call.amount()).compose(outcome -> {
        if (outcome instanceof RefundOutcome.Settled settled) {
          return Future.succeededFuture(state.refunded(refund, settled));
        }
        return Future.failedFuture(new RefundNotDone(state.orderId(), outcome.toString()));
      });
    }
    return Future.succeededFuture(((Decision.Answer) decision).step());
  }
}
