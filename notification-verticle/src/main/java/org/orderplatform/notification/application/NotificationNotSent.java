package org.orderplatform.notification.application;

import org.orderplatform.notification.domain.Notice;

/**
 * A send that failed and is worth retrying: it fails the delivery, so the group's retry policy
 * applies and, at last, the dead-letter store keeps this message as the error.
 */
public final class NotificationNotSent extends RuntimeException {

  public NotificationNotSent(Notice notice, String reason) {
    super(notice.channel().id() + " notification " + notice.notificationId() + " (" + notice.rendered().topic().id()
        + " of order " + notice.orderId() + ") not sent: " + reason, null, false, false);
  }
}
