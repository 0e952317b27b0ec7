package org.orderplatform.messaging.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Every subscriber group's state as gauges, read with the admin API's own queries
 * ({@link AdminSql#GROUPS}, {@link AdminSql#AGES}) on a timer: a scrape only reads memory, and a
 * group of another JVM's services is reported too (they are rows of one table). Every JVM reports
 * the same values; a dashboard takes the {@code max} per group.
 *
 * <ul>
 *   <li>{@code subscription_lag_events{group}}: sequenced events past the group's cursor;</li>
 *   <li>{@code subscription_lag_seconds{group}}: how long the first of them has waited;</li>
 *   <li>{@code subscription_dead_letters_open{group}}: dead letters not yet resolved;</li>
 *   <li>{@code subscription_parked_events{group}}: events parked behind them;</li>
 *   <li>{@code eventlog_oldest_unsequenced_seconds}, {@code eventlog_oldest_transaction_seconds}:
 *       what holds every group back (0 when nothing does).</li>
 * </ul>
 */
public final class GroupGauges extends VerticleBase {

  public static final Duration DEFAULT_EVERY = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(GroupGauges.class);

  /** One group's last reading; written on this verticle's event loop, read by scrapes on any thread. */
  private static final class Reading {
    volatile double lagEvents;
    volatile double lagSeconds;
    volatile double deadLetters;
    volatile double parked;
  }

  private final Pool pool;
  private final MeterRegistry meters;
  private final Duration every;
  private final Map<String, Reading> groups = new ConcurrentHashMap<>();
  private volatile double oldestUnsequenced;
  private volatile double oldestTransaction;

  public GroupGauges(Pool pool, MeterRegistry meters) {
    this(pool, meters, DEFAULT_EVERY);
  }

  public GroupGauges(Pool pool, MeterRegistry meters, Duration every) {
    this.pool = pool;
    this.meters = meters;
    this.every = every;
  }

  @Override
  public Future<?> start() {
    Gauge.builder("eventlog.oldest.unsequenced.seconds", this, g -> g.oldestUnsequenced)
        .description("Age of the oldest appended row not yet given a position").register(meters);
    Gauge.builder("eventlog.oldest.transaction.seconds", this, g -> g.oldestTransaction)
        .description("Age of the oldest open transaction of a client (it holds the sequencer back)").register(meters);
    vertx.setPeriodic(every.toMillis(), id -> refresh());
    // The first reading before the start completes, so the gauges are there from the first scrape;
    // a database that is down then only leaves them out until it answers.
    return refresh().otherwiseEmpty();
  }

  /** Reads every group's state once; a failure keeps the last values. */
  Future<Void> refresh() {
    Future<RowSet<Row>> rows = pool.query(AdminSql.GROUPS).execute();
    Future<RowSet<Row>> ages = pool.query(AdminSql.AGES).execute();
    return Future.all(rows, ages).<Void>map(both -> {
      rows.result().forEach(row -> {
        Reading reading = groups.computeIfAbsent(row.getString("group_name"), this::register);
        reading.lagEvents = row.getLong("head") - row.getLong("cursor");
        reading.lagSeconds = row.getDouble("lag_seconds");
        reading.deadLetters = row.getLong("dead_letters");
        reading.parked = row.getLong("parked");
      });
      Row age = ages.result().iterator().next();
      oldestUnsequenced = orZero(age.getDouble("unsequenced"));
      oldestTransaction = orZero(age.getDouble("transaction"));
      return null;
    }).onFailure(e -> log.warn("reading the subscriber groups' gauges failed: {}", e.toString()));
  }

  private Reading register(String group) {
    Reading reading = new Reading();
    gauge("subscription.lag.events", group, reading, r -> r.lagEvents,
        "Sequenced events past the group's cursor");
    gauge("subscription.lag.seconds", group, reading, r -> r.lagSeconds,
        "How long the first event past the group's cursor has waited");
    gauge("subscription.dead.letters.open", group, reading, r -> r.deadLetters,
        "The group's dead letters not yet resolved (open or retry requested)");
    gauge("subscription.parked.events", group, reading, r -> r.parked,
        "The group's events parked behind a dead letter of their aggregate");
    return reading;
  }

  private void gauge(String name, String group, Reading reading, ToDoubleFunction<Reading> value, String description) {
    Gauge.builder(name, reading, value).description(description).tag("group", group).strongReference(true)
        .register(meters);
  }

  private static double orZero(Double seconds) {
    return seconds == null ? 0 : seconds;
  }
}
