package org.orderplatform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import org.orderplatform.plumbing.db.PgSettings;
import org.orderplatform.messaging.deadletter.DeadLetters;
import org.orderplatform.messaging.dispatch.Dispatcher;
import org.orderplatform.messaging.leader.LeaderElection;
import org.orderplatform.messaging.leader.Standing;
import org.orderplatform.messaging.log.EventLog;
import org.orderplatform.messaging.log.Sequencer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs this JVM's candidates for the cluster-wide roles: the sequencer and one dispatcher per
 * subscriber group hosted here. Each role is active in exactly one JVM at a time (advisory lock).
 *
 * <p>Wake-ups travel over the (clustered) event bus, not NOTIFY, which would serialise the
 * appenders' commits: appenders publish {@link Addresses#APPENDED} after their commit and wake the
 * sequencer, the sequencer publishes {@link Addresses#SEQUENCED} after a pass and wakes every JVM's
 * dispatchers. Every JVM that runs these roles is on the bus; what is not (a writer outside the
 * cluster, a lost message) is covered by the sequencer's and the dispatchers' polls. Only the
 * operators' control channel stays a NOTIFY: it is rare, and the admin API may run anywhere.
 */
public final class MessagingVerticle extends VerticleBase {

  /**
   * How candidates retry for and confirm leadership, and how often the sequencer polls: the poll
   * only matters for writers outside the cluster (appends in the cluster wake it at once) and for
   * rows a long transaction held back, so a fraction of a second when idle.
   */
  public record Timing(LeaderElection.Timing leader, Duration sequencerPoll) {
    public static Timing defaults() {
      return new Timing(LeaderElection.Timing.defaults(), Duration.ofMillis(200));
    }
  }

  private static final Logger log = LoggerFactory.getLogger(MessagingVerticle.class);
  public static final String SEQUENCER_ROLE = "sequencer";
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(5);

  private final PgSettings settings;
  private final Pool pool;
  private final List<Subscription<?>> subscriptions;
  private final Clock clock;
  private final Timing timing;
  private final Supplier<RandomGenerator> jitter;
  private final MeterRegistry meters;
  private final List<Dispatcher> dispatchers = new ArrayList<>();
  private final List<LeaderElection> elections = new ArrayList<>();
  // Filled once in start(), read by readiness checks on other event loops.
  private volatile Map<String, LeaderElection> candidates = Map.of();
  private Sequencer sequencer;
  private PgSubscriber notifications;

  /** {@code meters} get the sequencer's lag and what came of each dispatcher's sends. */
  public MessagingVerticle(PgSettings settings, Pool pool, List<Subscription<?>> subscriptions, Clock clock, Timing timing,
                           MeterRegistry meters) {
    this(settings, pool, subscriptions, clock, timing, SplittableRandom::new, meters);
  }

  /** {@code jitter} gives each dispatcher the source of its retry delays (tests make them deterministic). */
  public MessagingVerticle(PgSettings settings, Pool pool, List<Subscription<?>> subscriptions, Clock clock, Timing timing,
                           Supplier<RandomGenerator> jitter, MeterRegistry meters) {
    this.settings = settings;
    this.pool = pool;
    this.subscriptions = List.copyOf(subscriptions);
    this.clock = clock;
    this.timing = timing;
    this.jitter = jitter;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    // Each statement of a consumer's transaction may run as long as the statement timeout allows;
    // a sender that gave up sooner would retry while the first attempt could still commit.
    Duration statementTimeout = settings.timeouts().statement();
    for (Subscription<?> subscription : subscriptions) {
      if (subscription.settings().sendTimeout().compareTo(statementTimeout) <= 0) {
        return Future.failedFuture(new IllegalStateException("group '" + subscription.group() + "': its sendTimeout ("
            + subscription.settings().sendTimeout().toMillis() + "ms) must be above the database statement timeout ("
            + statementTimeout.toMillis() + "ms, PG_STATEMENT_TIMEOUT), or a consumer's transaction could outlive the"
            + " sender's wait"));
      }
    }
    EventLog eventLog = new EventLog(pool);
    DeadLetters deadLetters = new DeadLetters(pool);
    sequencer = new Sequencer(vertx, 10_000, timing.sequencerPoll(), meters);
    Map<String, LeaderElection> byRole = new LinkedHashMap<>();
    byRole.put(SEQUENCER_ROLE, new LeaderElection(vertx, settings, "order-platform:sequencer", sequencer,
        timing.leader()));
    for (Subscription<?> subscription : subscriptions) {
      Dispatcher dispatcher = new Dispatcher(vertx, pool, eventLog, deadLetters, subscription, clock, jitter.get(),
          meters);
      dispatchers.add(dispatcher);
      byRole.put(subscription.group(), new LeaderElection(vertx, settings,
          "order-platform:dispatcher:" + subscription.group(), dispatcher, timing.leader()));
    }
    elections.addAll(byRole.values());
    candidates = Collections.unmodifiableMap(byRole);
    MessageConsumer<Object> appended = vertx.eventBus().consumer(Addresses.APPENDED, message -> sequencer.wake());
    MessageConsumer<Object> sequenced = vertx.eventBus().consumer(Addresses.SEQUENCED,
        message -> dispatchers.stream().filter(d -> takesAny(d, message.body())).forEach(Dispatcher::wake));
    notifications = PgSubscriber.subscriber(vertx, settings.connectOptions())
        .reconnectPolicy(retries -> 500L);
    notifications.channel(Addresses.CONTROL_CHANNEL).handler(payload -> dispatchers.forEach(Dispatcher::checkControl));
    return Future.all(appended.completion(), sequenced.completion(), notifications.connect())
        .onSuccess(v -> elections.forEach(LeaderElection::start));
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> stopping = new ArrayList<>();
    elections.forEach(election -> stopping.add(election.stop()));
    if (notifications != null) {
      stopping.add(notifications.close());
    }
    // A connection that never answers its close (seen once in a test while Vert.x was closing the
    // pools under it) must not hold the JVM's shutdown: the server ends its session anyway.
    return Future.join(stopping).timeout(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
        .onFailure(e -> log.warn("messaging roles did not stop within {}: {}", STOP_PATIENCE, e.toString()))
        .otherwiseEmpty();
  }

  // The sequencer names the types it numbered: a group that takes none of them need not read.
  private static boolean takesAny(Dispatcher dispatcher, Object sequencedTypes) {
    return !(sequencedTypes instanceof JsonArray types) || types.stream().anyMatch(dispatcher::takes);
  }

  /**
   * Where each of this JVM's candidates stands, by role: {@value #SEQUENCER_ROLE}, then each
   * group's dispatcher by the group's name.
   */
  public Map<String, Standing> standings() {
    Map<String, Standing> standings = new LinkedHashMap<>();
    candidates.forEach((role, election) -> standings.put(role, election.standing()));
    return standings;
  }

  public List<Dispatcher> dispatchers() {
    return List.copyOf(dispatchers);
  }

  public Sequencer sequencer() {
    return sequencer;
  }
}
