package org.orderplatform.messaging.admin;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.RetryPolicy;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.eventually;
import static org.orderplatform.messaging.testing.MessagingNode.restock;

@DisplayName("the admin API refuses a request without the right bearer token and changes nothing")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminAuthTest {

  private static final String GROUP = "stock";

  private final Recorder recorder = new Recorder(GROUP);
  private TestDatabase db;
  private MessagingNode node;
  private long deadLetter;
  private String fingerprint;
  private String before;

  @BeforeAll
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    recorder.failWhen(call -> call.sku().equals("poison"));
    GroupSettings oneAttempt = GroupSettings.perEvent()
        .withRetry(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10)));
    node = MessagingNode.start(db, List.of(recorder.subscription(oneAttempt)));
    node.append(List.of(restock("poison", 1), restock("healthy", 1)));
    eventually(() -> node.count("select count(*) from eventlog.subscriptions where group_name = $1 and cursor = 2",
        GROUP), n -> n == 1, "both events handled, the poison one dead-lettered");
    var row = node.rows("select id, fingerprint from eventlog.dead_letters").get(0);
    deadLetter = row.getLong("id");
    fingerprint = row.getString("fingerprint");
    before = state();
  }

  @AfterAll
  void stop() {
    try {
      node.close();
    } finally {
      db.close();
    }
  }

  /** Everything an admin request could change, as one comparable string. */
  private String state() {
    var group = node.rows("select cursor, epoch, reset_pending from eventlog.subscriptions where group_name = $1",
        GROUP).get(0);
    var letter = node.rows("select status, discard_reason from eventlog.dead_letters where id = $1", deadLetter).get(0);
    return "cursor=" + group.getLong("cursor") + " epoch=" + group.getLong("epoch")
        + " resetPending=" + group.getBoolean("reset_pending") + " deadLetter=" + letter.getString("status")
        + " reason=" + letter.getString("discard_reason") + " inbox=" + node.count("select count(*) from eventlog.inbox")
        + " calls=" + recorder.calls().size();
  }

  private record Route(HttpMethod method, String path, String body) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private List<Route> routes() {
    return List.of(
        new Route(HttpMethod.GET, "/subscriptions", null),
        new Route(HttpMethod.GET, "/dead-letters", null),
        new Route(HttpMethod.GET, "/dead-letters/" + deadLetter, null),
        new Route(HttpMethod.POST, "/dead-letters/" + deadLetter + "/retry", "{}"),
        new Route(HttpMethod.POST, "/dead-letters/retry", "{\"fingerprint\":\"" + fingerprint + "\"}"),
        new Route(HttpMethod.POST, "/dead-letters/" + deadLetter + "/discard", "{\"reason\":\"no token\"}"),
        new Route(HttpMethod.POST, "/subscriptions/" + GROUP + "/replay", "{\"fromPosition\":0}"),
        new Route(HttpMethod.POST, "/projections/" + GROUP + "/rebuild", "{}"),
        new Route(HttpMethod.GET, "/no-such-route", null));
  }

  private static final List<String> WRONG_CREDENTIALS = Arrays.asList(
      null,
      "",
      "Bearer",
      "Bearer ",
      "Bearer wrong-token",
      "Bearer " + MessagingNode.ADMIN_TOKEN + "x",
      "Bearer " + MessagingNode.ADMIN_TOKEN.substring(1),
      MessagingNode.ADMIN_TOKEN,
      "Basic " + MessagingNode.ADMIN_TOKEN,
      "Token " + MessagingNode.ADMIN_TOKEN);

  Stream<Arguments> requests() {
    List<Arguments> all = new ArrayList<>();
    for (Route route : routes()) {
      for (String credentials : WRONG_CREDENTIALS) {
        all.add(Arguments.of(route, credentials));
      }
    }
    return all.stream();
  }

  @Order(1)
  @ParameterizedTest(name = "{0} with Authorization: {1}")
  @MethodSource("requests")
  @DisplayName("every admin route answers 401 problem+json without the token or with a wrong one")
  void refused(Route route, String authorization) {
    MessagingNode.Reply reply = node.admin(route.method(), route.path(), route.body(), authorization);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.body().getString("type")).isEqualTo("/problems/unauthorized");
    assertThat(reply.body().getInteger("status")).isEqualTo(401);
    assertThat(state()).isEqualTo(before);
  }

  @Order(2)
  @Test
  @DisplayName("a discard without the token leaves the dead letter open; with the token it is discarded")
  void discardNeedsTheToken() {
    node.admin(HttpMethod.POST, "/dead-letters/" + deadLetter + "/discard", "{\"reason\":\"no token\"}", null);
    assertThat(node.rows("select status from eventlog.dead_letters where id = $1", deadLetter).get(0)
        .getString("status")).isEqualTo("open");

    // The control: the same request with the token does change it, so the refusals above mean something.
    MessagingNode.Reply reply = node.admin(HttpMethod.POST, "/dead-letters/" + deadLetter + "/discard",
        "{\"reason\":\"with the token\"}", "Bearer " + MessagingNode.ADMIN_TOKEN);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(node.rows("select status from eventlog.dead_letters where id = $1", deadLetter).get(0)
        .getString("status")).isEqualTo("discarded");
  }
}
