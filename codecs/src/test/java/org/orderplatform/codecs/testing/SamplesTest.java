package org.orderplatform.codecs.testing;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EventTypes;
import org.orderplatform.events.Message;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the samples")
class SamplesTest {

  static List<Message> samples() {
    return Samples.all();
  }

  @Test
  @DisplayName("there is exactly one sample per registered record class, in registry order")
  void oneSamplePerRegisteredClass() {
    List<Class<?>> classes = Samples.all().stream().map(Object::getClass).collect(Collectors.toList());

    assertThat(classes).containsExactlyElementsOf(EventTypes.current().keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  @DisplayName("every field of every sample is set, optional ones included, and lists are not empty")
  void everyFieldIsPopulated(Message sample) {
    assertThat(emptyPaths("", sample)).isEmpty();
  }

  @Test
  @DisplayName("envelopes of samples carry every header and a distinct, stable event id")
  void envelopesAreFullyPopulated() {
    List<Envelope<Message>> envelopes = Samples.all().stream().map(Samples::envelopeOf).collect(Collectors.toList());

    assertThat(envelopes).allSatisfy(e -> {
      assertThat(e.causationId()).isEqualTo(Samples.CAUSATION_ID);
      assertThat(e.traceparent()).isEqualTo(Samples.TRACEPARENT);
      assertThat(e.aggregateId()).isEqualTo(e.payload().aggregateId());
      assertThat(e.type()).isEqualTo(EventTypes.typeOf(e.payload()).name());
    });
    assertThat(envelopes).extracting(Envelope::eventId).doesNotHaveDuplicates();
    assertThat(Samples.envelopeOf(Samples.ORDER_PLACED)).isEqualTo(Samples.envelopeOf(Samples.ORDER_PLACED));
  }

  /** Paths of record components that are null or empty collections, recursing into records and lists. */
  private static List<String> emptyPaths(String path, Object value) {
    List<String> empty = new ArrayList<>();
    if (value == null) {
      empty.add(path);
    } else if (value instanceof Collection<?> collection) {
      if (collection.isEmpty()) {
        empty.add(path);
      }
      collection.forEach(element -> empty.addAll(emptyPaths(path + "[]", element)));
    } else if (value.getClass().isRecord()) {
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        try {
          empty.addAll(emptyPaths(path + "." + component.getName(), component.getAccessor().invoke(value)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return empty;
  }
}
