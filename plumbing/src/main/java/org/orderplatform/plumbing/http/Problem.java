package org.orderplatform.plumbing.http;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem detail. {@code type} is stable and documented, so clients branch on it, not
 * on the human-readable title or detail.
 */
public record Problem(int status, String type, String title, String detail, JsonObject extensions) {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "/problems/";

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(status, TYPE_BASE + slug, title, detail, new JsonObject());
  }

  public static Problem malformedJson(String detail) {
    return of(400, "malformed-json", "The request body is not valid JSON", detail);
  }

  /** Text this system does not store, in a body or a URL: bytes that are not UTF-8, a lone surrogate, NUL. */
  public static Problem invalidText(String detail) {
    return of(400, "invalid-text", "The request holds text that is not accepted", detail);
  }

  public static Problem unsupportedMediaType(String detail) {
    return of(415, "unsupported-media-type", "The request body must be JSON", detail);
  }

  public static Problem invalid(String detail) {
    return of(422, "validation", "The request is not valid", detail);
  }

  public static Problem notFound(String what) {
    return of(404, "not-found", "No such resource", what);
  }

  public static Problem conflict(String detail) {
    return of(409, "conflict", "The request conflicts with the current state", detail);
  }

  public Problem with(String key, Object value) {
    return new Problem(status, type, title, detail, extensions.copy().put(key, value));
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", type).put("title", title).put("status", status)
        .put("detail", detail).mergeIn(extensions);
  }

  /** Thrown (or failed with) anywhere in a route: the problem handler turns it into the reply. */
  public ProblemException exception() {
    return new ProblemException(this);
  }

  public static final class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(Problem problem) {
      super(problem.detail(), null, false, false);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }
}
