package org.orderplatform.notification.application;

import io.vertx.core.Future;
import org.orderplatform.notification.domain.ChannelName;
import org.orderplatform.notification.domain.Notice;
import org.orderplatform.notification.domain.Preferences;
import org.orderplatform.notification.domain.SendOutcome;

/**
 * A way to tell a customer: the log, a webhook, e-mail. {@link #send} is called with no
 * transaction open. A failure worth retrying fails the future (with {@link NotificationNotSent}
 * where the channel knows why); a recipient that turns the message down for good is a
 * {@link SendOutcome.Refused}.
 */
public interface Channel {

  ChannelName name();

  /** Sends to where {@code preferences} say, for this channel; only called when they want it. */
  Future<SendOutcome> send(Notice notice, Preferences preferences);
}
