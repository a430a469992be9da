package io.streamspace.query.paging;

import io.r2dbc.spi.Row;
import java.util.List;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * One read table as the read API queries it: its columns, how a row becomes a view, and the name of
 * its list, which its page tokens carry. Holds the select, keyset and paging plumbing the queries
 * of every read model share; their filters stay with them.
 */
public final class ReadTable<T> {

  private final DatabaseClient db;
  private final String table;
  private final String columns;
  private final String list;
  private final Function<Row, T> view;

  /**
   * @param columns the select list, fixed SQL text
   * @param list the name of the table's list, as in {@link PageRequest#parse}
   */
  public ReadTable(
      DatabaseClient db, String table, String columns, String list, Function<Row, T> view) {
    this.db = db;
    this.table = table;
    this.columns = columns;
    this.list = list;
    this.view = view;
  }

  /** The row with id {@code id}, if it also meets {@code conditions} (fixed SQL text). */
  public Mono<T> find(String id, String... conditions) {
    SqlCriteria criteria = new SqlCriteria().and("id = :id", "id", id);
    for (String condition : conditions) {
      criteria.and(condition);
    }
    return criteria.bind(db.sql(select(criteria))).map((row, meta) -> view.apply(row)).one();
  }

  /**
   * One page of the rows meeting {@code criteria}, in ascending order of {@code nameColumn} then
   * id, continuing after the page token's name and id. Names need not be unique: the id breaks
   * ties, so paging never repeats or skips a row.
   */
  public Mono<Page<T>> pageByName(
      String nameColumn,
      SqlCriteria criteria,
      PageRequest page,
      Function<T, String> name,
      Function<T, String> id) {
    page.after()
        .ifPresent(
            token ->
                criteria.and(
                    "(" + nameColumn + ", id) > (:afterName, :afterId)",
                    "afterName",
                    token.key(0),
                    "afterId",
                    token.key(1)));
    return page(
        criteria, nameColumn + ", id", page, row -> List.of(name.apply(row), id.apply(row)));
  }

  /**
   * One page of the rows meeting {@code criteria} in {@code orderBy} order (fixed SQL text); the
   * criteria already hold the keyset condition of {@code page}'s token, and {@code sortKeys} gives
   * a row's values of the order's columns for the next token.
   */
  public Mono<Page<T>> page(
      SqlCriteria criteria, String orderBy, PageRequest page, Function<T, List<String>> sortKeys) {
    String sql = select(criteria) + " order by " + orderBy + " limit :limit";
    return criteria
        .bind(db.sql(sql), page.fetchSize())
        .map((row, meta) -> view.apply(row))
        .all()
        .collectList()
        .map(rows -> page.page(rows, list, sortKeys));
  }

  private String select(SqlCriteria criteria) {
    return "select " + columns + " from " + table + criteria.where();
  }
}
