package org.orderplatform.codecs;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderplatform.codecs.testing.Samples;
import org.orderplatform.events.Message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the published contract against the committed snapshot. After a deliberate, compatible
 * change (new types, new fields, a version bump with its upcaster), refresh the snapshot with
 * {@code mvn -o -pl codecs test -Dtest=ContractSnapshotTest -Dcontract.snapshot.update=true}.
 */
@DisplayName("the published contract")
class ContractSnapshotTest {

  static final String RESOURCE = "contract/snapshot.json";
  private static final boolean UPDATE = Boolean.getBoolean("contract.snapshot.update");

  static List<Message> samples() {
    return Samples.all();
  }

  @Test
  @DisplayName("every published type keeps its fields, or moved to a new version that upcasts from the old one")
  void currentContractIsCompatibleWithTheSnapshot() throws IOException {
    List<ContractShapes.TypeShape> current = ContractShapes.current();
    if (UPDATE) {
      Path file = sourceSnapshot();
      Files.writeString(file, EventJson.mapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(ContractShapes.toJson(current)) + "\n");
      assertThat(ContractShapes.fromJson(EventJson.mapper().readTree(file.toFile()))).isEqualTo(current);
      return;
    }

    ContractShapes.Comparison comparison =
        ContractShapes.compare(ContractShapes.fromJson(publishedSnapshot()), current, ContractSnapshotTest::upcastable);

    assertThat(comparison.violations())
        .as("breaking changes to the published contract (bump the version and add an upcaster instead)")
        .isEmpty();
    // A compatible change must still be recorded: otherwise the next change to a new field or
    // version would be compared against a stale snapshot and slip through.
    assertThat(comparison.additions())
        .as("compatible changes not yet in the snapshot: refresh it with -Dcontract.snapshot.update=true and commit it")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  @DisplayName("the shape read from the record matches the JSON the mapper really writes")
  void reflectedShapeMatchesTheWrittenJson(Message sample) {
    ContractShapes.TypeShape reflected =
        ContractShapes.shapeOf(EventTypes.typeOf(sample), sample.getClass());

    // Samples have every field set and non-empty lists, so every path shows up in their JSON.
    assertThat(ContractShapes.shapeOfJson(EventTypes.encodeTree(sample)))
        .containsExactlyInAnyOrderEntriesOf(reflected.fields());
  }

  /** An old version is still readable when its fixture decodes through the upcasters. */
  private static boolean upcastable(EventType old) {
    return Fixtures.read(old)
        .map(json -> EventTypes.decode(old.name(), old.version(), json) instanceof DecodeResult.Decoded)
        .orElse(false);
  }

  private static JsonNode publishedSnapshot() throws IOException {
    try (InputStream in = ContractSnapshotTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE + " on the test classpath (create it with -Dcontract.snapshot.update=true)")
          .isNotNull();
      return EventJson.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The committed file in the module's source tree; surefire sets basedir to the module directory. */
  private static Path sourceSnapshot() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "resources", RESOURCE);
  }
}
