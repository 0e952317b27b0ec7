package org.orderplatform.launcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Two cluster members on loopback, each on a free Hazelcast port, each listing both. */
record ClusterMembers(int first, int second) {

  static ClusterMembers pick() throws IOException {
    return new ClusterMembers(PlatformProcess.freePort(), PlatformProcess.freePort());
  }

  /** The flags that make a platform the member on {@code hazelcastPort}, followed by {@code more}. */
  String[] flags(int hazelcastPort, String... more) {
    List<String> flags = new ArrayList<>(List.of("-cluster", "--hazelcast-port=" + hazelcastPort,
        "--cluster-members=127.0.0.1:" + first + ",127.0.0.1:" + second));
    flags.addAll(List.of(more));
    return flags.toArray(String[]::new);
  }
}
