package org.orderplatform.messaging.testing;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.HostileBodies.Body;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("property runs replay from their seed")
class TriesTest {

  @Test
  @DisplayName("a failing try names the seed that replays it, the try and the value it was given")
  void failureNamesTheSeed() {
    assertThatThrownBy(() -> Tries.forAll(50, Gen.between(0, 9), n -> assertThat(n).isLessThan(9)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("with seed " + Tries.SEED)
        .hasMessageContaining("-D" + Tries.SEED_PROPERTY + "=" + Tries.SEED)
        .hasMessageMatching("(?s)try \\d+ of 50 .*given 9: .*");
  }

  @Test
  @DisplayName("the hostile bodies a seed draws are the same on every run, so a failure comes back when replayed")
  void sameSeedSameBodies() {
    Gen<Body> bodies = Gen.oneOf(HostileBodies.malformed(TriesTest::valid, List.of("a", "b")),
        HostileBodies.objectsWithout("a", List.of("a", "b")),
        HostileBodies.withUnstorableText(TriesTest::valid).map(Body::json),
        HostileBodies.replacing(TriesTest::valid, HostileBodies.values(List.of("a", "b")), "b").map(Body::json));

    List<String> first = drawn(bodies);

    assertThat(drawn(bodies)).isEqualTo(first);
    assertThat(new HashSet<>(first)).as("different bodies among 200").hasSizeGreaterThan(100);
  }

  private static List<String> drawn(Gen<Body> bodies) {
    List<String> seen = new ArrayList<>();
    Tries.forAll(200, bodies, body -> seen.add(body.contentType() + " " + body.bytes().toString()));
    return seen;
  }

  private static Map<String, Object> valid() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("a", "text");
    tree.put("b", new HostileBodies.Raw("1"));
    return tree;
  }
}
