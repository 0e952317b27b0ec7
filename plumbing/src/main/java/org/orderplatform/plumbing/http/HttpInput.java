package org.orderplatform.plumbing.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * How every router takes its input: a URL whose decoded text can be stored (no NUL, UTF-8 only; a
 * 400), bodies in JSON only (anything else is a 415 before a byte is read), at most {@code limit}
 * bytes (a 413), then read strictly by {@link Problems#jsonBody}.
 */
public final class HttpInput {

  private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

  private HttpInput() {
  }

  /** Puts the URL and content-type checks and the bounded body handler in front of every route of {@code router}. */
  public static void accept(Router router, long limit) {
    router.route().handler(HttpInput::requireStorableUrl);
    // A route of its own: Vert.x runs a route's body handler before its other handlers, and this check comes first.
    router.route().handler(HttpInput::requireJson);
    router.route().handler(BodyHandler.create(false).setBodyLimit(limit));
  }

  // Path and query parameters reach SQL as text: PostgreSQL refuses NUL, and Vert.x would decode
  // bytes that are not UTF-8 to U+FFFD.
  private static void requireStorableUrl(RoutingContext ctx) {
    String uri = ctx.request().uri();
    ByteBuffer bytes = ByteBuffer.allocate(uri.length() * 4);
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '%' && i + 2 < uri.length() && HexFormat.isHexDigit(uri.charAt(i + 1))
          && HexFormat.isHexDigit(uri.charAt(i + 2))) {
        bytes.put((byte) HexFormat.fromHexDigits(uri, i + 1, i + 3));
        i += 2;
      } else {
        bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      String decoded = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes.flip()).toString();
      if (decoded.indexOf('\u0000') >= 0) {
        ctx.fail(Problem.invalidText("the URL holds NUL (%00)").exception());
        return;
      }
    } catch (CharacterCodingException e) {
      ctx.fail(Problem.invalidText("the URL's percent-encoded bytes are not UTF-8").exception());
      return;
    }
    ctx.next();
  }

  private static void requireJson(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (WITH_BODY.contains(request.method()) && carriesBody(request) && !isJson(request)) {
      ctx.fail(unsupported(request).exception());
    } else {
      ctx.next();
    }
  }

  /** The request's body is declared as UTF-8 JSON: {@code application/json} or {@code application/*+json}. */
  static boolean isJson(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (header == null) {
      return false;
    }
    String[] parts = header.toLowerCase(Locale.ROOT).split(";");
    String type = parts[0].trim();
    boolean json = type.equals("application/json")
        || type.startsWith("application/") && type.endsWith("+json") && type.length() > "application/+json".length();
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      // The body is read as UTF-8 and nothing else; a label saying otherwise is not taken at its word.
      if (parameter.startsWith("charset=") && !parameter.substring("charset=".length()).replace("\"", "").equals("utf-8")) {
        return false;
      }
    }
    return json;
  }

  static Problem unsupported(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.CONTENT_TYPE);
    return Problem.unsupportedMediaType("the body must be application/json (UTF-8), got "
        + (header == null ? "no content-type" : "'" + header + "'"));
  }

  // HTTP/1.1: a body comes with a non-zero Content-Length or with Transfer-Encoding.
  private static boolean carriesBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return length != null ? !length.trim().equals("0") : request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
  }
}
