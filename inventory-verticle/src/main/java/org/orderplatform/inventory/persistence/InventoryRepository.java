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

  public Future<Void> reserve(SqlConnection tx, UUID orderId, List<StockLine> lines) {
    String[] skus = lines.stream().map(StockLine::sku).toArray(String[]::new);
    Integer[] quantities = lines.stream().map(StockLine::quantity).toArray(Integer[]::new);
    return tx.preparedQuery(InventorySql.RESERVE).execute(Tuple.of(skus, (Object) quantities))
        .compose(v -> tx.preparedQuery(InventorySql.RECORD_RESERVATION).execute(Tuple.of(orderId, skus, quantities)))
        .mapEmpty();
  }

  /** Whether this order's stock was already decided on (reserved or rejected). */
  public Future<Boolean> decided(SqlConnection tx, UUID orderId) {
    return tx.preparedQuery(InventorySql.DECIDED).execute(Tuple.of(orderId)).map(rows -> rows.size() > 0);
  }

  public Future<Void> recordDecision(SqlConnection tx, UUID orderId, boolean reserved) {
    return tx.preparedQuery(InventorySql.RECORD_DECISION)
        .execute(Tuple.of(orderId, reserved ? "reserved" : "rejected")).mapEmpty();
  }
}
