package org.orderplatform.notification;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.orderplatform.messaging.testing.Awaiting.await;

/**
 * A customer's webhook endpoint on a local port: {@code /ok/...} takes every POST, {@code /fail/...}
 * always answers 500, {@code /gone/...} always 410. It keeps every request it got, as received.
 */
final class Receiver implements AutoCloseable {

  record Request(String path, MultiMap headers, Buffer body) {
    JsonObject json() {
      return body.toJsonObject();
    }
  }

  private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
  private final HttpServer server;

  Receiver(Vertx vertx) {
    this.server = await(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      requests.add(new Request(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body));
      int status = request.path().startsWith("/fail") ? 500 : request.path().startsWith("/gone") ? 410 : 204;
      request.response().setStatusCode(status).end();
    })).listen(0, "127.0.0.1"));
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  List<Request> at(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    await(server.close());
  }
}
