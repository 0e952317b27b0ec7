package org.orderplatform.messaging.admin;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.eventually;
import static org.orderplatform.messaging.testing.MessagingNode.restock;

@DisplayName("the admin API answers bad input with a 4xx problem and changes nothing")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminInputTest {

  private static final String GROUP = "stock-projection";
  private static final String TOKEN = "Bearer " + MessagingNode.ADMIN_TOKEN;

  private final Recorder recorder = new Recorder(GROUP);
  private TestDatabase db;
  private MessagingNode node;

  @BeforeAll
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    node = MessagingNode.start(db, List.of(recorder.subscription(GroupSettings.perEvent())));
    node.append(List.of(restock("sku-1", 1), restock("sku-2", 2), restock("sku-3", 3)));
    eventually(() -> node.count("select count(*) from eventlog.subscriptions where group_name = $1 and cursor = 3",
        GROUP), n -> n == 1, "three events delivered and the cursor stored");
  }

  @AfterAll
  void stop() {
    try {
      node.close();
    } finally {
      db.close();
    }
  }

  private String subscriptionRow() {
    Row row = node.rows("select cursor, epoch, reset_pending from eventlog.subscriptions where group_name = $1", GROUP)
        .get(0);
    return row.getLong("cursor") + "/" + row.getLong("epoch") + "/" + row.getBoolean("reset_pending");
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
  @DisplayName("every bad request gets a 4xx problem+json and leaves the group as it was")
  @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "NONE", textBlock = """
      POST | /subscriptions/stock-projection/replay | {"fromPosition":4}                  | 422 | validation
      POST | /subscriptions/stock-projection/replay | {"fromPosition":9223372036854775807} | 422 | validation
      POST | /subscriptions/stock-projection/replay | {"fromPosition":-1}                 | 422 | validation
      POST | /subscriptions/stock-projection/replay | {"fromPosition":2.5}                | 422 | validation
      POST | /subscriptions/stock-projection/replay | {"fromPosition":1e30}               | 422 | validation
      POST | /subscriptions/stock-projection/replay | {"fromPosition":"2"}                | 422 | validation
      POST | /subscriptions/stock-projection/replay | {"fromPosition":1,"fromTime":"2030-01-01T00:00:00Z"} | 422 | validation
      POST | /subscriptions/stock-projection/replay | {"fromTime":"yesterday"}           | 422 | validation
      POST | /subscriptions/stock-projection/replay | {"fromTime":12}                    | 422 | validation
      POST | /subscriptions/stock-projection/replay | {"fromTime":"+294277-01-01T00:00:00Z"} | 422 | validation
      POST | /subscriptions/stock-projection/replay | {"fromTime":"-4713-11-23T23:59:59Z"}  | 422 | validation
      POST | /subscriptions/no-such-group/replay    | {"fromTime":"+294277-01-05T00:00:00Z"} | 422 | validation
      POST | /subscriptions/stock-projection/replay | {}                                 | 422 | validation
      POST | /subscriptions/stock-projection/replay | `{"fromPosition":`                 | 400 | malformed-json
      POST | /subscriptions/stock-projection/replay | [1]                                | 400 | malformed-json
      POST | /subscriptions/stock-projection/replay | NONE                               | 400 | malformed-json
      POST | /subscriptions/no-such-group/replay    | {"fromPosition":1}                 | 404 | not-found
      POST | /projections/no-such-group/rebuild     | {}                                 | 404 | not-found
      GET  | /dead-letters?limit=0                  | NONE                               | 422 | validation
      GET  | /dead-letters?limit=many               | NONE                               | 422 | validation
      GET  | /dead-letters?after=-1                 | NONE                               | 422 | validation
      GET  | /dead-letters?after=next               | NONE                               | 422 | validation
      GET  | /dead-letters?status=lost              | NONE                               | 422 | validation
      GET  | /dead-letters/seven                    | NONE                               | 404 | not-found
      GET  | /dead-letters/-1                       | NONE                               | 404 | not-found
      GET  | /dead-letters/99999999999999999999     | NONE                               | 404 | not-found
      POST | /dead-letters/seven/retry              | {}                                 | 404 | not-found
      POST | /dead-letters/seven/discard            | {"reason":"duplicate"}             | 404 | not-found
      POST | /dead-letters/1/discard                | {}                                 | 422 | validation
      POST | /dead-letters/1/discard                | {"reason":7}                       | 422 | validation
      POST | /dead-letters/1/discard                | not json                           | 400 | malformed-json
      POST | /dead-letters/retry                    | {}                                 | 422 | validation
      POST | /dead-letters/retry                    | {"fingerprint":"abc","group":5}    | 422 | validation
      POST | /dead-letters/retry                    | {"fingerprint":                    | 400 | malformed-json
      GET  | /no-such-route                         | NONE                               | 404 | not-found
      POST | /subscriptions/stock-projection/replay | {"fromPosition":9223372036854775808} | 422 | validation
      POST | /subscriptions/stock-projection/replay | {"fromPosition":1,"x":{"\\u0000":1}} | 400 | invalid-text
      POST | /dead-letters/1/discard                | {"reason":"dup\\u0000"}           | 400 | invalid-text
      POST | /dead-letters/retry                    | {"fingerprint":"\\ud800"}         | 400 | invalid-text
      POST | /dead-letters/retry                    | {"fingerprint":"a","fingerprint":"b"} | 400 | malformed-json
      GET  | /dead-letters?group=%00                | NONE                               | 400 | invalid-text
      GET  | /dead-letters?fingerprint=%C3%28       | NONE                               | 400 | invalid-text
      """)
  void badRequest(String method, String path, String body, int status, String type) {
    String before = subscriptionRow();

    MessagingNode.Reply reply = node.admin(HttpMethod.valueOf(method), path, body, TOKEN);

    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.body().getString("type")).isEqualTo("/problems/" + type);
    assertThat(reply.body().getInteger("status")).isEqualTo(status);
    assertThat(reply.body().getString("detail")).isNotBlank();
    assertThat(subscriptionRow()).isEqualTo(before);
  }

  @Test
  @DisplayName("a replay from the head itself is accepted: it re-delivers the last event")
  void replayFromHead() {
    MessagingNode.Reply reply = node.admin(HttpMethod.POST, "/subscriptions/" + GROUP + "/replay",
        JsonObject.of("fromPosition", 3));

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body().getLong("cursor")).isEqualTo(2);
    eventually(() -> recorder.callsFor("sku-3"), calls -> calls.size() == 2, "the last event re-delivered");
    eventually(() -> node.count("select count(*) from eventlog.subscriptions where group_name = $1 and cursor = 3",
        GROUP), n -> n == 1, "the cursor back at the head");
  }
}
