package org.orderplatform.bench.orderflow;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.util.concurrent.TimeoutException;

/** Names an unwanted HTTP outcome by kind, so the report can count them: status and problem type, or the failure. */
final class Answers {

  private static final int MAX_DETAIL = 80;

  private Answers() {
  }

  static String kind(HttpResponse<Buffer> response) {
    String type = null;
    try {
      JsonObject body = response.bodyAsJsonObject();
      type = body == null ? null : body.getString("type");
    } catch (RuntimeException notJson) {
      // a body that is not problem+json: the status line names it
    }
    return "HTTP " + response.statusCode() + " " + (type != null ? type : response.statusMessage());
  }

  static String kind(Throwable failure) {
    if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
      return "timeout: " + failure.getClass().getSimpleName();
    }
    String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
    String kind = "connection error: " + failure.getClass().getSimpleName() + message;
    return kind.length() > MAX_DETAIL ? kind.substring(0, MAX_DETAIL) + "..." : kind;
  }

  /** For an exception's message, when setting up fails. */
  static String describe(HttpResponse<Buffer> response) {
    String body = response.bodyAsString();
    return kind(response) + (body == null ? "" : ": " + body);
  }
}
