package org.orderplatform.delivery;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.orderplatform.delivery.application.AdvanceDueShipments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Demo mode: every {@code every}, advances the shipments whose next step is due. It runs on every
 * JVM with the delivery service and needs no leader: due rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so two scans never take one step twice. Deployed only when
 * {@code DELIVERY_AUTOPROGRESS} is on.
 */
final class AutoProgressScanner extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(AutoProgressScanner.class);

  private final AdvanceDueShipments advance;
  private final Duration every;
  private final int batch;
  private long timer = -1;
  private boolean scanning;

  AutoProgressScanner(AdvanceDueShipments advance, Duration every, int batch) {
    this.advance = advance;
    this.every = every;
    this.batch = batch;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(every.toMillis(), id -> scan());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    timer = -1;
    return Future.succeededFuture();
  }

  private void scan() {
    if (scanning) {
      return;
    }
    scanning = true;
    advance.advanceDue(batch).onComplete(advanced -> {
      scanning = false;
      if (advanced.failed()) {
        log.warn("delivery auto-progress scan failed, retrying on the next tick: {}", advanced.cause().toString());
      } else if (advanced.result() == batch && timer >= 0) {
        scan();
      }
    });
  }
}
