package org.orderplatform.events;

/**
 * Anything that crosses between services: a fact that happened ({@link Event}) or a request to
 * act ({@link Command}). Every message belongs to one aggregate, whose events are delivered in order.
 */
public sealed interface Message permits Event, Command {

  /** The id of the entity this message is about (an order id, a SKU). */
  String aggregateId();
}
