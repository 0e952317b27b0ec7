package org.orderplatform.launcher;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.TcpRelay;
import org.orderplatform.messaging.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

/** {@code /health} and {@code /ready} of a JVM running every service, over real HTTP and PostgreSQL. */
class ProbesTest {

  private static final String[] CHECKS = {"database", "cluster", "messaging", "log", "payment-breaker"};

  private TestDatabase db;
  private PlatformNode node;
  private PlatformNode other;
  private TcpRelay relay;

  @BeforeEach
  void database() {
    db = TestDatabase.create(Arrays.stream(Service.values()).map(Service::schema).toArray(String[]::new));
  }

  @AfterEach
  void stop() {
    try {
      for (AutoCloseable running : new AutoCloseable[] {node, other, relay}) {
        if (running != null) {
          running.close();
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      db.close();
    }
  }

  private PlatformNode start(Map<String, String> env, String... args) throws Exception {
    return PlatformNode.start(db.settings().url(), env, args);
  }

  private PlatformNode.Readiness eventuallyReady(PlatformNode on, int status) {
    return eventually(on::ready, r -> r.status() == status, "/ready to answer " + status);
  }

  @Test
  @DisplayName("/health answers 200 and /ready 200 with every check UP, each named with its details")
  void everythingUp() throws Exception {
    node = start(Map.of());

    var health = node.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("UP");

    var ready = eventuallyReady(node, 200);
    assertThat(ready.checks()).containsOnlyKeys(CHECKS);
    assertThat(ready.checks().values()).allMatch(check -> "UP".equals(check.getString("status")), "every check UP");
    assertThat(ready.checks().get("database").getJsonObject("data").getJsonObject("migrated").getMap())
        .containsEntry("eventlog", true).containsEntry("orders", true).containsEntry("payment", true);
    assertThat(ready.checks().get("cluster").getJsonObject("data").getBoolean("clustered")).isFalse();
    JsonObject roles = ready.checks().get("messaging").getJsonObject("data").getJsonObject("roles");
    assertThat(roles.fieldNames()).contains("sequencer", "payment", "inventory");
    assertThat(roles.getJsonObject("sequencer").getString("state")).isEqualTo("LEADING");
    assertThat(ready.checks().get("payment-breaker").getJsonObject("data").getString("state")).isEqualTo("CLOSED");
  }

  @Test
  @DisplayName("a second JVM whose roles all stand by while the first leads is ready too")
  void standingByIsReady() throws Exception {
    node = start(Map.of());
    eventuallyReady(node, 200);
    other = start(Map.of());

    var ready = eventuallyReady(other, 200);
    JsonObject roles = ready.checks().get("messaging").getJsonObject("data").getJsonObject("roles");
    assertThat(roles.stream().map(role -> ((JsonObject) role.getValue()).getString("state")))
        .containsOnly("STANDING_BY");
  }

  @Test
  @DisplayName("with the database unreachable /ready answers 503 naming database, while /health stays 200")
  void databaseUnreachable() throws Exception {
    var direct = db.settings().connectOptions();
    relay = TcpRelay.start(direct.getHost(), direct.getPort());
    node = PlatformNode.start("postgresql://postgres@127.0.0.1:" + relay.port() + "/" + db.name(), Map.of());
    eventuallyReady(node, 200);

    // The relay stops listening, so no new connection gets through; the open ones are ended by the server.
    relay.close();
    relay = null;
    db.sql("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database()"
        + " and pid <> pg_backend_pid()");

    var ready = eventually(node::ready, r -> r.status() == 503 && !r.up("database") && !r.up("messaging"),
        "/ready to report the database and the elections down");
    assertThat(ready.checks().get("database").getString("status")).isEqualTo("DOWN");
    assertThat(ready.checks().get("database").getJsonObject("data").getJsonArray("problems").encode())
        .contains("eventlog");
    assertThat(ready.checks().get("messaging").getJsonObject("data").encode()).contains("CONNECTION_PROBLEM");
    assertThat(ready.checks().get("payment-breaker").getString("status")).isEqualTo("UP");
    assertThat(node.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("with the provider's circuit open the payment JVM is not ready, naming payment-breaker")
  void breakerOpen() throws Exception {
    node = start(Map.of("PAYMENT_BREAKER_FAILURES", "1", "PAYMENT_MAX_RETRIES", "0", "PAYMENT_BREAKER_RESET", "10min",
        "PAYMENT_CALL_TIMEOUT", "500ms"));
    eventuallyReady(node, 200);
    assertThat(node.post("/simulator/outage", "{\"enabled\":true}").statusCode()).isEqualTo(200);
    assertThat(node.post("/products", Bodies.product("TEA-1", 5)).statusCode()).isEqualTo(201);
    assertThat(node.post("/orders", Bodies.order("c-1", "TEA-1", 1)).statusCode()).isEqualTo(201);

    var ready = eventually(node::ready, r -> r.status() == 503, "/ready to answer 503 once the circuit opens");
    assertThat(ready.checks().get("payment-breaker").getString("status")).isEqualTo("DOWN");
    assertThat(ready.checks().get("payment-breaker").getJsonObject("data").getString("state")).isEqualTo("OPEN");
    assertThat(ready.checks().entrySet()).filteredOn(check -> !check.getKey().equals("payment-breaker"))
        .allMatch(check -> "UP".equals(check.getValue().getString("status")), "only the breaker DOWN");
  }

  @Test
  @DisplayName("a transaction held open past READY_MAX_TRANSACTION_AGE makes /ready 503 naming log, until it ends")
  void longTransaction() throws Exception {
    node = start(Map.of("READY_MAX_TRANSACTION_AGE", "1s"));
    eventuallyReady(node, 200);

    try (Connection holder = DriverManager.getConnection(db.settings().jdbcUrl(), db.settings().user(),
        db.settings().password()); Statement statement = holder.createStatement()) {
      holder.setAutoCommit(false);
      try (ResultSet xid = statement.executeQuery("select pg_current_xact_id()")) {
        assertThat(xid.next()).isTrue();
      }
      var ready = eventually(node::ready, r -> r.status() == 503, "/ready to answer 503 while the transaction is open");
      assertThat(ready.checks().get("log").getString("status")).isEqualTo("DOWN");
      JsonObject data = ready.checks().get("log").getJsonObject("data");
      assertThat(data.getDouble("oldestTransactionSeconds")).isGreaterThan(1.0);
      assertThat(data.getString("problem")).contains("transaction");
      assertThat(ready.up("database")).isTrue();
      holder.rollback();
    }
    eventuallyReady(node, 200);
  }

  @Test
  @DisplayName("MANAGEMENT_PORT moves the probes and the admin API off the main port, which keeps the public API")
  void managementPort() throws Exception {
    int management = PlatformProcess.freePort();
    node = start(Map.of("MANAGEMENT_PORT", String.valueOf(management)));

    var ready = eventuallyReady(node, 200);
    assertThat(ready.checks()).containsOnlyKeys(CHECKS);
    assertThat(node.get(management, "/health").statusCode()).isEqualTo(200);
    assertThat(node.get(management, "/admin/subscriptions", "Authorization", "Bearer " + PlatformNode.ADMIN_TOKEN)
        .statusCode()).isEqualTo(200);
    assertThat(node.get(management, "/products").statusCode()).isEqualTo(404);

    for (String path : new String[] {"/ready", "/health", "/admin/subscriptions"}) {
      var onMain = node.get(node.httpPort, path);
      assertThat(onMain.statusCode()).as(path).isEqualTo(404);
      assertThat(onMain.headers().firstValue("content-type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
    }
    assertThat(node.get(node.httpPort, "/products").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("--management-port= on the command line does the same")
  void managementPortFlag() throws Exception {
    int management = PlatformProcess.freePort();
    node = start(Map.of(), "--management-port=" + management);

    assertThat(eventuallyReady(node, 200).checks()).containsKeys(CHECKS);
    assertThat(node.get(node.httpPort, "/ready").statusCode()).isEqualTo(404);
  }
}
