package org.orderplatform.messaging.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A subscriber group taking {@code StockRestocked} whose handler applies its effect as a row in
 * {@code public.test_effects}, written through the handler's transaction (so the inbox makes it
 * effectively-once), and notes every call, successful or not, in memory. What the handler does
 * before applying the effect can be changed while it runs: fail, or wait on a gate.
 */
public final class Recorder {

  /** One invocation of the handler, in the order they happened. */
  public record Call(UUID eventId, String sku, int quantity, long position, long atNanos) {
  }

  /** One applied effect, in the order they were applied. */
  public record Effect(long id, UUID eventId, String sku, int quantity, long position) {
  }

  private static final String CREATE_TABLE = """
      create table if not exists public.test_effects (
        id         bigserial primary key,
        group_name text not null,
        event_id   uuid not null,
        sku        text not null,
        quantity   int not null,
        position   bigint not null
      )
      """;

  private static final String APPLY = """
      insert into public.test_effects (group_name, event_id, sku, quantity, position) values ($1, $2, $3, $4, $5)
      """;

  private static final String EFFECTS = """
      select id, event_id, sku, quantity, position from public.test_effects where group_name = $1 order by id
      """;

  private final String group;
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  private volatile Function<Call, Future<Void>> before = call -> Future.succeededFuture();

  public Recorder(String group) {
    this.group = group;
  }

  /** The table the handlers write to; once per test database. */
  public static void createTable(TestDatabase db) {
    db.sql(CREATE_TABLE);
  }

  public String group() {
    return group;
  }

  public Subscription<InventoryEvent> subscription(GroupSettings settings) {
    return Subscription.<InventoryEvent>of(group, Set.of(InventoryEvent.StockRestocked.class), settings, this::handle)
        .withReset(tx -> tx.preparedQuery("delete from public.test_effects where group_name = $1")
            .execute(Tuple.of(group)).mapEmpty());
  }

  private Future<Void> handle(Envelope<? extends InventoryEvent> envelope, SqlConnection tx) {
    InventoryEvent.StockRestocked restocked = (InventoryEvent.StockRestocked) envelope.payload();
    Call call = new Call(envelope.eventId(), restocked.sku(), restocked.quantity(), envelope.position(),
        System.nanoTime());
    calls.add(call);
    return onThisContext(before.apply(call)).compose(v -> tx.preparedQuery(APPLY)
        .execute(Tuple.of(group, envelope.eventId(), restocked.sku(), restocked.quantity(), envelope.position()))
        .mapEmpty());
  }

  // A gate completed by the test thread would otherwise run the rest of the transaction on that
  // thread; a real handler's futures resume on its own event loop, so this one does too.
  private static Future<Void> onThisContext(Future<Void> outcome) {
    Context context = Vertx.currentContext();
    if (context == null || outcome.isComplete()) {
      return outcome;
    }
    Promise<Void> resumed = Promise.promise();
    outcome.onComplete(ar -> context.runOnContext(v -> resumed.handle(ar)));
    return resumed.future();
  }

  /** What happens before the effect is applied; a failed future fails the handling. */
  public void before(Function<Call, Future<Void>> behaviour) {
    this.before = behaviour;
  }

  /** Fails every call that matches with an {@code IllegalStateException} naming the sku. */
  public void failWhen(Predicate<Call> poison) {
    before(call -> poison.test(call)
        ? Future.failedFuture(new IllegalStateException("cannot restock '" + call.sku() + "'"))
        : Future.succeededFuture());
  }

  public void succeed() {
    before(call -> Future.succeededFuture());
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> callsFor(String sku) {
    return calls.stream().filter(call -> call.sku().equals(sku)).toList();
  }

  public List<Effect> effects(SqlClient client) {
    List<Effect> effects = new ArrayList<>();
    Awaiting.await(client.preparedQuery(EFFECTS).execute(Tuple.of(group)))
        .forEach(row -> effects.add(effect(row)));
    return effects;
  }

  public List<Effect> effectsFor(SqlClient client, String sku) {
    return effects(client).stream().filter(effect -> effect.sku().equals(sku)).toList();
  }

  private static Effect effect(Row row) {
    return new Effect(row.getLong("id"), row.getUUID("event_id"), row.getString("sku"), row.getInteger("quantity"),
        row.getLong("position"));
  }
}
