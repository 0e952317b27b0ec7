package org.orderplatform.messaging;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EventTypes;
import org.orderplatform.events.Message;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A subscriber group: its name, the message types it takes, how it is dispatched and the typed
 * handler that applies them. A projection also says how to wipe its read model for a rebuild.
 *
 * @param <E> the common supertype of the messages it takes, usually a sealed family
 */
public record Subscription<E extends Message>(
    String group,
    Set<Class<? extends E>> types,
    GroupSettings settings,
    EventHandler<E> handler,
    Function<SqlConnection, Future<Void>> resetReadModel) {

  public Subscription {
    Objects.requireNonNull(group, "group");
    if (!group.matches("[a-z][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException("group names are lower-case words joined by '-': " + group);
    }
    types = Set.copyOf(types);
    if (types.isEmpty()) {
      throw new IllegalArgumentException("a subscription takes at least one type");
    }
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(resetReadModel, "resetReadModel");
  }

  public static <E extends Message> Subscription<E> of(String group, Set<Class<? extends E>> types,
                                                      GroupSettings settings, EventHandler<E> handler) {
    return new Subscription<>(group, types, settings, handler, tx -> Future.succeededFuture());
  }

  public Subscription<E> withReset(Function<SqlConnection, Future<Void>> reset) {
    return new Subscription<>(group, types, settings, handler, reset);
  }

  public Set<String> typeNames() {
    return types.stream().map(type -> EventTypes.typeOf(type).name()).collect(Collectors.toUnmodifiableSet());
  }

  public boolean accepts(Message message) {
    return types.stream().anyMatch(type -> type.isInstance(message));
  }

  /** Runs the typed handler over a batch; the caller has checked {@link #accepts} for each first. */
  public Future<Void> handleAll(List<Envelope<?>> envelopes, SqlConnection tx) {
    return handleAll(handler, envelopes, tx);
  }

  /** Runs a handler {@link #beforeTransaction} returned over a batch. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Future<Void> handleAll(EventHandler<E> prepared, List<Envelope<?>> envelopes, SqlConnection tx) {
    return prepared.handleAll((List) envelopes, tx);
  }

  /** The handler's {@link EventHandler#beforeTransaction}; the caller has checked {@link #accepts} for each first. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Future<EventHandler<E>> beforeTransaction(List<Envelope<?>> envelopes) {
    return handler.beforeTransaction((List) envelopes);
  }

  /**
   * Whether the handler calls out before its transaction (overrides
   * {@link EventHandler#beforeTransaction}). Only such a group pays for reading its inbox first.
   */
  public boolean callsOut() {
    try {
      return handler.getClass().getMethod("beforeTransaction", List.class).getDeclaringClass() != EventHandler.class;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("EventHandler.beforeTransaction is gone", e);
    }
  }
}
