package org.orderplatform.messaging.leader;

import io.vertx.pgclient.PgConnection;

/**
 * One term of leadership: the connection holding the advisory lock, and the term number that was
 * current when it was taken. Every write a leader makes names its term (see {@link LeaseSql#fence}),
 * so a deposed leader's late writes fail instead of landing.
 */
public record Lease(String name, long term, PgConnection connection) {
}
