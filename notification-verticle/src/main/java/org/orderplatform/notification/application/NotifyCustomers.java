package org.orderplatform.notification.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.AboutAnOrder;
import org.orderplatform.events.Event;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.notification.domain.ChannelName;
import org.orderplatform.notification.domain.Notice;
import org.orderplatform.notification.domain.Preferences;
import org.orderplatform.notification.domain.Rendered;
import org.orderplatform.notification.domain.SendOutcome;
import org.orderplatform.notification.domain.Templates;
import org.orderplatform.notification.persistence.NotificationRepository;
import org.orderplatform.plumbing.logging.LogContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Tells customers about their orders over one channel, outside any transaction: finds each
 * order's customer and their preferences, claims a row per (event, channel) in a statement of its
 * own, sends what it claimed (orders concurrently, each order's messages in log order), then notes
 * the outcomes. The {@link Recording} it returns appends {@code CustomerNotified} (or
 * {@code NotificationFailed}) in the inbox's transaction.
 *
 * <p>A claim already there is never sent again: when it is done, its outcome is recorded by
 * whichever delivery gets the event into the inbox; while it is still being sent, this delivery
 * fails and its retry finds it done. A failed send releases its claim and fails the delivery.
 */
public final class NotifyCustomers {

  private final Channel channel;
  private final NotificationRepository repository;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final NotificationMeters meters;

  /** {@code meters} get the outcomes the channel's group records (see {@link NotificationMeters}). */
  public NotifyCustomers(Channel channel, NotificationRepository repository, Clock clock, Supplier<UUID> ids,
                         MeterRegistry meters) {
    this.channel = channel;
    this.repository = repository;
    this.clock = clock;
    this.ids = ids;
    this.meters = NotificationMeters.of(meters, channel.name());
  }

  public ChannelName channel() {
    return channel.name();
  }

  /** A message to send; {@code traceparent} is its event's, for the lines the channel logs. */
  private record Pending(Notice notice, Preferences preferences, String traceparent) {
  }

  public Future<Recording> send(List<Envelope<? extends Event>> all) {
    List<OrderEvent.OrderPlaced> placed = all.stream().map(Envelope::payload)
        .filter(OrderEvent.OrderPlaced.class::isInstance).map(OrderEvent.OrderPlaced.class::cast).toList();
    List<Envelope<? extends Event>> envelopes = all.stream()
        .filter(e -> !(e.payload() instanceof OrderEvent.OrderPlaced)).toList();
    // An order's placement comes before its other events in this group's queue: in this batch
    // (known here, and noted in the transaction that records the batch) or in one recorded before.
    Map<UUID, String> inBatch = new HashMap<>();
    placed.forEach(p -> inBatch.put(p.orderId(), p.customerId()));
    List<UUID> lookUp = envelopes.stream().map(e -> orderId(e.payload())).distinct()
        .filter(id -> !inBatch.containsKey(id)).toList();
    Future<Map<UUID, String>> stored = lookUp.isEmpty() ? Future.succeededFuture(Map.of()) : repository.customers(channel.name(), lookUp);
    return stored.compose(found -> {
      List<UUID> unknown = lookUp.stream().filter(id -> !found.containsKey(id)).toList();
      if (!unknown.isEmpty()) {
        return Future.failedFuture(new CustomerNotKnown(unknown));
      }
      if (envelopes.isEmpty()) {
        return Future.succeededFuture();
      }
      Map<UUID, String> customers = new HashMap<>(found);
      customers.putAll(inBatch);
      return repository.preferences(customers.values().stream().distinct().toList())
          .compose(preferences -> claimAndSend(pending(envelopes, customers, preferences)));
    }).map(v -> new Recording(channel.name(), placed, repository, clock, ids, meters));
  }

  private List<Pending> pending(List<Envelope<? extends Event>> envelopes, Map<UUID, String> customers,
                                Map<String, Preferences> stored) {
    List<Pending> pending = new ArrayList<>();
    for (Envelope<? extends Event> envelope : envelopes) {
      UUID orderId = orderId(envelope.payload());
      String customer = customers.get(orderId);
      Preferences preferences = stored.getOrDefault(customer, Preferences.DEFAULT);
      if (preferences.wants(channel.name())) {
        Rendered rendered = Templates.render(envelope.payload()).orElseThrow(() ->
            new IllegalStateException("no template for " + envelope.type()));
        pending.add(new Pending(new Notice(Notice.idFor(envelope.eventId(), channel.name()), envelope.eventId(),
            orderId, customer, channel.name(), rendered, envelope.occurredAt()), preferences, envelope.traceparent()));
      }
    }
    return pending;
  }

  private Future<Void> claimAndSend(List<Pending> pending) {
    Map<UUID, String> recipients = new HashMap<>();
    pending.forEach(p -> recipients.put(p.notice().eventId(), p.preferences().recipient(channel.name())));
    return repository.claim(channel.name(), pending.stream().map(Pending::notice).toList(), recipients)
        .compose(claimed -> {
          List<Pending> mine = pending.stream().filter(p -> claimed.contains(p.notice().eventId())).toList();
          List<UUID> others = pending.stream().map(p -> p.notice().eventId()).filter(id -> !claimed.contains(id))
              .toList();
          return repository.statuses(channel.name(), others).compose(statuses -> {
            // Absent: a concurrent send failed and released it between our claim and this read.
            List<UUID> inFlight = others.stream()
                .filter(id -> !statuses.containsKey(id) || "sending".equals(statuses.get(id))).toList();
            if (!inFlight.isEmpty()) {
              return repository.settle(channel.name(), List.of(), Map.of(), ids(mine))
                  .compose(v -> Future.failedFuture(new NotificationInFlight(channel.name(), inFlight)));
            }
            return sendInTurn(mine);
          });
        });
  }

  /** Sends each order's messages in turn (a message after a failed one is not tried), orders concurrently. */
  private Future<Void> sendInTurn(List<Pending> mine) {
    Map<UUID, List<Pending>> byOrder = new LinkedHashMap<>();
    mine.forEach(p -> byOrder.computeIfAbsent(p.notice().orderId(), id -> new ArrayList<>()).add(p));
    // Filled from the sends' callbacks, which need not all run on one thread.
    Map<UUID, SendOutcome> outcomes = new ConcurrentHashMap<>();
    Map<UUID, Throwable> failures = new ConcurrentHashMap<>();
    List<Future<Void>> orders = byOrder.values().stream().map(messages -> {
      Future<Void> chain = Future.succeededFuture();
      for (Pending message : messages) {
        chain = chain.compose(v -> safely(message).onSuccess(o -> outcomes.put(message.notice().eventId(), o))
            .onFailure(error -> failures.put(message.notice().eventId(), error)).mapEmpty());
      }
      return chain;
    }).toList();
    // join, not all: every order's sends finish before the outcomes are noted, even after a failure.
    return Future.join(orders).otherwiseEmpty().compose(v -> {
      List<UUID> sent = new ArrayList<>();
      Map<UUID, String> refused = new LinkedHashMap<>();
      List<UUID> released = new ArrayList<>();
      for (Pending message : mine) {
        UUID id = message.notice().eventId();
        SendOutcome outcome = outcomes.get(id);
        if (outcome instanceof SendOutcome.Sent) {
          sent.add(id);
        } else if (outcome instanceof SendOutcome.Refused refusal) {
          refused.put(id, refusal.reason());
        } else {
          released.add(id);
        }
      }
      Future<Void> settled = repository.settle(channel.name(), sent, refused, released);
      return failures.isEmpty() ? settled
          : settled.compose(s -> Future.failedFuture(failures.values().iterator().next()));
    });
  }

  // A channel that throws instead of failing its future must still release its claim.
  private Future<SendOutcome> safely(Pending message) {
    try {
      // A batch tells many customers: each message's lines are about its own order.
      Future<SendOutcome> outcome = LogContext.during(message.notice().orderId(), message.traceparent(),
          () -> channel.send(message.notice(), message.preferences()));
      return outcome == null ? Future.failedFuture(new IllegalStateException("channel returned null")) : outcome;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static List<UUID> ids(List<Pending> pending) {
    return pending.stream().map(p -> p.notice().eventId()).toList();
  }

  private static UUID orderId(Event event) {
    if (event instanceof AboutAnOrder about) {
      return about.orderId();
    }
    throw new IllegalArgumentException("not about an order: " + event);
  }
}
