package org.orderplatform.messaging.admin;

import io.vertx.ext.web.RoutingContext;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** Lets a request through only with {@code Authorization: Bearer <token>}; anything else is a 401 problem. */
final class BearerToken {

  private static final String SCHEME = "Bearer ";

  private final byte[] expected;

  BearerToken(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("the admin token must not be blank");
    }
    this.expected = token.getBytes(StandardCharsets.UTF_8);
  }

  void check(RoutingContext ctx) {
    String header = ctx.request().getHeader("authorization");
    if (header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        && matches(header.substring(SCHEME.length()).trim())) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("www-authenticate", "Bearer realm=\"admin\"");
    Problems.respond(ctx, Problem.of(401, "unauthorized", "Authentication required",
        "the admin API needs 'Authorization: Bearer <token>' with the token the platform printed at start or ADMIN_TOKEN"));
  }

  // MessageDigest.isEqual takes the same time however much of a guess matches, so timing reveals nothing.
  private boolean matches(String presented) {
    return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
  }
}
