package org.orderplatform.notification.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.orderplatform.notification.application.CustomerPreferences;
import org.orderplatform.notification.domain.Preferences;
import org.orderplatform.notification.persistence.NotificationRepository;
import org.orderplatform.plumbing.http.HttpInput;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /customers/{id}/notification-preferences} (PUT, GET) and {@code /notifications?orderId=}
 * (GET). Parses, calls {@link CustomerPreferences}, maps the outcome.
 */
public final class NotificationRoutes {

  private static final int MAX_CUSTOMER_ID = 200;
  private static final Set<String> FIELDS = Set.of("log", "webhook", "email");

  private final CustomerPreferences preferences;
  private final NotificationRepository repository;

  public NotificationRoutes(CustomerPreferences preferences, NotificationRepository repository) {
    this.preferences = preferences;
    this.repository = repository;
  }

  public Router customers(Vertx vertx) {
    Router router = Router.router(vertx);
    HttpInput.accept(router, 16 * 1024);
    router.put("/:customerId/notification-preferences").handler(this::choose);
    router.get("/:customerId/notification-preferences").handler(this::show);
    router.route().failureHandler(Problems::handleFailure);
    return router;
  }

  public Router notifications(Vertx vertx) {
    Router router = Router.router(vertx);
    HttpInput.accept(router, 1024);
    router.get("/").handler(this::ofOrder);
    router.route().failureHandler(Problems::handleFailure);
    return router;
  }

  private void choose(RoutingContext ctx) {
    String customerId = customerId(ctx);
    JsonObject body = Problems.jsonBody(ctx);
    List<String> violations = new ArrayList<>();
    body.fieldNames().stream().filter(name -> !FIELDS.contains(name)).sorted()
        .forEach(name -> violations.add("unknown field " + name + "; known: log, webhook, email"));
    Object log = body.getValue("log", false);
    if (!(log instanceof Boolean)) {
      violations.add("log must be true or false");
    }
    String url = nested(body, "webhook", "url", violations);
    String address = nested(body, "email", "address", violations);
    if (!violations.isEmpty()) {
      throw invalid(violations);
    }
    Problems.reply(ctx, 200, preferences.choose(customerId, (Boolean) log, url, address).map(checked -> {
      if (checked instanceof Preferences.Checked.Invalid invalid) {
        throw invalid(invalid.violations());
      }
      return json(customerId, ((Preferences.Checked.Valid) checked).preferences(), true);
    }));
  }

  private void show(RoutingContext ctx) {
    String customerId = customerId(ctx);
    Problems.reply(ctx, 200, preferences.of(customerId)
        .map(effective -> json(customerId, effective.preferences(), effective.chosen())));
  }

  private void ofOrder(RoutingContext ctx) {
    String id = ctx.queryParams().get("orderId");
    UUID orderId;
    try {
      orderId = UUID.fromString(id == null ? "" : id);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("orderId must be an order id (a UUID)").exception();
    }
    Problems.reply(ctx, 200, repository.ofOrder(orderId).map(items ->
        new JsonObject().put("orderId", orderId.toString()).put("items", items)));
  }

  private static String customerId(RoutingContext ctx) {
    String id = ctx.pathParam("customerId");
    if (id.isBlank() || id.length() > MAX_CUSTOMER_ID) {
      throw Problem.invalid("a customer id has 1 to " + MAX_CUSTOMER_ID + " characters").exception();
    }
    return id;
  }

  /** {@code {"webhook":{"url":"…"}}}: the text, or null when the channel is absent or null (off). */
  private static String nested(JsonObject body, String channel, String field, List<String> violations) {
    Object value = body.getValue(channel);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject object && object.size() == 1 && object.getValue(field) instanceof String text) {
      return text;
    }
    violations.add(channel + " must be null or {\"" + field + "\": \"…\"}");
    return null;
  }

  private static Problem.ProblemException invalid(List<String> violations) {
    return Problem.invalid(String.join("; ", violations)).with("violations", new JsonArray(violations)).exception();
  }

  private static JsonObject json(String customerId, Preferences preferences, boolean chosen) {
    return new JsonObject().put("customerId", customerId).put("log", preferences.log())
        .put("webhook", preferences.webhook().map(url -> new JsonObject().put("url", url.toString())).orElse(null))
        .put("email", preferences.email().map(address -> new JsonObject().put("address", address)).orElse(null))
        .put("chosen", chosen);
  }
}
