package org.orderplatform.codecs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The committed payload fixtures, {@code fixtures/<type-name>/v<N>.json} on the test classpath. */
final class Fixtures {

  private Fixtures() {
  }

  static String path(EventType type) {
    return "fixtures/" + type.name() + "/v" + type.version() + ".json";
  }

  /** The fixture's JSON, if there is one for this type and version. */
  static Optional<String> read(EventType type) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path(type))) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String require(EventType type) {
    return read(type).orElseThrow(() -> new AssertionError("no fixture " + path(type)));
  }

  /** Every fixture file present, as paths relative to the classpath root ({@code fixtures/x.y/v1.json}). */
  static List<String> allPaths() {
    URL root = Fixtures.class.getClassLoader().getResource("fixtures");
    if (root == null) {
      return List.of();
    }
    try {
      Path dir = Path.of(root.toURI());
      try (Stream<Path> files = Files.walk(dir)) {
        return files.filter(Files::isRegularFile)
            .map(file -> "fixtures/" + dir.relativize(file).toString().replace('\\', '/'))
            .sorted()
            .collect(Collectors.toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
