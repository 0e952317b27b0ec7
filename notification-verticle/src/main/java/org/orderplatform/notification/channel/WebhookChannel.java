package org.orderplatform.notification.channel;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.orderplatform.notification.application.Channel;
import org.orderplatform.notification.application.NotificationNotSent;
import org.orderplatform.notification.domain.ChannelName;
import org.orderplatform.notification.domain.Notice;
import org.orderplatform.notification.domain.Preferences;
import org.orderplatform.notification.domain.SendOutcome;

import java.time.Duration;
import java.util.Set;

/**
 * POSTs the message as JSON to the customer's URL, signed (see {@link Signatures}). A 2xx is sent;
 * a 4xx that says the receiver will never take it (400, 401, 403, 410, 422…) is refused; anything
 * else (no connection, a timeout, a 5xx, a redirect, 404, 408, 425, 429) fails the send, to be
 * retried.
 */
public final class WebhookChannel implements Channel {

  public static final String NOTIFICATION_ID = "X-Notification-Id";
  public static final String TOPIC = "X-Notification-Topic";
  private static final Set<Integer> WORTH_RETRYING = Set.of(404, 408, 425, 429);

  private final WebClient client;
  private final Signatures signatures;
  private final long timeoutMillis;

  public WebhookChannel(Vertx vertx, Signatures signatures, Duration timeout) {
    // No redirects: the body is signed for the URL the customer gave, and a POST is not replayed elsewhere.
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setKeepAlive(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())), new PoolOptions().setHttp1MaxSize(32));
    this.signatures = signatures;
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public ChannelName name() {
    return ChannelName.WEBHOOK;
  }

  @Override
  public Future<SendOutcome> send(Notice notice, Preferences preferences) {
    String url = preferences.recipient(ChannelName.WEBHOOK);
    Buffer body = NoticeJson.of(notice).toBuffer();
    return client.postAbs(url)
        .putHeader("content-type", "application/json")
        .putHeader(Signatures.HEADER, signatures.sign(body.getBytes()))
        .putHeader(NOTIFICATION_ID, notice.notificationId().toString())
        .putHeader(TOPIC, notice.rendered().topic().id())
        .timeout(timeoutMillis)
        .sendBuffer(body)
        .recover(error -> Future.failedFuture(new NotificationNotSent(notice, "POST " + url + ": " + error)))
        .compose(response -> outcome(notice, url, response));
  }

  private static Future<SendOutcome> outcome(Notice notice, String url, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Future.succeededFuture(new SendOutcome.Sent());
    }
    if (status >= 400 && status < 500 && !WORTH_RETRYING.contains(status)) {
      return Future.succeededFuture(new SendOutcome.Refused("POST " + url + " answered HTTP " + status));
    }
    return Future.failedFuture(new NotificationNotSent(notice, "POST " + url + " answered HTTP " + status));
  }
}
