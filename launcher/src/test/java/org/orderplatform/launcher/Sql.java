package org.orderplatform.launcher;

import org.orderplatform.messaging.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a test database over JDBC: the tests check what the processes stored, not what they said. */
final class Sql {

  private final TestDatabase db;

  Sql(TestDatabase db) {
    this.db = db;
  }

  /** Rows as column-name maps, in the query's order. */
  List<Map<String, Object>> rows(String sql, Object... params) {
    try (Connection connection = DriverManager.getConnection(db.settings().jdbcUrl(), db.settings().user(),
        db.settings().password());
         PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= columns; c++) {
            row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "': " + e.getMessage(), e);
    }
  }

  /** The single value of a one-row, one-column query; null when there is no row. */
  Object value(String sql, Object... params) {
    List<Map<String, Object>> rows = rows(sql, params);
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  long count(String sql, Object... params) {
    Object value = value(sql, params);
    return value == null ? 0 : ((Number) value).longValue();
  }
}
