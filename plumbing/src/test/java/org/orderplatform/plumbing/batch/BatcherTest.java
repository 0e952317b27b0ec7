package org.orderplatform.plumbing.batch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("requests run together")
class BatcherTest {

  /** A work function whose runs the test completes by hand. */
  private static final class Runs implements Batcher.Work<Integer, String> {
    final List<List<Integer>> batches = new ArrayList<>();
    final List<Promise<List<String>>> pending = new ArrayList<>();

    @Override
    public Future<List<String>> run(List<Integer> requests) {
      batches.add(List.copyOf(requests));
      Promise<List<String>> done = Promise.promise();
      pending.add(done);
      return done.future();
    }

    void answer(int run) {
      List<Integer> batch = batches.get(run);
      if (batch.contains(13)) {
        pending.get(run).fail("13 is bad");
      } else {
        pending.get(run).complete(batch.stream().map(i -> "r" + i).toList());
      }
    }
  }

  @Test
  @DisplayName("alone at low load; under load, everything waiting goes in the next batch, never more than maxRunning at once")
  void batchesWhatWaits() {
    Runs runs = new Runs();
    Batcher<Integer, String> batcher = new Batcher<>(2, 100, runs, error -> true);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      results.add(batcher.submit(i));
    }
    assertThat(runs.batches).containsExactly(List.of(0), List.of(1));

    runs.answer(0);
    assertThat(runs.batches).hasSize(3);
    assertThat(runs.batches.get(2)).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
    runs.answer(1);
    runs.answer(2);
    assertThat(results).allMatch(Future::succeeded);
    assertThat(results.get(7).result()).isEqualTo("r7");
  }

  @Test
  @DisplayName("a failed batch is halved until the bad request fails alone")
  void badRequestFailsAlone() {
    Runs runs = new Runs();
    Batcher<Integer, String> batcher = new Batcher<>(1, 100, runs, error -> true);
    Future<String> first = batcher.submit(0);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 10; i < 18; i++) {
      results.add(batcher.submit(i));
    }
    runs.answer(0);
    for (int run = 1; run < runs.batches.size(); run++) {
      runs.answer(run);
    }
    assertThat(first.succeeded()).isTrue();
    assertThat(results).filteredOn(Future::failed).hasSize(1);
    assertThat(results.get(3).failed()).as("request 13").isTrue();
    assertThat(runs.batches.size()).as("runs for 8 requests with one bad").isLessThanOrEqualTo(1 + 1 + 2 + 2 + 2);
  }

  @Test
  @DisplayName("a failure that is not one request's fault fails the whole batch at once, without extra runs")
  void outageFailsTheBatch() {
    Runs runs = new Runs();
    Batcher<Integer, String> batcher = new Batcher<>(1, 100, runs, error -> false);
    batcher.submit(0);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 10; i < 18; i++) {
      results.add(batcher.submit(i));
    }
    runs.answer(0);
    runs.answer(1);
    assertThat(results).allMatch(Future::failed);
    assertThat(runs.batches).hasSize(2);
  }
}
