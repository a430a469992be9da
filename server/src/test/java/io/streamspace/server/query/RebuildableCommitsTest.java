package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.query.projection.ProjectionGroups;
import io.streamspace.query.projection.RebuildableCommits;
import io.streamspace.server.support.IntegrationTest;
import java.lang.reflect.Field;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The read models' transactions do not wait for the disk; commands' transactions and the agent
 * dispatcher's (whose commits are followed by orders to agents) still do.
 */
class RebuildableCommitsTest extends IntegrationTest {

  @Autowired Configuration axon;

  @Test
  void everyReadModelsProcessorCommitsWithoutWaitingForTheDisk() throws Exception {
    for (String readModel : ProjectionGroups.ALL) {
      TransactionManager transactions = transactionManagerOf(readModel);

      assertThat(transactions).as(readModel).isInstanceOf(RebuildableCommits.class);
      assertThat(synchronousCommitIn(transactions)).as(readModel).isEqualTo("off");
    }
  }

  @Test
  void commandsAndTheAgentDispatcherStillWaitForTheDisk() throws Exception {
    TransactionManager commands = axon.getComponent(TransactionManager.class);

    assertThat(commands).isInstanceOf(SpringTransactionManager.class);
    assertThat(synchronousCommitIn(commands)).isEqualTo("on");
    assertThat(transactionManagerOf("agent-dispatch")).isInstanceOf(SpringTransactionManager.class);
  }

  @Test
  void theSettingEndsWithItsTransaction() throws Exception {
    TransactionManager readModels = transactionManagerOf(ProjectionGroups.SESSIONS);
    Transaction transaction = readModels.startTransaction();
    Integer backend = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
    transaction.commit();

    // Hikari hands a thread the connection it last returned, if idle: the same backend
    Transaction next = axon.getComponent(TransactionManager.class).startTransaction();
    try {
      assertThat(jdbc.queryForObject("select pg_backend_pid()", Integer.class)).isEqualTo(backend);
      assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
    } finally {
      next.rollback();
    }
  }

  private String synchronousCommitIn(TransactionManager transactions) {
    Transaction transaction = transactions.startTransaction();
    try {
      return jdbc.queryForObject("show synchronous_commit", String.class);
    } finally {
      transaction.rollback();
    }
  }

  private TransactionManager transactionManagerOf(String processingGroup) throws Exception {
    String processor =
        axon.eventProcessingConfiguration()
            .eventProcessorByProcessingGroup(processingGroup)
            .map(EventProcessor::getName)
            .orElseThrow();
    PooledStreamingEventProcessor pooled =
        axon.eventProcessingConfiguration()
            .eventProcessor(processor, PooledStreamingEventProcessor.class)
            .orElseThrow();
    Field field = PooledStreamingEventProcessor.class.getDeclaredField("transactionManager");
    field.setAccessible(true);
    return (TransactionManager) field.get(pooled);
  }
}
