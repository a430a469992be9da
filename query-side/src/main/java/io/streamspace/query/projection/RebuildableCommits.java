package io.streamspace.query.projection;

import javax.sql.DataSource;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read models' transactions: they commit without waiting for PostgreSQL to flush their
 * write-ahead log to disk ({@code synchronous_commit = off} for the transaction only).
 *
 * <p>Everything a read model's transaction writes can be rebuilt from the event store, and its
 * token commits in the same transaction. A crash of PostgreSQL or its machine may lose the last few
 * hundred milliseconds of such commits, whole and never in part: the tokens then stand where the
 * rows do, and the processors handle those events again. Commands keep waiting for the flush.
 * Without this, every batch of every work package waited for a flush of its own, and a command's
 * commit, which holds its organization's lock, could queue behind them for the disk.
 */
public final class RebuildableCommits implements TransactionManager {

  private final TransactionManager transactions;
  private final JdbcTemplate jdbc;

  public RebuildableCommits(TransactionManager transactions, DataSource dataSource) {
    this.transactions = transactions;
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @Override
  public Transaction startTransaction() {
    Transaction transaction = transactions.startTransaction();
    try {
      // on the connection the transaction holds; "local" ends with it
      jdbc.execute("set local synchronous_commit to off");
    } catch (RuntimeException e) {
      transaction.rollback();
      throw e;
    }
    return transaction;
  }
}
