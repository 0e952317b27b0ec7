package org.orderplatform.notification.channel;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import org.orderplatform.notification.application.Channel;
import org.orderplatform.notification.application.NotificationNotSent;
import org.orderplatform.notification.domain.ChannelName;
import org.orderplatform.notification.domain.Notice;
import org.orderplatform.notification.domain.Preferences;
import org.orderplatform.notification.domain.SendOutcome;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Plain-text mail over SMTP. Every failure, a permanent SMTP reply included, fails the send and is
 * retried, then dead-lettered: a 5xx may as well be our configuration (the sender address, the
 * relay) as the customer's mailbox, and an operator can tell them apart where this code cannot.
 */
public final class EmailChannel implements Channel {

  private final MailClient mail;
  private final String from;
  private final long timeoutMillis;

  public EmailChannel(Vertx vertx, String host, int port, String from, Duration timeout) {
    this.mail = MailClient.create(vertx, new MailConfig().setHostname(host).setPort(port)
        .setLogin(LoginOption.DISABLED).setKeepAlive(true).setMaxPoolSize(8)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    this.from = from;
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public ChannelName name() {
    return ChannelName.EMAIL;
  }

  @Override
  public Future<SendOutcome> send(Notice notice, Preferences preferences) {
    String to = preferences.recipient(ChannelName.EMAIL);
    MailMessage message = new MailMessage().setFrom(from).setTo(List.of(to))
        .setSubject(notice.rendered().subject()).setText(notice.rendered().text())
        .setHeaders(MultiMap.caseInsensitiveMultiMap()
            .add(WebhookChannel.NOTIFICATION_ID, notice.notificationId().toString())
            .add(WebhookChannel.TOPIC, notice.rendered().topic().id()));
    return mail.sendMail(message).timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .<SendOutcome>map(result -> new SendOutcome.Sent())
        .recover(error -> Future.failedFuture(new NotificationNotSent(notice, "mail to " + to + " via SMTP: " + error)));
  }
}
