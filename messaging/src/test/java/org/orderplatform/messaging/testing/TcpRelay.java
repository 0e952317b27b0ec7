package org.orderplatform.messaging.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.orderplatform.messaging.testing.Awaiting.await;

/**
 * A TCP relay between a client and a server on loopback that can go silent: from then on it
 * forwards nothing, in either direction, and passes on no close, as a network partition would.
 * Neither side sees an error; the client's requests simply never get an answer.
 */
public final class TcpRelay implements AutoCloseable {

  private final Vertx vertx;
  private final NetServer server;
  private final Set<Integer> upstreamPorts = ConcurrentHashMap.newKeySet();
  private volatile boolean silent;

  private TcpRelay(Vertx vertx, NetServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Relays to {@code host:port} from a free port on 127.0.0.1, on a Vertx of its own. */
  public static TcpRelay start(String host, int port) {
    Vertx vertx = Vertx.vertx();
    var relay = new TcpRelay[1];
    NetServer server = vertx.createNetServer().connectHandler(client -> relay[0].accept(client, host, port));
    relay[0] = new TcpRelay(vertx, await(server.listen(0, "127.0.0.1")));
    return relay[0];
  }

  private void accept(NetSocket client, String host, int port) {
    client.pause();
    vertx.createNetClient().connect(port, host).onSuccess(upstream -> {
      upstreamPorts.add(upstream.localAddress().port());
      client.handler(data -> {
        if (!silent) {
          upstream.write(data);
        }
      });
      upstream.handler(data -> {
        if (!silent) {
          client.write(data);
        }
      });
      client.closeHandler(v -> {
        if (!silent) {
          upstream.close();
        }
      });
      upstream.closeHandler(v -> {
        if (!silent) {
          client.close();
        }
      });
      client.resume();
    }).onFailure(e -> client.close());
  }

  public int port() {
    return server.actualPort();
  }

  /** The local ports of the relay's connections to the server: {@code pg_stat_activity.client_port}. */
  public Set<Integer> upstreamPorts() {
    return Set.copyOf(upstreamPorts);
  }

  /** From now on nothing passes, not even a close. */
  public void silence() {
    silent = true;
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
