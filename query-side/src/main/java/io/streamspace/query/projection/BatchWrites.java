package io.streamspace.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A projection's writes for one batch of its processor, sent as the batch commits: consecutive
 * writes with the same statement go as one JDBC batch, one round trip for them all instead of one
 * per event. Outside a processor's batch (a handler called on its own) each write runs at once.
 *
 * <p>Writes that create a row ({@link #create}) go before those that change one ({@link #change}),
 * so a batch's creates and its changes each become one run of the same statement however they
 * interleave. That keeps every row's own order: an event that creates a row comes before every
 * event that changes it, and the changes keep the order of their events.
 */
public final class BatchWrites {

  private record Write(String sql, Object[] args) {}

  private record Pending(List<Write> creates, List<Write> changes) {}

  private final JdbcTemplate jdbc;
  private final String key;

  /** {@code owner} names the projection, so two projections in one processor keep apart. */
  public BatchWrites(JdbcTemplate jdbc, Class<?> owner) {
    this.jdbc = jdbc;
    this.key = owner.getName() + ".writes";
  }

  /**
   * A write that only creates a row that no earlier event of the batch touches ({@code insert ...
   * on conflict do nothing}), and so may run before the batch's changes.
   */
  public void create(String sql, Object... args) {
    write(true, sql, args);
  }

  /** A write that runs in the order of the batch's events, after its creates. */
  public void change(String sql, Object... args) {
    write(false, sql, args);
  }

  private void write(boolean creates, String sql, Object[] args) {
    Pending pending = pending();
    if (pending == null) {
      jdbc.update(sql, args);
    } else {
      (creates ? pending.creates() : pending.changes()).add(new Write(sql, args));
    }
  }

  private Pending pending() {
    return gathered(
        key,
        () -> new Pending(new ArrayList<>(), new ArrayList<>()),
        pending -> {
          send(pending.creates());
          send(pending.changes());
        });
  }

  private void send(List<Write> writes) {
    int start = 0;
    while (start < writes.size()) {
      String sql = writes.get(start).sql();
      int end = start + 1;
      while (end < writes.size() && writes.get(end).sql().equals(sql)) {
        end++;
      }
      if (end - start == 1) {
        jdbc.update(sql, writes.get(start).args());
      } else {
        jdbc.batchUpdate(sql, writes.subList(start, end).stream().map(Write::args).toList());
      }
      start = end;
    }
  }

  /**
   * What the current processor batch has gathered under {@code key}: made on first use, and handed
   * to {@code send} just before the batch's transaction commits. Null outside a processor's batch.
   */
  public static <T> T gathered(String key, Supplier<T> create, Consumer<T> send) {
    if (!CurrentUnitOfWork.isStarted()) {
      return null;
    }
    UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
    return batch.getOrComputeResource(
        key,
        k -> {
          T gathered = create.get();
          batch.onPrepareCommit(unitOfWork -> send.accept(gathered));
          return gathered;
        });
  }
}
