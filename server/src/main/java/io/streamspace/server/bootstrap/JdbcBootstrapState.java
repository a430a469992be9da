package io.streamspace.server.bootstrap;

import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The first-start steps done, in the {@code bootstrap_state} table shared by all replicas. */
@Component
class JdbcBootstrapState implements BootstrapState {

  private final JdbcClient jdbc;

  JdbcBootstrapState(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  @Override
  public Set<String> completedSteps() {
    return new HashSet<>(jdbc.sql("select step from bootstrap_state").query(String.class).list());
  }

  @Override
  public void markDone(String step) {
    jdbc.sql(
            "insert into bootstrap_state (step, completed_at) values (?, now())"
                + " on conflict (step) do nothing")
        .param(step)
        .update();
  }
}
