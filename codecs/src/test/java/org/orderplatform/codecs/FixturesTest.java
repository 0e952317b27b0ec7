package org.orderplatform.codecs;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderplatform.codecs.testing.Samples;
import org.orderplatform.events.Message;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("payload fixtures")
class FixturesTest {

  static List<EventType> historicTypes() {
    return EventTypes.historicTypes();
  }

  static List<Message> samples() {
    return Samples.all();
  }

  @Test
  @DisplayName("every version of every type ever published has a fixture, and no fixture exists for anything else")
  void fixturesMatchTheHistoricTypesExactly() {
    List<String> expected = EventTypes.historicTypes().stream()
        .map(Fixtures::path)
        .sorted()
        .collect(Collectors.toList());

    assertThat(Fixtures.allPaths()).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("historicTypes")
  @DisplayName("each fixture decodes to the current record of its type")
  void eachFixtureDecodesToTheCurrentRecord(EventType type) {
    DecodeResult result = EventTypes.decode(type.name(), type.version(), Fixtures.require(type));

    assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
    Message message = ((DecodeResult.Decoded) result).message();
    assertThat(EventTypes.typeOf(message).name()).isEqualTo(type.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  @DisplayName("the fixture of each current version decodes to exactly the sample")
  void currentFixtureEqualsTheSample(Message sample) {
    EventType current = EventTypes.typeOf(sample);

    DecodeResult result = EventTypes.decode(current.name(), current.version(), Fixtures.require(current));

    assertThat(result).isEqualTo(new DecodeResult.Decoded(sample));
  }

  @Test
  @DisplayName("the historic order.placed v1 fixture upcasts, through v2, to the expected current order")
  void orderPlacedV1UpcastsToTheExpectedCurrentRecord() {
    DecodeResult result = EventTypes.decode("order.placed", 1, Fixtures.require(new EventType("order.placed", 1)));

    // The v1 fixture describes the same order as the sample: 2 x 12.50 + 8.99 EUR, address with a line2.
    assertThat(result).isEqualTo(new DecodeResult.Decoded(Samples.ORDER_PLACED));
  }
}
