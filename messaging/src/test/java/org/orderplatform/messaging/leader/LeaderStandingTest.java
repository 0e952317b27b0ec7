package org.orderplatform.messaging.leader;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.plumbing.db.PgSettings;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

/** What a candidate tells readiness about itself. */
@DisplayName("a candidate's standing")
class LeaderStandingTest {

  private static final String LOCK = "test:standing";
  private static final LeaderElection.Timing FAST =
      new LeaderElection.Timing(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));

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

  private static LeaderElection.Role role(Future<Void> leading) {
    return new LeaderElection.Role() {
      @Override
      public Future<Void> lead(Lease lease) {
        return leading;
      }

      @Override
      public void demoted() {
      }
    };
  }

  private LeaderElection started(PgSettings settings, LeaderElection.Role role) {
    LeaderElection election = new LeaderElection(vertx, settings, LOCK, role, FAST);
    vertx.runOnContext(v -> election.start());
    return election;
  }

  @Test
  @DisplayName("one candidate leads and the other stands by, and both are in good order")
  void leadsAndStandsBy() {
    LeaderElection first = started(db.settings(), role(Future.succeededFuture()));
    eventually(first::standing, s -> s.state() == Standing.State.LEADING, "the first to lead");
    LeaderElection second = started(db.settings(), role(Future.succeededFuture()));
    eventually(second::standing, s -> s.state() == Standing.State.STANDING_BY, "the second to stand by");

    assertThat(first.standing().inGoodOrder()).isTrue();
    assertThat(second.standing().inGoodOrder()).isTrue();
  }

  @Test
  @DisplayName("a role that fails to start leading leaves its candidate FAILED_TO_LEAD, naming the error")
  void failedToLead() {
    LeaderElection election = started(db.settings(),
        role(Future.failedFuture(new IllegalStateException("cannot load the group"))));

    Standing standing = eventually(election::standing,
        s -> s.state() == Standing.State.FAILED_TO_LEAD, "the role to fail to lead");
    assertThat(standing.inGoodOrder()).isFalse();
    assertThat(standing.problem()).contains("cannot load the group");
  }

  @Test
  @DisplayName("a candidate that cannot reach its database has a CONNECTION_PROBLEM and is not in good order")
  void unreachable() throws Exception {
    int closed;
    try (var socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    PgSettings nowhere = PgSettings.parse("postgresql://postgres@127.0.0.1:" + closed + "/postgres", 1);
    LeaderElection election = started(nowhere, role(Future.succeededFuture()));

    Standing standing = eventually(election::standing,
        s -> s.state() == Standing.State.CONNECTION_PROBLEM, "the candidate to report the connection");
    assertThat(standing.inGoodOrder()).isFalse();
    assertThat(standing.problem()).isNotBlank();
  }
}
