package org.orderplatform.inventory.persistence;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.events.StockLine;
import org.orderplatform.inventory.domain.NewProduct;
import org.orderplatform.inventory.domain.StockLevel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Products, stock and reservations in the {@code inventory} schema. */
public final class InventoryRepository {

  private final Pool pool;

  public InventoryRepository(Pool pool) {
    this.pool = pool;
  }

  /** False when a product with that SKU already exists (nothing is written then). */
  public Future<Boolean> insert(SqlConnection tx, NewProduct product) {
    return tx.preparedQuery(InventorySql.INSERT_PRODUCT)
        .execute(Tuple.of(product.sku(), product.name(), product.price().minor(), product.price().currency(), product.stock()))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<List<ProductView>> list(int limit) {
    return pool.preparedQuery(InventorySql.LIST_PRODUCTS).execute(Tuple.of(limit)).map(rows -> {
      List<ProductView> products = new ArrayList<>();
      rows.forEach(row -> products.add(ProductView.from(row)));
      return products;
    });
  }

  public Future<Optional<ProductView>> find(String sku) {
    return pool.preparedQuery(InventorySql.FIND_PRODUCT).execute(Tuple.of(sku))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ProductView.from(rows.iterator().next())));
  }

  public Future<Optional<ProductView>> restock(SqlConnection tx, String sku, int quantity) {
    return tx.preparedQuery(InventorySql.RESTOCK).execute(Tuple.of(sku, quantity))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ProductView.from(rows.iterator().next())));
  }

  /** Locks the rows of these SKUs until the transaction ends; unknown SKUs are simply absent. */
  public Future<Map<String, StockLevel>> lockStock(SqlConnection tx, List<StockLine> lines) {
    String[] skus = lines.stream().map(StockLine::sku).toArray(String[]::new);
    return tx.preparedQuery(InventorySql.LOCK_STOCK).execute(Tuple.of((Object) skus)).map(rows -> {
      Map<String, StockLevel> levels = new HashMap<>();
      rows.forEach(row -> levels.put(row.getString("sku"),
          new StockLevel(row.getString("sku"), row.getInteger("on_hand"), row.getInteger("reserved"))));
      return levels;
    });
  }

  /** The lines each of these orders holds now. */
  public Future<Map<UUID, List<StockLine>>> held(SqlConnection tx, List<UUID> orderIds) {
    return linesByOrder(tx, InventorySql.HELD, orderIds);
  }

  /** Marks every line these orders hold released, answering which lines that was. */
  public Future<Map<UUID, List<StockLine>>> markReleased(SqlConnection tx, List<UUID> orderIds) {
    return linesByOrder(tx, InventorySql.MARK_RELEASED, orderIds);
  }

  /** Marks every line these orders hold shipped, answering which lines that was. */
  public Future<Map<UUID, List<StockLine>>> markShipped(SqlConnection tx, List<UUID> orderIds) {
    return linesByOrder(tx, InventorySql.MARK_SHIPPED, orderIds);
  }

  /** Takes shipped stock off the shelf: on hand and reserved both drop; one line per SKU. */
  public Future<Void> ship(SqlConnection tx, List<StockLine> totals) {
    return tx.preparedQuery(InventorySql.SHIP).execute(Tuple.of(
        totals.stream().map(StockLine::sku).toArray(String[]::new),
        (Object) totals.stream().map(StockLine::quantity).toArray(Integer[]::new))).mapEmpty();
  }

  /** Gives reserved stock back; one line per SKU. */
  public Future<Void> unreserve(SqlConnection tx, List<StockLine> totals) {
    return tx.preparedQuery(InventorySql.UNRESERVE).execute(Tuple.of(
        totals.stream().map(StockLine::sku).toArray(String[]::new),
        (Object) totals.stream().map(StockLine::quantity).toArray(Integer[]::new))).mapEmpty();
  }

  private static Future<Map<UUID, List<StockLine>>> linesByOrder(SqlConnection tx, String sql, List<UUID> orderIds) {
    return tx.preparedQuery(sql).execute(Tuple.of((Object) orderIds.toArray(UUID[]::new))).map(rows -> {
      Map<UUID, List<StockLine>> lines = new HashMap<>();
      rows.forEach(row -> lines.computeIfAbsent(row.getUUID("order_id"), id -> new ArrayList<>())
          .add(new StockLine(row.getString("sku"), row.getInteger("quantity"))));
      return lines;
    });
  }

  /** Adds to the reserved stock; one line per SKU. */
  public Future<Void> reserve(SqlConnection tx, List<StockLine> totals) {
    String[] skus = totals.stream().map(StockLine::sku).toArray(String[]::new);
    Integer[] quantities = totals.stream().map(StockLine::quantity).toArray(Integer[]::new);
    return tx.preparedQuery(InventorySql.RESERVE).execute(Tuple.of(skus, (Object) quantities)).mapEmpty();
  }

  /** Stores each order's reserved lines. */
  public Future<Void> recordReservations(SqlConnection tx, Map<UUID, List<StockLine>> byOrder) {
    List<UUID> orders = new ArrayList<>();
    List<String> skus = new ArrayList<>();
    List<Integer> quantities = new ArrayList<>();
    byOrder.forEach((orderId, lines) -> lines.forEach(line -> {
      orders.add(orderId);
      skus.add(line.sku());
      quantities.add(line.quantity());
    }));
    if (orders.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(InventorySql.RECORD_RESERVATIONS).execute(Tuple.of(orders.toArray(UUID[]::new),
        skus.toArray(String[]::new), quantities.toArray(Integer[]::new))).mapEmpty();
  }

  /** Which of these orders' stock was already decided on (reserved or rejected). */
  public Future<Set<UUID>> decided(SqlConnection tx, List<UUID> orderIds) {
    return tx.preparedQuery(InventorySql.DECIDED).execute(Tuple.of((Object) orderIds.toArray(UUID[]::new)))
        .map(rows -> {
          Set<UUID> decided = new HashSet<>();
          rows.forEach(row -> decided.add(row.getUUID("order_id")));
          return decided;
        });
  }

  public Future<Void> recordDecisions(SqlConnection tx, Map<UUID, Boolean> reservedByOrder) {
    UUID[] orders = reservedByOrder.keySet().toArray(UUID[]::new);
    String[] outcomes = reservedByOrder.values().stream().map(reserved -> reserved ? "reserved" : "rejected")
        .toArray(String[]::new);
    return tx.preparedQuery(InventorySql.RECORD_DECISIONS).execute(Tuple.of(orders, (Object) outcomes)).mapEmpty();
  }
}
