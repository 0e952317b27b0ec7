package org.orderplatform.notification.channel;

import io.vertx.core.Future;
import org.orderplatform.notification.application.Channel;
import org.orderplatform.notification.domain.ChannelName;
import org.orderplatform.notification.domain.Notice;
import org.orderplatform.notification.domain.Preferences;
import org.orderplatform.notification.domain.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The channel every customer has unless they turn it off: one JSON line per message, in a logger of its own. */
public final class LogChannel implements Channel {

  /** The logger to route elsewhere (a file, a collector) in the logging configuration. */
  public static final String LOGGER = "org.orderplatform.notification.customer-messages";

  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  @Override
  public ChannelName name() {
    return ChannelName.LOG;
  }

  @Override
  public Future<SendOutcome> send(Notice notice, Preferences preferences) {
    log.info("{}", NoticeJson.of(notice).encode());
    return Future.succeededFuture(new SendOutcome.Sent());
  }
}
