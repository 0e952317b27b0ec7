package org.orderplatform.order.http;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.orderplatform.order.domain.OrderStatus;
import org.orderplatform.order.persistence.OrderList;
import org.orderplatform.plumbing.http.Problem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * {@code GET /orders?customerId=&status=&limit=&after=}: the query read and checked, and the page
 * written back with an opaque {@code next} cursor (the last order's time and id, base64url).
 */
record ListRequest(String customerId, String status, OrderList.After after, int limit) {

  static final int MAX_LIMIT = 200;
  static final int DEFAULT_LIMIT = 50;

  static ListRequest parse(MultiMap query) {
    String customerId = query.get("customerId");
    if (customerId != null && (customerId.isBlank() || customerId.length() > 200)) {
      throw invalid("customerId must be 1-200 characters");
    }
    String status = query.get("status");
    if (status != null && Arrays.stream(OrderStatus.values()).noneMatch(s -> s.name().equals(status))) {
      throw invalid("status must be one of " + Arrays.toString(OrderStatus.values()));
    }
    int limit = DEFAULT_LIMIT;
    String limitText = query.get("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
      }
    }
    String after = query.get("after");
    return new ListRequest(customerId, status, after == null ? null : cursor(after), limit);
  }

  static JsonObject toJson(OrderList.Page page) {
    JsonArray orders = new JsonArray();
    page.orders().forEach(o -> orders.add(new JsonObject()
        .put("orderId", o.orderId().toString())
        .put("customerId", o.customerId())
        .put("status", o.status())
        .put("total", new JsonObject().put("minor", o.total().minor()).put("currency", o.total().currency()))
        .put("reason", o.reason())
        .put("placedAt", o.placedAt().toString())
        .put("updatedAt", o.updatedAt().toString())));
    return new JsonObject().put("orders", orders).put("next", page.next() == null ? null : cursor(page.next()));
  }

  private static String cursor(OrderList.After after) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((after.placedAt() + "|" + after.orderId()).getBytes(StandardCharsets.UTF_8));
  }

  private static OrderList.After cursor(String text) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
      if (parts.length == 2) {
        return new OrderList.After(Instant.parse(parts[0]), UUID.fromString(parts[1]));
      }
    } catch (RuntimeException e) {
      // falls through to the problem below
    }
    throw invalid("after must be the next cursor of a previous page");
  }

  private static Problem.ProblemException invalid(String detail) {
    return Problem.of(400, "invalid-parameter", "Invalid parameter", detail).exception();
  }
}
