package org.orderplatform.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Codecs;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EnvelopeBatch;
import org.orderplatform.codecs.UndecodableEnvelope;
import org.orderplatform.codecs.testing.Samples;
import org.orderplatform.events.Message;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two clustered nodes in one JVM, built with the production {@link Clustering} settings: node A
 * sends, only node B consumes, so every envelope is written by the codec on A, read back on B, and
 * the reply crosses the wire once more.
 */
@DisplayName("envelopes between two clustered nodes")
class ClusteredCodecTest {

  private static final String ADDRESS = "test.clustered-codec";
  private static final long STARTUP_SECONDS = 60;
  private static final long AWAIT_SECONDS = 20;
  private static final DeliveryOptions SHORT_TIMEOUT = new DeliveryOptions().setSendTimeout(5_000);
  // The consumer's registration reaches node A's view of the cluster asynchronously; until then a
  // request fails fast with NO_HANDLERS (nothing was delivered), so it is safe to ask again.
  private static final int NO_HANDLER_RETRIES = 50;
  private static final long NO_HANDLER_RETRY_MS = 100;

  private static final ConcurrentLinkedQueue<Object> receivedOnB = new ConcurrentLinkedQueue<>();
  private static HazelcastClusterManager managerA;
  private static HazelcastClusterManager managerB;
  private static Vertx nodeA;
  private static Vertx nodeB;

  @BeforeAll
  static void formCluster() throws Exception {
    int[] ports = freePorts(4);
    List<String> members = List.of(Clustering.Settings.LOOPBACK + ":" + ports[0],
        Clustering.Settings.LOOPBACK + ":" + ports[1]);
    Clustering.Settings a = new Clustering.Settings(Clustering.Settings.LOOPBACK, ports[0], members, ports[2]);
    Clustering.Settings b = new Clustering.Settings(Clustering.Settings.LOOPBACK, ports[1], members, ports[3]);

    // Same settings as Clustering.builder, but the test keeps the managers to check membership.
    managerA = Clustering.clusterManager(a);
    managerB = Clustering.clusterManager(b);
    nodeA = Clustering.builder(a).withClusterManager(managerA).buildClustered().await(STARTUP_SECONDS, TimeUnit.SECONDS);
    nodeB = Clustering.builder(b).withClusterManager(managerB).buildClustered().await(STARTUP_SECONDS, TimeUnit.SECONDS);
    Codecs.registerAll(nodeA);
    Codecs.registerAll(nodeB);

    nodeB.eventBus().<Object>consumer(ADDRESS, msg -> {
      Object body = msg.body();
      receivedOnB.add(body);
      if (body instanceof UndecodableEnvelope undecodable) {
        msg.fail(1, "undecodable on node B: " + undecodable.reason());
      } else {
        // Echo the decoded record, so the reply is encoded on B and decoded on A as well.
        msg.reply(body);
      }
    }).completion().await(AWAIT_SECONDS, TimeUnit.SECONDS);
  }

  @AfterAll
  static void closeNodes() throws Exception {
    if (nodeA != null) {
      nodeA.close().await(AWAIT_SECONDS, TimeUnit.SECONDS);
    }
    if (nodeB != null) {
      nodeB.close().await(AWAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void forgetEarlierDeliveries() {
    receivedOnB.clear();
  }

  @Test
  @DisplayName("the two nodes form one cluster of two members")
  void nodesFormOneCluster() {
    assertThat(managerA.getNodes()).containsExactlyInAnyOrder(managerA.getNodeId(), managerB.getNodeId());
    assertThat(managerB.getNodes()).containsExactlyInAnyOrder(managerA.getNodeId(), managerB.getNodeId());
    assertThat(managerA.getNodeId()).isNotEqualTo(managerB.getNodeId());
  }

  @Test
  @DisplayName("an envelope of every sample message arrives on the other node as an equal record, and so does its reply")
  void everySampleEnvelopeCrossesTheCluster() throws Exception {
    List<Envelope<Message>> sent = Samples.all().stream().map(Samples::envelopeOf).collect(Collectors.toList());

    List<Object> replies = sendAll(new ArrayList<>(sent));

    assertThat(receivedOnB).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(replies).containsExactlyElementsOf(sent);
    assertCrossedTheWire(sent);
  }

  @Test
  @DisplayName("a batch of envelopes arrives on the other node as an equal batch, optional headers present or not")
  void aBatchCrossesTheCluster() throws Exception {
    List<Envelope<?>> envelopes = new ArrayList<>();
    envelopes.add(Samples.envelopeOf(Samples.ORDER_PLACED).withPosition(41));
    envelopes.add(Samples.envelopeOf(Samples.STOCK_RESERVED).withPosition(42));
    envelopes.add(Samples.envelopeOf(Samples.PAYMENT_AUTHORIZED).withPosition(43));
    envelopes.add(Samples.envelopeOf(Samples.NOTIFY_CUSTOMER));
    // A flow's first message: no causation and no trace context.
    envelopes.add(Envelope.of(Samples.PLACE_ORDER, UUID.fromString("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e"),
        Instant.parse("2024-05-17T09:29:59Z"), Samples.CORRELATION_ID, null, null));
    EnvelopeBatch batch = new EnvelopeBatch(envelopes);

    List<Object> replies = sendAll(List.of(batch));

    assertThat(receivedOnB).containsExactly(batch);
    assertThat(replies).containsExactly(batch);
    assertCrossedTheWire(List.of(batch));
  }

  /** Sends each body from node A and waits for all replies, in the order sent. */
  private static List<Object> sendAll(List<Object> bodies) throws Exception {
    List<Future<Object>> replies = bodies.stream()
        .map(body -> request(body, NO_HANDLER_RETRIES))
        .collect(Collectors.toList());
    return Future.all(replies)
        .map(all -> replies.stream().map(Future::result).collect(Collectors.toList()))
        .await(AWAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static Future<Object> request(Object body, int attemptsLeft) {
    return nodeA.eventBus().request(ADDRESS, body, SHORT_TIMEOUT)
        .map(io.vertx.core.eventbus.Message::body)
        .recover(failure -> {
          if (attemptsLeft > 1 && failure instanceof ReplyException reply
              && reply.failureType() == ReplyFailure.NO_HANDLERS) {
            return nodeA.timer(NO_HANDLER_RETRY_MS).compose(done -> request(body, attemptsLeft - 1));
          }
          return Future.failedFuture(failure);
        });
  }

  /** Only a copy read from the wire is a different instance; a local delivery would share it. */
  private static void assertCrossedTheWire(List<?> sent) {
    assertThat(receivedOnB).allSatisfy(received -> assertThat(sent).noneMatch(original -> original == received));
  }

  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getByName(Clustering.Settings.LOOPBACK)));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
