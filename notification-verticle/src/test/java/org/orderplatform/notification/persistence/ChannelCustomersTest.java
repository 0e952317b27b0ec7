package org.orderplatform.notification.persistence;

import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.events.Address;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent.OrderPlaced;
import org.orderplatform.events.OrderLine;
import org.orderplatform.notification.NotificationModule;
import org.orderplatform.notification.domain.ChannelName;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;

@DisplayName("each channel's group notes an order's customer")
class ChannelCustomersTest {

  private static ServiceHarness service;
  private static NotificationRepository repository;

  @BeforeAll
  static void start() {
    service = ServiceHarness.start(NotificationModule.SCHEMA, NotificationModule::new);
    repository = new NotificationRepository(service.pool);
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @DisplayName("in rows of its own: a group does not wait for another group's uncommitted note of the same order")
  void groupsDoNotWaitOnEachOther() throws Exception {
    OrderPlaced placed = new OrderPlaced(UUID.randomUUID(), "c-wait",
        List.of(new OrderLine("TEA-1", 1, new Money(450, "EUR"))), new Money(450, "EUR"),
        new Address("1 Main St", null, "75001", "Paris", "FR"), "tok_visa");
    SqlConnection logGroup = await(service.pool.getConnection());
    SqlConnection webhookGroup = await(service.pool.getConnection());
    try {
      Transaction logTx = await(logGroup.begin());
      await(repository.recordCustomers(logGroup, ChannelName.LOG, List.of(placed)));
      // The log group's note is not committed yet; the webhook group's note of the same order must
      // not wait for it (one shared key made it wait until the other transaction ended).
      Transaction webhookTx = await(webhookGroup.begin());
      repository.recordCustomers(webhookGroup, ChannelName.WEBHOOK, List.of(placed))
          .toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
      await(webhookTx.commit());
      await(logTx.commit());
    } finally {
      logGroup.close();
      webhookGroup.close();
    }
    assertThat(await(repository.customers(ChannelName.WEBHOOK, List.of(placed.orderId()))))
        .isEqualTo(Map.of(placed.orderId(), "c-wait"));
    assertThat(await(repository.customers(ChannelName.EMAIL, List.of(placed.orderId()))))
        .as("a channel that has not taken the placement does not know it yet").isEmpty();
  }
}
