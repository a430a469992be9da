package io.streamspace.query.paging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The {@code where} clause of a read query, built from optional filters, with its named bind
 * values. Filter values only ever travel as bind parameters; only fixed SQL text is concatenated.
 */
public final class SqlCriteria {

  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> values = new LinkedHashMap<>();

  /** Adds a condition that uses the named parameter {@code :name}. */
  public SqlCriteria and(String condition, String name, Object value) {
    conditions.add(condition);
    values.put(name, value);
    return this;
  }

  /** Adds a condition that uses two named parameters, e.g. a keyset cursor. */
  public SqlCriteria and(
      String condition, String name1, Object value1, String name2, Object value2) {
    conditions.add(condition);
    values.put(name1, value1);
    values.put(name2, value2);
    return this;
  }

  /** Adds a condition without parameters. */
  public SqlCriteria and(String condition) {
    conditions.add(condition);
    return this;
  }

  /** {@code " where a and b"}, or an empty string without conditions. */
  public String where() {
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  /** Binds every collected value (and {@code :limit}) to the statement. */
  public DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, int limit) {
    return bind(spec.bind("limit", limit));
  }

  /** Binds every collected value to the statement. */
  public DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
    DatabaseClient.GenericExecuteSpec bound = spec;
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      bound = bound.bind(entry.getKey(), entry.getValue());
    }
    return bound;
  }

  Map<String, Object> values() {
    return values;
  }

  /** Escapes {@code %}, {@code _} and {@code \} so user text matches literally inside LIKE. */
  public static String likeContaining(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
