package org.orderplatform.messaging.leader;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.messaging.testing.Awaiting;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

@DisplayName("leader election on an advisory lock")
class LeaderElectionTest {

  private static final String LOCK = "test:election";
  private static final LeaderElection.Timing RETRY =
      new LeaderElection.Timing(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));
  private static final Duration TAKEOVER = Duration.ofSeconds(5);

  private TestDatabase db;
  private Vertx vertx;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    try {
      await(vertx.close());
    } finally {
      db.close();
    }
  }

  /** Counts its terms of leadership. */
  private static final class Counting implements LeaderElection.Role {
    final AtomicInteger led = new AtomicInteger();
    final AtomicInteger demoted = new AtomicInteger();

    @Override
    public Future<Void> lead(Lease lease) {
      led.incrementAndGet();
      return Future.succeededFuture();
    }

    @Override
    public void demoted() {
      demoted.incrementAndGet();
    }
  }

  @Test
  @DisplayName("a candidate stopped while its first try is under way leaves the lock free for the next one")
  void stoppedDuringItsFirstTry() {
    Counting early = new Counting();
    LeaderElection stopped = new LeaderElection(vertx, db.settings(), LOCK, early, RETRY);
    Promise<Void> stopping = Promise.promise();
    // Same event-loop turn: the connection for the first try is still being opened when stop() runs.
    vertx.runOnContext(v -> {
      stopped.start();
      stopped.stop().onComplete(stopping);
    });
    await(stopping.future());

    Counting next = new Counting();
    LeaderElection candidate = new LeaderElection(vertx, db.settings(), LOCK, next, RETRY);
    long startedAt = System.nanoTime();
    vertx.runOnContext(v -> candidate.start());

    eventually(next.led::get, terms -> terms == 1, "the next candidate to lead");
    assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(TAKEOVER);
    assertThat(early.led.get()).isZero();
    assertThat(stopped.leading()).isFalse();
    vertx.runOnContext(v -> candidate.stop());
    eventually(next.demoted::get, n -> n == 1, "the leader demoted by its stop");
  }

  @Test
  @DisplayName("of two candidates exactly one leads, and the other follows once the leader stops")
  void oneLeaderAtATime() {
    Counting a = new Counting();
    Counting b = new Counting();
    LeaderElection first = new LeaderElection(vertx, db.settings(), LOCK, a, RETRY);
    LeaderElection second = new LeaderElection(vertx, db.settings(), LOCK, b, RETRY);
    vertx.runOnContext(v -> {
      first.start();
      second.start();
    });
    eventually(() -> a.led.get() + b.led.get(), n -> n == 1, "a leader");
    LeaderElection leader = a.led.get() == 1 ? first : second;
    Counting follower = a.led.get() == 1 ? b : a;

    long stoppedAt = System.nanoTime();
    vertx.runOnContext(v -> leader.stop());
    eventually(follower.led::get, n -> n == 1, "the follower to lead");
    assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(TAKEOVER);
    assertThat(a.led.get() + b.led.get()).isEqualTo(2);
  }
}
