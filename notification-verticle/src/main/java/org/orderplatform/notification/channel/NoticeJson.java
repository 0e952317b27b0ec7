package org.orderplatform.notification.channel;

import io.vertx.core.json.JsonObject;
import org.orderplatform.notification.domain.Notice;

/** A notice as the log line and the webhook body carry it. */
final class NoticeJson {

  private NoticeJson() {
  }

  static JsonObject of(Notice notice) {
    return new JsonObject()
        .put("notificationId", notice.notificationId().toString())
        .put("eventId", notice.eventId().toString())
        .put("orderId", notice.orderId().toString())
        .put("customerId", notice.customerId())
        .put("topic", notice.rendered().topic().id())
        .put("subject", notice.rendered().subject())
        .put("text", notice.rendered().text())
        .put("occurredAt", notice.occurredAt().toString());
  }
}
