package org.orderplatform.payment.domain;

import org.orderplatform.events.PaymentEvent;

/** An order's payment state after one request, and the event that answers the request. */
public record Step(OrderPayment state, PaymentEvent answer) {
}
