package org.orderplatform.launcher.probes;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.runtime.ReadinessCheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@value #NAME}: every database this JVM uses answers within {@link #TIMEOUT}, and has the Flyway
 * schema history of each schema this JVM needs there (the event log's, each local service's).
 * One cheap query per database: a catalog lookup, no table is read.
 */
public final class DatabaseReadiness {

  public static final String NAME = "database";
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  static final String MIGRATED = """
      select schema_name, to_regclass(quote_ident(schema_name) || '.flyway_schema_history') is not null as migrated
        from unnest($1::text[]) as s(schema_name)
      """;

  private DatabaseReadiness() {
  }

  /** @param schemasByPool the schemas each pool's database must hold */
  public static ReadinessCheck check(Map<Pool, List<String>> schemasByPool) {
    return new ReadinessCheck(NAME, () -> {
      List<Future<Answer>> answers = new ArrayList<>();
      schemasByPool.forEach((pool, schemas) -> answers.add(ask(pool, schemas)));
      return Future.all(answers).map(all -> {
        JsonObject migrated = new JsonObject();
        List<String> problems = new ArrayList<>();
        for (Future<Answer> answer : answers) {
          migrated.mergeIn(answer.result().migrated());
          if (answer.result().problem() != null) {
            problems.add(answer.result().problem());
          }
        }
        migrated.forEach(schema -> {
          if (!Boolean.TRUE.equals(schema.getValue())) {
            problems.add("schema '" + schema.getKey() + "' is not migrated");
          }
        });
        JsonObject data = new JsonObject().put("migrated", migrated);
        return problems.isEmpty() ? Status.OK(data) : Status.KO(data.put("problems", new JsonArray(problems)));
      });
    });
  }

  /** One database's answer: the schemas it holds migrated, or why it did not say. */
  private record Answer(JsonObject migrated, String problem) {
  }

  private static Future<Answer> ask(Pool pool, List<String> schemas) {
    return pool.preparedQuery(MIGRATED).execute(Tuple.of(schemas.toArray(String[]::new)))
        .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .map(rows -> {
          JsonObject migrated = new JsonObject();
          rows.forEach(row -> migrated.put(row.getString("schema_name"), row.getBoolean("migrated")));
          return new Answer(migrated, null);
        })
        .recover(e -> {
          JsonObject unknown = new JsonObject();
          schemas.forEach(schema -> unknown.put(schema, false));
          return Future.succeededFuture(new Answer(unknown, "no answer from the database of "
              + String.join(", ", schemas) + " (limit " + TIMEOUT.toMillis() + " ms): " + e));
        });
  }
}
