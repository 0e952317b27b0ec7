package org.orderplatform.launcher;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.messaging.testing.Awaiting;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two clustered JVMs running every service on one database. The one leading the inventory
 * dispatcher is killed ({@code kill -9}) while orders stream in through the other; the survivor
 * must take the lead and every order must end reserved and confirmed, or rejected, exactly once.
 */
class FailoverIT {

  private static final int ORDERS = 150;
  private static final int KILL_AFTER = 50;
  private static final int STOCK = 100;
  private static final Duration PACE = Duration.ofMillis(30);
  private static final Duration TAKEOVER = Duration.ofSeconds(10);
  private static final String SKU = "FAIL-1";

  // The advisory lock key is hashtextextended(name, 0); pg_locks shows it split into two oids.
  private static final String LOCK_HOLDER = """
      select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
       where l.locktype = 'advisory' and l.granted
         and l.database = (select oid from pg_database where datname = current_database())
         and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended('order-platform:dispatcher:inventory', 0)
      """;

  private TestDatabase db;
  private Sql sql;
  private final Map<String, PlatformProcess> nodes = new LinkedHashMap<>();

  @BeforeEach
  void startTwoNodes() throws Exception {
    db = TestDatabase.create();
    sql = new Sql(db);
    ClusterMembers members = ClusterMembers.pick();
    // application_name tells the processes apart in pg_stat_activity, hence in pg_locks.
    nodes.put("node-a", PlatformProcess.start("node-a", db.settings().url() + "?application_name=node-a",
        PlatformProcess.freePort(), members.flags(members.first())));
    nodes.put("node-b", PlatformProcess.start("node-b", db.settings().url() + "?application_name=node-b",
        PlatformProcess.freePort(), members.flags(members.second())));
    for (PlatformProcess node : nodes.values()) {
      node.awaitReady(Duration.ofSeconds(60));
    }
  }

  @AfterEach
  void stopNodes() throws Exception {
    if (System.getenv("KEEP_FAILOVER_LOGS") != null) {
      nodes.forEach((name, node) -> System.out.println("==== " + name + "\n" + node.logText()));
    }
    for (PlatformProcess node : nodes.values()) {
      node.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  @DisplayName("killing the JVM that leads the inventory dispatcher mid-stream loses and doubles no reservation")
  void leaderDiesMidStream() throws Exception {
    String leader = (String) Awaiting.eventually(() -> sql.value(LOCK_HOLDER), nodes::containsKey, Duration.ofSeconds(20),
        "one node to hold the inventory dispatcher lock");
    String survivorName = nodes.keySet().stream().filter(name -> !name.equals(leader)).findFirst().orElseThrow();
    PlatformProcess victim = nodes.get(leader);
    PlatformProcess survivor = nodes.get(survivorName);

    HttpResponse<String> added = survivor.post("/products", Bodies.product(SKU, STOCK));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    Awaiting.eventually(() -> sql.count("select count(*) from orders.catalog where sku = ?", SKU), n -> n == 1,
        Duration.ofSeconds(20), "the catalogue to learn " + SKU);

    List<String> orderIds = new ArrayList<>();
    long killedAt = 0;
    long start = System.nanoTime();
    for (int i = 0; i < ORDERS; i++) {
      if (i == KILL_AFTER) {
        victim.process.destroyForcibly();
        killedAt = System.nanoTime();
      }
      HttpResponse<String> placed = survivor.post("/orders", Bodies.order("c-" + i, SKU, 1));
      assertThat(placed.statusCode()).as("order %d: %s", i, placed.body()).isEqualTo(201);
      orderIds.add(new JsonObject(placed.body()).getString("orderId"));
      // A steady rate, so the kill lands with deliveries in flight rather than after a burst.
      LockSupport.parkNanos(start + (i + 1) * PACE.toNanos() - System.nanoTime());
    }
    assertThat(victim.process.isAlive()).isFalse();

    Duration left = TAKEOVER.minus(Duration.ofNanos(System.nanoTime() - killedAt));
    String newLeader = (String) Awaiting.eventually(() -> sql.value(LOCK_HOLDER), survivorName::equals, left,
        "the survivor to take the inventory dispatcher lock within " + TAKEOVER + " of the kill");
    Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
    assertThat(takeover).isLessThan(TAKEOVER);
    assertThat(newLeader).isEqualTo(survivorName);
    assertThat(survivor.logText()).contains("leading order-platform:dispatcher:inventory");
    System.out.printf("FailoverIT: %s killed after %d orders; %s led the inventory dispatcher %d ms later at the latest%n",
        leader, KILL_AFTER, survivorName, takeover.toMillis());

    // A payment batch that died with the victim is sent again after the payment group's send
    // timeout (21 s by default), still inside the saga's 30 s payment deadline. The value waited
    // on names every status and reason, so a timeout says where the rest stopped.
    Awaiting.eventually(() -> sql.rows("select status, reason, count(*) from orders.orders group by status, reason order by status")
            .toString(), statuses -> sql.count("select count(*) from orders.orders where status in "
            + "('DELIVERY_SCHEDULED', 'REJECTED')") == ORDERS, Duration.ofSeconds(45),
        "every order to be confirmed (its shipment scheduled) or rejected");

    assertThat(sql.count("select count(*) from orders.orders")).isEqualTo(ORDERS);
    Set<String> reserved = new HashSet<>(strings("select order_id::text from orders.orders where status = 'DELIVERY_SCHEDULED'"));
    Set<String> rejected = new HashSet<>(strings("select order_id::text from orders.orders where status = 'REJECTED'"));
    assertThat(reserved).hasSize(STOCK);
    assertThat(rejected).hasSize(ORDERS - STOCK);
    assertThat(new HashSet<>(orderIds)).hasSize(ORDERS).containsAll(reserved).containsAll(rejected);

    // Inventory: at most one reservation row per order, exactly for the reserved ones, and
    // conserved stock.
    assertThat(sql.rows("select order_id from inventory.reservations group by order_id having count(*) > 1")).isEmpty();
    assertThat(new HashSet<>(strings("select order_id::text from inventory.reservations where status = 'reserved'")))
        .isEqualTo(reserved);
    Map<String, Object> product = sql.rows("select on_hand, reserved from inventory.products where sku = ?", SKU).get(0);
    assertThat(((Number) product.get("reserved")).longValue())
        .isEqualTo(STOCK)
        .isEqualTo(sql.count("select coalesce(sum(quantity), 0) from inventory.reservations"
            + " where sku = ? and status = 'reserved'", SKU))
        .isLessThanOrEqualTo(((Number) product.get("on_hand")).longValue());

    // The log: exactly one inventory answer per order, of the kind its final status says.
    assertThat(sql.rows("""
        select o.order_id from orders.orders o
          left join eventlog.events e on e.aggregate_id = o.order_id::text
           and e.type in ('inventory.stock-reserved', 'inventory.stock-rejected')
         group by o.order_id having count(e.id) <> 1
        """)).isEmpty();
    assertThat(new HashSet<>(strings("select aggregate_id from eventlog.events where type = 'inventory.stock-reserved'")))
        .isEqualTo(reserved);
    assertThat(new HashSet<>(strings("select aggregate_id from eventlog.events where type = 'inventory.stock-rejected'")))
        .isEqualTo(rejected);
    assertThat(sql.count("select count(*) from eventlog.events where type = 'order.rejected'")).isEqualTo(ORDERS - STOCK);
    // Nothing dead-letters, except a notification the victim had claimed and may have sent when it
    // died: at most once per (event, channel) means it is not sent again but left to an operator.
    assertThat(sql.rows("select group_name, type, error_message from eventlog.dead_letters"
        + " where not (group_name like 'notification-%' and error_message like '%being sent by another delivery%')"))
        .isEmpty();
    // Payment: exactly one charge per confirmed order in the provider's ledger, none for the others.
    assertThat(new HashSet<>(strings("select idempotency_key from payment_provider.charges where outcome = 'charged'")))
        .isEqualTo(reserved);
  }

  private List<String> strings(String query) {
    return sql.rows(query).stream().map(row -> (String) row.values().iterator().next()).toList();
  }
}
